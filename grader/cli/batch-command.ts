// `grade batch` and `grade merge`: argument handling and progress display only; the work is in grader/batch.
import cliProgress from "cli-progress";
import { GraderError } from "../core/errors.js";
import { t, type Lang } from "../core/i18n.js";
import { runBatch, defaultJobs, type BatchEvent, type BatchOptions } from "../batch/run.js";
import { mergeOutputs } from "../batch/merge.js";
import type { SandboxMode } from "../sandbox/open.js";
import { courseExercises } from "./exercise-list.js";
import { visibleLine } from "../reporters/escape.js";
import { neutraliseCommands } from "../reporters/escape-github.js";
import { parseShard, shardFromEnvironment } from "./shard.js";

/** A progress line names a student (a folder name) and may quote a problem: one line, no controls, and on
 * GitHub Actions no workflow command. */
function progressLine(text: string): string {
  const line = visibleLine(text);
  return process.env.GITHUB_ACTIONS === "true" ? neutraliseCommands(line) : line;
}

interface Progress {
  (e: BatchEvent): void;
  counts: { total: number; done: number; graded: number; skipped: number; problems: number };
}

/** A bar on a terminal (done/total, ETA, failures so far); plain lines otherwise (CI logs, files). */
function progress(tty: boolean, lang: Lang): Progress {
  let bar: cliProgress.SingleBar | undefined;
  const counts = { total: 0, done: 0, graded: 0, skipped: 0, problems: 0 };
  let notFull = 0;
  const on = ((e: BatchEvent) => {
    if (e.type === "planned") {
      counts.total = e.total;
      counts.done = counts.skipped = e.skipped;
      if (tty) {
        // cli-progress fills the {placeholders}: t() leaves those it is not given as they are.
        const format = t(lang, "batchProgressBar");
        bar = new cliProgress.SingleBar({ format, hideCursor: true }, cliProgress.Presets.shades_classic);
        bar.start(counts.total, counts.done, { notFull, last: t(lang, "batchPlanned", { n: counts.total - e.skipped, skipped: e.skipped }) });
      } else process.stderr.write(t(lang, "batchPlanned", { n: counts.total - e.skipped, skipped: e.skipped }) + "\n");
      return;
    }
    counts.done++;
    if (e.type === "graded") counts.graded++;
    else counts.problems++;
    const line = progressLine(e.type === "graded" ? `${e.student} ${e.exercise} ${e.result.score}/${e.result.max_score}` : `${e.student}: ${e.message}`);
    if (e.type === "problem" || e.result.score < e.result.max_score) notFull++;
    if (bar) bar.update(Math.min(counts.done, counts.total), { notFull, last: line });
    else process.stderr.write(`[${counts.done}/${counts.total}] ${line}\n`);
    if (bar && counts.done >= counts.total) bar.stop();
  }) as Progress;
  on.counts = counts;
  return on;
}

/** Ctrl-C: say how far the batch got and that the same command resumes (results are written as they come). */
function onInterrupt(p: Progress, out: string, lang: Lang): () => void {
  const handler = () => {
    process.stderr.write(`\n${t(lang, "batchInterrupted", { done: p.counts.done, total: p.counts.total || "?", out })}\n`);
    process.exit(130); // exit handlers stop the student programs, remove temp folders and the lock
  };
  process.prependListener("SIGINT", handler);
  return () => process.removeListener("SIGINT", handler);
}

export async function batchCommand(a: { exercise: string; exercises?: string; submissions: string; out: string; jobs?: number; force: boolean; shard?: string; student?: string[]; lang: Lang; python?: string; sandbox: SandboxMode; seed?: number; privateDir?: string; feedback?: boolean; similarity?: boolean; similarityThreshold?: number }): Promise<void> {
  const threshold = a.similarityThreshold ?? 60;
  if (!(threshold > 0 && threshold <= 100)) throw new GraderError("BAD_ARGUMENT", "errSimilarityThreshold", { value: String(a.similarityThreshold) });
  if (a.jobs !== undefined && (!Number.isInteger(a.jobs) || a.jobs < 1)) throw new GraderError("BAD_ARGUMENT", "errJobs", { jobs: String(a.jobs) });
  if (a.exercises !== undefined && a.exercise !== "all") {
    throw new GraderError("BAD_ARGUMENT", "errExercisesWithAll", { exercise: a.exercise });
  }
  const students = a.student?.flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);
  const course = a.exercise === "all" ? await courseExercises(a.exercises) : [a.exercise];
  const shard = parseShard(a.shard);
  // In a log of many pods or jobs, which share this one took, and from where.
  if (a.shard === "auto") process.stderr.write(t(a.lang, "shardFromEnvironment", { ...shard!, from: shardFromEnvironment(process.env).from }) + "\n");
  const options: BatchOptions = { exercise: a.exercise, exercises: course, submissions: a.submissions, out: a.out, jobs: a.jobs ?? (await defaultJobs(course)), force: a.force, shard, students, lang: a.lang, python: a.python, sandbox: a.sandbox, seed: a.seed, privateDir: a.privateDir, teacher: { feedback: a.feedback, ...(a.similarity ? { similarity: { threshold: threshold / 100 } } : {}) } };
  const p = progress(Boolean(process.stderr.isTTY), a.lang);
  const stop = onInterrupt(p, a.out, a.lang);
  try {
    await runBatch(options, p);
  } finally {
    stop();
  }
  const { graded, skipped, problems } = p.counts;
  process.stdout.write(t(a.lang, "batchDone", { graded, skipped, problems, out: a.out }) + ` (grades.csv, summary.json, report.html, results/, gradescope/${a.feedback ? ", feedback/" : ""}${a.similarity ? ", similarity.csv" : ""})\n`);
}

export async function mergeCommand(a: { inputs: string[]; out: string; lang: Lang }): Promise<void> {
  const c = await mergeOutputs(a.inputs, a.out, a.lang);
  process.stdout.write(`merged ${a.inputs.length} folders: ${c.students.length} submissions into ${a.out}\n`);
}
