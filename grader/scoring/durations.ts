// Each check's own time (JUnit's testcase time, so CI tools can follow it across runs): the sum of the
// times of the cases that count for it, as the kind drivers measured them (timed() in kinds/types.ts: a
// case's whole round trip, the program's start and the grader's checks included).
import type { Test } from "../generated/result.js";
import type { CheckVerdict } from "../core/verdicts.js";
import { round2 } from "./score.js";

export function withDurations(tests: Test[], verdicts: CheckVerdict[]): Test[] {
  const sums = new Map<string, number>();
  for (const v of verdicts) {
    const ms = v.ms;
    if (ms === undefined || v.status === "skipped") continue;
    sums.set(v.checkId, (sums.get(v.checkId) ?? 0) + ms);
  }
  return tests.map((t) => (sums.has(t.id) ? { ...t, duration_ms: round2(sums.get(t.id)!) } : t));
}
