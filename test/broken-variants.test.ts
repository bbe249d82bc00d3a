// Each deliberately broken variant (test/fixtures/<exercise>/<variant>/) breaks one clause of the contract.
// It must lose points on exactly the checks its expect.json names, and keep full points everywhere else
// (apart from the few listed in mayAlsoFail). A variant that names no check is correct but noisy or slow,
// and must score full marks.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gradeJson, root } from "./helpers/cli.js";
import { fixturesDir, listDirs } from "./helpers/fixtures.js";

interface VariantExpectation {
  description: string;
  fails: string[];
  mayAlsoFail?: string[];
}

const exercises = (await listDirs(fixturesDir)).filter((d) => /^exercise-\d+$/.test(d));

function exerciseChecks(id: string): { id: string; requires?: string[] }[] {
  return JSON.parse(readFileSync(path.join(root, "exercises", id, "exercise.json"), "utf8")).checks;
}

for (const exercise of exercises) {
  const variants = (await listDirs(path.join(fixturesDir, exercise))).filter((v) => existsSync(path.join(fixturesDir, exercise, v, "expect.json")));
  if (variants.length === 0) continue;
  describe.concurrent(`${exercise} broken variants`, () => {
    it.each(variants)("%s", async (variant) => {
      const dir = path.join(fixturesDir, exercise, variant);
      const expectation = JSON.parse(readFileSync(path.join(dir, "expect.json"), "utf8")) as VariantExpectation;
      const { result } = await gradeJson(exercise, dir);
      expect(result.status).toBe("graded");
      const lost = result.tests.filter((t) => t.score < t.max_score).map((t) => t.id);
      for (const id of expectation.fails) {
        const test = result.tests.find((t) => t.id === id);
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
        const t = result.tests.find((x) => x.id === id)!;
        return Boolean(t.note) && t.passed_cases === t.total_cases && requires.get(id)!.some((r) => expectation.fails.includes(r));
      };
      expect(lost.filter((id) => !allowed.has(id) && !gatedOnly(id)), `${variant} loses points only where expected`).toEqual([]);
      // A variant with nothing in `fails` is correct but noisy or slow: it must keep full marks.
      if (expectation.fails.length === 0) expect(result.score).toBe(result.max_score);
      else expect(result.score).toBeLessThan(result.max_score);
    });
  });
}
