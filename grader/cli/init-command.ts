// `grade init EXERCISE [DIR]`: the starter code and a short README from the exercise's own data, into
// the student's folder. Existing files are never overwritten without --force.
import { copyFile, mkdir, readdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { GraderError } from "../core/errors.js";
import { loadExercise, maxScore } from "../core/exercises.js";
import { pick, type Lang } from "../core/i18n.js";

function localReadme(ex: Awaited<ReturnType<typeof loadExercise>>["data"], lang: Lang): string {
  const zh = lang === "zh";
  const rows = ex.checks.map((c) => `| ${pick(lang, c.title)} | ${c.points} |`);
  return [
    `# ${ex.id} · ${pick(lang, ex.title)}`,
    "",
    zh ? `在 \`${ex.entry}\` 中完成 TODO，然后评分：` : `Fill in the TODOs in \`${ex.entry}\`, then grade it:`,
    "",
    "```sh",
    `grade ${ex.id} .            # ${zh ? "评分一次" : "grade once"}`,
    `grade ${ex.id} . --watch    # ${zh ? "每次保存后自动重新评分" : "regrade every time you save"}`,
    "```",
    "",
    zh ? `完整的说明见评分器中的 exercises/${ex.id}/README.md。` : `The full spec is exercises/${ex.id}/README.en.md in the grader.`,
    "",
    zh ? `| 检查 | 分值 |` : `| Check | Points |`,
    "| --- | ---: |",
    ...rows,
    "",
    zh ? `满分 ${maxScore(ex)}。` : `${maxScore(ex)} points in all.`,
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
