// `grade gradescope` (build Gradescope's autograder package, or run inside it) and `grade gradebook`
// (fill an LMS gradebook export): argument checks and messages only; the work is in grader/gradescope and
// grader/gradebook.
import { GraderError } from "../core/errors.js";
import { exerciseIds, loadExercise } from "../engine/exercises.js";
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
    if (!a.submission || !a.results || a.out) throw new GraderError("BAD_ARGUMENT", "errGradescopeArgs");
    const { gradeForGradescope } = await import("../gradescope/run.js");
    const results = await gradeForGradescope({ exercises, submission: a.submission, results: a.results, lang: a.lang, sandbox: a.sandbox, privateDir: a.privateDir, python: a.python });
    for (const r of results) process.stdout.write(`${r.exercise}: ${r.score}/${r.max_score}${r.warnings.length ? `\n  ${r.warnings.join("\n  ")}` : ""}\n`);
    return;
  }
  if (!a.out) throw new GraderError("BAD_ARGUMENT", "errGradescopeOut");
  const { buildAutograder } = await import("../gradescope/package.js");
  await buildAutograder({ exercises, out: a.out, lang: a.lang, privateDir: a.privateDir });
  process.stdout.write(t(a.lang, "gsWrote", { file: a.out }) + "\n");
}

/** --column NAME (the course total) or NAME=EXERCISE (that exercise's score); several may be given. */
export function parseColumns(values: string[]): { column: string; exercise?: string }[] {
  return values.map((v) => {
    const m = /^(.*)=(exercise-[\w-]+|[\w-]+)$/.exec(v);
    return m ? { column: m[1], exercise: m[2] } : { column: v };
  });
}

export async function gradebookCommand(a: { results: string; into: string; out: string; roster?: string; columns: string[]; lang: Lang }): Promise<void> {
  const { existsSync } = await import("node:fs");
  const { readFile } = await import("node:fs/promises");
  const path = await import("node:path");
  const writeFileAtomic = (await import("write-file-atomic")).default;
  if (!existsSync(path.join(a.results, "results"))) throw new GraderError("BAD_ARGUMENT", "errNotBatchOutput", { dir: a.results });
  if (!existsSync(a.into)) throw new GraderError("BAD_ARGUMENT", "errNoSuchFile", { file: a.into });
  if (path.resolve(a.into) === path.resolve(a.out)) throw new GraderError("BAD_ARGUMENT", "errGradebookSameFile");
  const { readClass } = await import("../batch/output.js");
  const { fillGradebook, readRoster } = await import("../gradebook/fill.js");
  const c = await readClass(a.results, a.lang);
  const roster = a.roster ? await readRoster(a.roster) : undefined;
  const r = fillGradebook(await readFile(a.into, "utf8"), a.into, c, parseColumns(a.columns), roster);
  await writeFileAtomic(a.out, r.csv);
  process.stdout.write(t(a.lang, "gbFilled", { file: a.out, column: r.columns.join(", "), n: r.filled }) + "\n");
  if (r.scaled.length) process.stdout.write(t(a.lang, "gbScaled", { columns: r.scaled.join(", ") }) + "\n");
  const list = (xs: string[]) => xs.map((x) => JSON.stringify(x)).join(", ");
  if (r.unmatched.length) process.stderr.write(t(a.lang, "gbUnmatched", { n: r.unmatched.length, file: a.into, names: list(r.unmatched) }) + "\n");
  if (r.withoutResult.length) process.stderr.write(t(a.lang, "gbNoResult", { n: r.withoutResult.length, file: a.into, names: list(r.withoutResult) }) + "\n");
}
