// `grade gradescope` (build Gradescope's autograder package, or run inside it) and `grade gradebook`
// (fill an LMS gradebook export): argument checks and messages only; the work is in grader/gradescope and
// grader/gradebook.
import { GraderError } from "../core/errors.js";
import { exerciseIds, loadExercise } from "../core/exercises.js";
import { t, type Lang } from "../core/i18n.js";
import type { SandboxMode } from "../sandbox/open.js";

/** The exercise ids named (or `all`), checked and in the course's order. */
export async function namedExercises(ids: string[]): Promise<string[]> {
  if (ids.includes("all")) return exerciseIds();
  for (const id of ids) await loadExercise(id); // an unknown id: the usual error, with "did you mean"
  return exerciseIds().filter((id) => ids.includes(id));
}

export async function gradescopeCommand(a: { ids: string[]; out?: string; submission?: string; results?: string; lang: Lang; sandbox: SandboxMode; privateDir?: string; python?: string }): Promise<void> {
  const exercises = await namedExercises(a.ids);
  if (a.submission !== undefined || a.results !== undefined) {
    if (!a.submission || !a.results || a.out) throw new GraderError("BAD_ARGUMENT", "Expected either --out ZIP (build the package) or both --submission DIR and --results FILE (run inside it)");
    const { gradeForGradescope } = await import("../gradescope/run.js");
    const results = await gradeForGradescope({ exercises, submission: a.submission, results: a.results, lang: a.lang, sandbox: a.sandbox, privateDir: a.privateDir, python: a.python });
    for (const r of results) process.stdout.write(`${r.exercise}: ${r.score}/${r.max_score}${r.warnings.length ? `\n  ${r.warnings.join("\n  ")}` : ""}\n`);
    return;
  }
  if (!a.out) throw new GraderError("BAD_ARGUMENT", "Expected --out autograder.zip (or --submission and --results inside the package)");
  const { buildAutograder } = await import("../gradescope/package.js");
  await buildAutograder({ exercises, out: a.out, lang: a.lang, privateDir: a.privateDir });
  process.stdout.write(t(a.lang, "gsWrote", { file: a.out }) + "\n");
}
