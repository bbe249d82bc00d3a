// Turns per-case verdicts into per-check scores. Reporters never decide pass/fail: this is the only place.
import type { Check } from "../generated/exercise.js";
import type { Case, Status, Test } from "../generated/result.js";
import { pick, t, type Lang } from "../core/i18n.js";
import type { CheckVerdict } from "../core/verdicts.js";
import { caseText } from "../text/case-text.js";
import { percentText } from "../text/percent.js";

/** Failed cases kept per check in the result (the rest are only counted), and shown in `output`. */
const KEEP_CASES = 25;
const OUTPUT_CASES = 3;

export const round2 = (x: number) => Math.round(x * 100) / 100;


export function scoreCheck(check: Check, verdicts: CheckVerdict[], lang: Lang): Test {
  if (verdicts.length === 0) {
    // Not even a skipped case: e.g. a shape check of a client that never sent a datagram.
    const output = t(lang, "nothingExercised");
    return { id: check.id, name: pick(lang, check.title), status: "failed", score: 0, max_score: check.points, output, clause: pick(lang, check.clause), hint: pick(lang, check.hint), note: output, passed_cases: 0, total_cases: 0, cases: [] };
  }
  const counted = verdicts.filter((v) => v.status !== "skipped");
  const passed = counted.filter((v) => v.status === "passed").length;
  const failed = counted.filter((v) => v.status === "failed");
  const errored = counted.filter((v) => v.status === "error");
  const status: Status = failed.length ? "failed" : errored.length ? "error" : "passed";
  const total = counted.length;
  const fraction = total === 0 ? 1 : check.scoring === "all-or-nothing" ? (passed === total ? 1 : 0) : passed / total;
  const bad: Case[] = counted.filter((v) => v.status !== "passed").map((v) => v.detail);
  const summary = status === "passed" ? t(lang, "allPassed", { total }) : t(lang, "casesFailed", { failed: bad.length, total });
  const shown = bad.slice(0, OUTPUT_CASES).map((c) => caseText(c, lang, "  "));
  const more = bad.length > OUTPUT_CASES ? [`  ${t(lang, "moreCases", { n: bad.length - OUTPUT_CASES })}`] : [];
  return {
    id: check.id,
    name: pick(lang, check.title),
    status,
    score: round2(check.points * fraction),
    max_score: check.points,
    output: [summary, ...shown, ...more].join("\n"),
    clause: pick(lang, check.clause),
    hint: pick(lang, check.hint),
    passed_cases: passed,
    total_cases: total,
    cases: bad.slice(0, KEEP_CASES),
  };
}

/**
 * Scores every check, then applies `requires`: a check's score is scaled by the fraction of points its
 * required checks earned on their own cases (the mean, when there are several). A scaled check says so
 * (`scaled`, and a note that names the checks it builds on), so that a check whose cases all passed is
 * never shown as simply failed.
 */
export function scoreChecks(checks: Check[], verdicts: CheckVerdict[], lang: Lang): Test[] {
  const own = new Map(checks.map((c) => [c.id, scoreCheck(c, verdicts.filter((v) => v.checkId === c.id), lang)]));
  return checks.map((c) => {
    const test = own.get(c.id)!;
    const required = (c.requires ?? []).map((id) => own.get(id)).filter((x): x is Test => x !== undefined);
    const share = (r: Test) => (r.max_score ? r.score / r.max_score : 1);
    // Several prerequisites: their mean, so one broken path (e.g. ints) does not zero a check that the
    // other path (strings) exercised.
    const factor = required.length ? required.reduce((f, r) => f + share(r), 0) / required.length : 1;
    if (factor >= 1 || test.score === 0) return test;
    const pct = (x: number) => Math.floor(x * 1000 + 1e-6) / 10;
    const behind = required.filter((r) => r.score < r.max_score);
    const list = behind.map((r) => t(lang, "scaledRequired", { name: r.name, percent: percentText(r.score, r.max_score, lang) })).join(t(lang, "itemSeparator"));
    const note = t(lang, "scaledNote", { passed: test.passed_cases ?? 0, total: test.total_cases ?? 0, percent: t(lang, "percent", { p: pct(factor) }), list });
    return {
      ...test,
      status: test.status === "passed" ? "failed" : test.status,
      score: round2(test.score * factor),
      note,
      // "All N cases passed." would repeat the note (and reads as the reason of a failure).
      output: test.passed_cases === test.total_cases ? note : `${note}\n${test.output}`,
      scaled: { percent: pct(factor), own_score: test.score, requires: behind.map((r) => ({ id: r.id, name: r.name, percent: pct(share(r)) })) },
    };
  });
}
