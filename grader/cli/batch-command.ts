// `grade batch` and `grade merge`: argument handling and progress display only; the work is in grader/batch.
import cliProgress from "cli-progress";
import { GraderError } from "../core/errors.js";
import type { Lang } from "../core/i18n.js";
import { runBatch, defaultJobs, type BatchEvent, type BatchOptions } from "../batch/run.js";
import { mergeOutputs } from "../batch/merge.js";
import type { SandboxMode } from "../sandbox/open.js";
import { courseExercises } from "./exercise-list.js";

export function parseShard(text: string | undefined): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new GraderError("BAD_ARGUMENT", "errShard", { text });
  return { index, count };
}

/** A bar on a terminal (done/total, ETA, failures so far); plain lines otherwise (CI logs, files). */
function progress(tty: boolean): (e: BatchEvent) => void {
  let bar: cliProgress.SingleBar | undefined;
  let done = 0;
  let total = 0;
  let notFull = 0;
  return (e) => {
    if (e.type === "planned") {
      total = e.total;
      done = e.skipped;
      if (tty) {
        bar = new cliProgress.SingleBar({ format: "grading [{bar}] {value}/{total} | ETA {eta_formatted} | not full: {notFull} | {last}", hideCursor: true }, cliProgress.Presets.shades_classic);
        bar.start(total, done, { notFull, last: e.skipped ? `${e.skipped} unchanged, skipped` : "" });
      } else process.stderr.write(`grading ${total - e.skipped} (${e.skipped} unchanged, skipped)\n`);
      return;
    }
    done++;
    const line = e.type === "graded" ? `${e.student} ${e.exercise} ${e.result.score}/${e.result.max_score}` : `${e.student}: ${e.message}`;
    if (e.type === "problem" || e.result.score < e.result.max_score) notFull++;
    if (bar) bar.update(Math.min(done, total), { notFull, last: line });
    else process.stderr.write(`[${done}/${total}] ${line}\n`);
    if (bar && done >= total) bar.stop();
  };
}

export async function batchCommand(a: { exercise: string; exercises?: string; submissions: string; out: string; jobs?: number; force: boolean; shard?: string; lang: Lang; python?: string; sandbox: SandboxMode; seed?: number; privateDir?: string }): Promise<void> {
  if (a.jobs !== undefined && (!Number.isInteger(a.jobs) || a.jobs < 1)) throw new GraderError("BAD_ARGUMENT", "errJobs", { jobs: String(a.jobs) });
  if (a.exercises !== undefined && a.exercise !== "all") {
    throw new GraderError("BAD_ARGUMENT", "errExercisesWithAll", { exercise: a.exercise });
  }
  const course = a.exercise === "all" ? await courseExercises(a.exercises) : [a.exercise];
  const options: BatchOptions = { exercise: a.exercise, exercises: course, submissions: a.submissions, out: a.out, jobs: a.jobs ?? (await defaultJobs(course)), force: a.force, shard: parseShard(a.shard), lang: a.lang, python: a.python, sandbox: a.sandbox, seed: a.seed, privateDir: a.privateDir };
  const c = await runBatch(options, progress(Boolean(process.stderr.isTTY)));
  process.stdout.write(`${c.students.length} submissions graded into ${a.out}: grades.csv, summary.json, report.html, results/, gradescope/\n`);
}

export async function mergeCommand(a: { inputs: string[]; out: string; lang: Lang }): Promise<void> {
  const c = await mergeOutputs(a.inputs, a.out, a.lang);
  process.stdout.write(`merged ${a.inputs.length} folders: ${c.students.length} submissions into ${a.out}\n`);
}
