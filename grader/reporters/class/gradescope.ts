// results.json for Gradescope (https://gradescope-autograders.readthedocs.io/en/latest/specs/), one per
// submission: every graded exercise's checks as its tests. Written by `grade batch` (gradescope/<student>/)
// and by the autograder package's run_autograder (`grade gradescope`). Gradescope knows only passed and
// failed, so an error is a failure here; `visibility` is each check's own (Gradescope then hides a hidden
// check from students, whose output is already redacted); the top-level score is the sum of the tests'
// scores, so the two never disagree; `output` (shown to the student) says each exercise's total and why an
// exercise could not be graded.
import type { GradeResult } from "../../generated/result.js";
import { percentText } from "../../text/percent.js";

const round2 = (x: number) => Math.round(x * 100) / 100;

export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status: "passed" | "failed";
  output: string;
  output_format: "text";
  visibility: "visible" | "hidden" | "after_due_date" | "after_published";
  tags: string[];
}

export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  output_format: "text";
  test_output_format: "text";
  stdout_visibility: "hidden";
  tests: GradescopeTest[];
}

export function gradescopeResults(results: GradeResult[]): GradescopeResults {
  const tests: GradescopeTest[] = results.flatMap((r, i) =>
    r.tests.map((t, j) => ({
      name: `${r.exercise}: ${t.name}`,
      number: `${i + 1}.${j + 1}`,
      score: round2(t.score),
      max_score: t.max_score,
      status: t.status === "passed" && t.score >= t.max_score ? "passed" : "failed",
      output: t.output,
      output_format: "text",
      visibility: t.visibility ?? "visible",
      tags: [r.exercise, t.id],
    })),
  );
  const output = results
    .map((r) => [`${r.exercise} · ${r.exercise_title}: ${r.score}/${r.max_score} (${percentText(r.score, r.max_score, r.lang)})`, r.output].filter(Boolean).join("\n"))
    .join("\n\n");
  return {
    score: round2(tests.reduce((a, t) => a + t.score, 0)),
    execution_time: round2(results.reduce((a, r) => a + r.execution_time, 0)),
    output,
    output_format: "text",
    test_output_format: "text",
    // The grader's own messages (sandbox warnings) are for the teacher, in run_autograder's stdout.
    stdout_visibility: "hidden",
    tests,
  };
}

export function gradescopeJson(results: GradeResult[]): string {
  return JSON.stringify(gradescopeResults(results), null, 2) + "\n";
}
