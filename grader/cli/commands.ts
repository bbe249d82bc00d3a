// What the commands do, loaded by main.ts only once a command is chosen (so that `--version` and `--help`
// load none of it): grading, listing, init, batch and merge.
import { mark } from "../core/trace.js";
import { gradeSubmission } from "../engine/grade.js";
import { exerciseIds, loadExercise, maxScore } from "../engine/exercises.js";
import { assertPrivateRoot } from "../engine/private-exercise.js";
import { detectLang, pick, t, type Lang } from "../core/i18n.js";
import { displayWidth, padEndDisplay } from "../text/text-width.js";
import type { SandboxMode } from "../sandbox/modes.js";
import { assertSubmissionDir, locateEntry } from "../submission/workdir.js";
import { emit } from "./outputs.js";
import { checkReachable, parseMinScore } from "./min-score.js";
import { courseExercises, planChecks } from "./exercise-list.js";
import { reporters, type ReporterName } from "../reporters/index.js";

export { assertSubmissionDir, courseExercises, loadExercise };

// Loaded only by their own command: a grading does not pay for the batch's zip reader, progress bar and
// CSV writer, nor for --watch's file watcher.
type BatchModule = typeof import("./batch-command.js");
export const batchCommand = async (...a: Parameters<BatchModule["batchCommand"]>) => (await import("./batch-command.js")).batchCommand(...a);
export const mergeCommand = async (...a: Parameters<BatchModule["mergeCommand"]>) => (await import("./batch-command.js")).mergeCommand(...a);
export const initCommand = async (...a: Parameters<typeof import("./init-command.js").initCommand>) => (await import("./init-command.js")).initCommand(...a);

function useColor(flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== "0") return true;
  return Boolean(process.stdout.isTTY);
}

export async function listExercises(lang: Lang): Promise<void> {
  const exercises = await Promise.all(exerciseIds().map(async (id) => (await loadExercise(id)).data));
  const width = Math.max(...exercises.map((ex) => displayWidth(pick(lang, ex.title))));
  const rows = exercises.map((ex) => `${ex.id}  ${padEndDisplay(pick(lang, ex.title), width)}  ${t(lang, "listPoints", { points: String(maxScore(ex)).padStart(4) })}  ${ex.entry}`);
  process.stdout.write(rows.join("\n") + "\n");
}

export type GradeArgs = { seed?: number; dir: string; format: ReporterName; junit?: string; json?: string; color?: boolean; verbose: boolean; minScore?: string; only?: string; watch: boolean; python?: string; sandbox: SandboxMode; lang?: string; private?: string };

/** --private (or GRADER_PRIVATE), checked before anything is graded. */
export const privateDirOf = (value: string | undefined): string | undefined => (value ? assertPrivateRoot(value, exerciseIds()) : undefined);

/** Grades `ids` (an exercise whose file is missing counts, at 0 points). Every argument is checked first:
 * a bad --min-score, --only or folder is exit 2 before anything is graded. */
export async function gradeCommand(idsOf: () => Promise<string[]>, argv: GradeArgs): Promise<void> {
  const lang = (argv.lang as Lang | undefined) ?? detectLang();
  mark("gradeCommand");
  const minScore = argv.minScore === undefined ? undefined : parseMinScore(argv.minScore);
  const ids = await idsOf();
  const dir = await assertSubmissionDir(argv.dir);
  const only = argv.only?.split(",").map((x) => x.trim()).filter(Boolean);
  const privateDir = privateDirOf(argv.private);
  const plan = await planChecks(ids, only, privateDir);
  if (minScore) checkReachable(minScore, plan.reduce((a, p) => a + maxScore(p.exercise.data), 0));
  const gradeAll = async () => {
    const results = [];
    // The next sandbox is started ahead only for a grading that will use it (a missing file needs none).
    const last = plan.map((p) => locateEntry(dir, p.id, p.exercise.data.entry) !== undefined).lastIndexOf(true);
    for (const [i, p] of plan.entries()) results.push(await gradeSubmission(p.id, dir, { lang, python: argv.python, sandbox: argv.sandbox, only: p.only, seed: argv.seed, moreToCome: i < last, privateDir }));
    return results;
  };
  const color = useColor(argv.color);
  if (argv.watch) {
    // Only the checks that failed, each with its first failure: a screen that shows what to fix next.
    await (await import("./watch.js")).watchAndGrade(dir, gradeAll, (results) => process.stdout.write(reporters.human.render(results, { color, verbose: false, failedOnly: true })), lang);
    return;
  }
  process.exitCode = await emit(await gradeAll(), { format: argv.format, junit: argv.junit, json: argv.json, color, verbose: argv.verbose, minScore });
  mark("emitted");
}

