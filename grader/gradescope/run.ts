// run_autograder's side of `grade gradescope`: grades one submission for the package's exercises and
// writes Gradescope's results.json. An exercise whose file is missing is a graded zero (so the tests'
// maxima always add up to the assignment's total); the run itself fails only when the grader cannot run.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import writeFileAtomic from "write-file-atomic";
import { gradeSubmission } from "../engine/grade.js";
import type { Lang } from "../core/i18n.js";
import type { SandboxMode } from "../sandbox/open.js";
import { gradescopeJson } from "../reporters/class/gradescope.js";
import type { GradeResult } from "../generated/result.js";

export async function gradeForGradescope(o: { exercises: string[]; submission: string; results: string; lang: Lang; sandbox: SandboxMode; privateDir?: string; python?: string }): Promise<GradeResult[]> {
  const results: GradeResult[] = [];
  for (const [i, id] of o.exercises.entries()) {
    results.push(await gradeSubmission(id, o.submission, { lang: o.lang, sandbox: o.sandbox, privateDir: o.privateDir, python: o.python, moreToCome: i < o.exercises.length - 1 }));
  }
  await mkdir(path.dirname(path.resolve(o.results)), { recursive: true });
  await writeFileAtomic(o.results, gradescopeJson(results));
  return results;
}
