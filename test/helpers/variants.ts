// What a deliberately broken variant (test/fixtures/<exercise>/<variant>/ with an expect.json) must score:
// it loses points on exactly the checks its expect.json names, and keeps full points everywhere else
// (apart from the few listed in mayAlsoFail). `npm test` grades each variant on its own checks and a
// sample of the others (test/broken-variants.test.ts); `npm run test:long` grades every variant on every
// check (test/long/broken-variants.test.ts).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import type { GradeResult } from "../../grader/generated/result.js";
import { root } from "./cli.js";
import { fixturesDir, listDirs } from "./fixtures.js";

interface VariantExpectation {
  description: string;
  fails: string[];
  mayAlsoFail?: string[];
}

/** The exercises with fixtures, and each one's variants (the folders with an expect.json). */
export async function variantsByExercise(): Promise<[string, string[]][]> {
  const exercises = (await listDirs(fixturesDir)).filter((d) => /^exercise-\d+$/.test(d));
  const out: [string, string[]][] = [];
  for (const exercise of exercises) {
    const variants = (await listDirs(path.join(fixturesDir, exercise))).filter((v) => existsSync(path.join(fixturesDir, exercise, v, "expect.json")));
    if (variants.length) out.push([exercise, variants]);
  }
  return out;
}

/**
 * The variants `npm test` grades (test:long grades them all): for each check, the variant that breaks it
 * with the fewest other checks broken beside it (the most precise witness of that clause; the first in folder
 * order on a tie), and the first variant that must keep full marks. Every check that any variant breaks is
 * still shown lost by one, in half the gradings.
 */
export function coveringVariants(exercise: string, variants: string[]): string[] {
  const fails = new Map(variants.map((v) => [v, readExpectation(exercise, v).fails]));
  const picked = new Set<string>();
  for (const { id: check } of exerciseChecks(exercise)) {
    const witnesses = variants.filter((v) => fails.get(v)!.includes(check));
    if (witnesses.length) picked.add(witnesses.reduce((a, b) => (fails.get(b)!.length < fails.get(a)!.length ? b : a)));
  }
  const correct = variants.find((v) => fails.get(v)!.length === 0);
  if (correct) picked.add(correct);
  return variants.filter((v) => picked.has(v));
}

/** The course's exercise.json of `id`, as read (the fields the variant tests look at). */
export function exerciseJson(id: string): { kind: string; checks: { id: string; requires?: string[] }[] } {
  return JSON.parse(readFileSync(path.join(root, "exercises", id, "exercise.json"), "utf8"));
}

export function exerciseChecks(id: string): { id: string; requires?: string[] }[] {
  return exerciseJson(id).checks;
}

export function readExpectation(exercise: string, variant: string): VariantExpectation {
  return JSON.parse(readFileSync(path.join(fixturesDir, exercise, variant, "expect.json"), "utf8")) as VariantExpectation;
}

/** The checks `npm test` grades a variant on: the ones it must (or may) lose, the checks those require (for
 * their scaling), and `sample` of the others, a different few for each variant (by its place in the list),
 * so that together the variants still cover every check. */
export function checksToGrade(exercise: string, variant: string, index: number, sample = 2): string[] {
  const expectation = readExpectation(exercise, variant);
  const checks = exerciseChecks(exercise);
  const own = new Set([...expectation.fails, ...(expectation.mayAlsoFail ?? [])]);
  for (const c of checks) if (expectation.fails.includes(c.id)) for (const r of c.requires ?? []) own.add(r);
  const others = checks.map((c) => c.id).filter((id) => !own.has(id));
  const picked = others.length ? Array.from({ length: Math.min(sample, others.length) }, (_, k) => others[(index * sample + k) % others.length]) : [];
  return [...own, ...picked];
}

export function expectVariantScore(exercise: string, variant: string, result: GradeResult | undefined): void {
  const expectation = readExpectation(exercise, variant);
  expect(result, `${variant} has a result`).toBeDefined();
  expect(result!.status).toBe("graded");
  const lost = result!.tests.filter((t) => t.score < t.max_score).map((t) => t.id);
  for (const id of expectation.fails) {
    const test = result!.tests.find((t) => t.id === id);
    expect(test, `check ${id} exists`).toBeDefined();
    expect(lost, `${variant} (${expectation.description}) must lose points on ${id}`).toContain(id);
    expect(test!.status).not.toBe("passed");
    // The failure names its clause and shows what went wrong.
    expect(test!.clause.length).toBeGreaterThan(10);
    expect(test!.cases.length + (test!.note ? 1 : 0)).toBeGreaterThan(0);
  }
  const allowed = new Set([...expectation.fails, ...(expectation.mayAlsoFail ?? [])]);
  // A check whose own cases all pass may still lose points through `requires` when the variant breaks
  // the check it requires: that is the gate working, not a second broken clause.
  const requires = new Map(exerciseChecks(exercise).map((c) => [c.id, c.requires ?? []]));
  const gatedOnly = (id: string) => {
    const t = result!.tests.find((x) => x.id === id)!;
    return Boolean(t.note) && t.passed_cases === t.total_cases && requires.get(id)!.some((r) => expectation.fails.includes(r));
  };
  const unexpected = result!.tests.filter((t) => lost.includes(t.id) && !allowed.has(t.id) && !gatedOnly(t.id));
  // On a failure, say why each unexpected check lost (its first failed case), so a rare one can be read from a CI log.
  const lossWords = unexpected.map((t) => {
    const c = t.cases.find((x) => x.status !== "passed");
    return `${t.id}: ${c ? `case ${c.id}${c.exit ? ` (${c.exit})` : ""}: ${c.message}` : (t.note ?? "")}`.slice(0, 600);
  });
  const why = unexpected.length ? [...lossWords, ...(result!.warnings ?? []).map((w) => `warning: ${w}`.slice(0, 400)), `graded in ${result!.execution_time} s`].join("\n") : "";
  expect(unexpected.map((t) => t.id), `${variant} loses points only where expected\n${why}`).toEqual([]);
  // A variant with nothing in `fails` is correct but noisy or slow: it must keep full marks.
  if (expectation.fails.length === 0) expect(result!.score).toBe(result!.max_score);
  else expect(result!.score).toBeLessThan(result!.max_score);
}
