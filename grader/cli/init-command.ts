// `grade init EXERCISE [DIR]`: the starter code and a short README from the exercise's own data, into
// the student's folder. Existing files are never overwritten without --force.
import { copyFile, mkdir, readdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { GraderError } from "../core/errors.js";
import { loadExercise, maxScore } from "../engine/exercises.js";
import { pick, t, type Lang } from "../core/i18n.js";

function localReadme(ex: Awaited<ReturnType<typeof loadExercise>>["data"], lang: Lang): string {
  const rows = ex.checks.map((c) => `| ${pick(lang, c.title)} | ${c.points} |`);
  return [
    `# ${ex.id} · ${pick(lang, ex.title)}`,
    "",
    t(lang, "initReadmeFill", { entry: ex.entry }),
    "",
    "```sh",
    `grade ${ex.id} .            # ${t(lang, "initReadmeOnce")}`,
    `grade ${ex.id} . --watch    # ${t(lang, "initReadmeWatch")}`,
    "```",
    "",
    t(lang, "initReadmePath"),
    t(lang, "initReadmeSpec", { id: ex.id }),
    "",
    t(lang, "initReadmeTable"),
    "| --- | ---: |",
    ...rows,
    "",
    t(lang, "initReadmeTotal", { points: maxScore(ex) }),
    "",
  ].join("\n");
}

export async function initCommand(a: { exercise: string; dir: string; force: boolean; lang: Lang }): Promise<string[]> {
  const loaded = await loadExercise(a.exercise);
  const starter = path.join(loaded.dir, "starter");
  const files = existsSync(starter) ? (await readdir(starter, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name) : [];
  if (!files.length) throw new GraderError("EXERCISE_INVALID", "errNoStarter", { exercise: a.exercise });
  const readmeName = `${a.exercise}.README.md`;
  const targets = [...files, readmeName].map((f) => path.join(a.dir, f));
  const existing = targets.filter((t) => existsSync(t));
  if (existing.length && !a.force) {
    throw new GraderError("BAD_ARGUMENT", "initNotOverwriting", { files: existing.join(", ") });
  }
  await mkdir(a.dir, { recursive: true });
  for (const f of files) await copyFile(path.join(starter, f), path.join(a.dir, f));
  await writeFile(path.join(a.dir, readmeName), localReadme(loaded.data, a.lang));
  return targets;
}
