// results.json for Gradescope, one per submission: every graded exercise's checks as its tests.
// Gradescope knows only passed/failed, so an error is a failure here. `visibility` is Gradescope's own
// field: it hides a hidden check from students there too (its output is already redacted).
import type { GradeResult } from "../../generated/result.js";

export function gradescopeJson(results: GradeResult[]): string {
  const tests = results.flatMap((r) =>
    r.tests.map((t) => ({ name: `${r.exercise}: ${t.name}`, score: t.score, max_score: t.max_score, status: t.status === "passed" ? "passed" : "failed", output: t.output, visibility: t.visibility ?? "visible" })),
  );
  return (
    JSON.stringify(
      {
        score: Math.round(results.reduce((a, r) => a + r.score, 0) * 100) / 100,
        execution_time: Math.round(results.reduce((a, r) => a + r.execution_time, 0) * 100) / 100,
        output: results.map((r) => r.output).filter(Boolean).join("\n"),
        tests,
      },
      null,
      2,
    ) + "\n"
  );
}
