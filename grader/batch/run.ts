// Grades a class: every submission (folder or zip) for one exercise or for the course's, in parallel,
// writing each result as soon as it is done and skipping what an earlier run already graded unchanged.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pLimit from "p-limit";
import type { GradeResult } from "../generated/result.js";
import { exerciseIds, loadExercise } from "../engine/exercises.js";
import { exercisesDir, graderVersion, solutionsDir } from "../core/paths.js";
import { gradeSubmission, type GradeOptions } from "../engine/grade.js";
import { servesSockets } from "../kinds/index.js";
import { GraderError, isGraderError } from "../core/errors.js";
import { hashForGrading, locateEntry } from "../submission/workdir.js";
import { hashFolder } from "../submission/hash-folder.js";
import { discoverSubmissions, prepareSubmission, type PreparedSubmission, type SubmissionSource } from "./submissions.js";
import { lockOutput } from "./lock.js";
import { clearProblem, readState, recordCourse, writeProblem, writeReports, writeResult, writeSimilarity } from "./output.js";
import type { ClassResults } from "../reporters/class/types.js";
import type { TeacherFiles } from "../reporters/class/teacher-files.js";

export interface BatchOptions extends GradeOptions {
  /** An exercise id, or "all": every exercise of the course (a submission without its file gets 0 for it). */
  exercise: string;
  /** With "all": the course's exercises (--exercises); default: every exercise in exercises/. */
  exercises?: string[];
  submissions: string;
  out: string;
  jobs?: number;
  force?: boolean;
  /** --student: grade (again) only these students. */
  students?: string[];
  /** 1-based: this run grades shard `index` of `count`. */
  shard?: { index: number; count: number };
  /** --feedback and the like: files for the teacher beside the gradebook. */
  teacher?: TeacherFiles;
}

export type BatchEvent =
  | { type: "planned"; total: number; skipped: number }
  | { type: "graded"; student: string; exercise: string; result: GradeResult }
  | { type: "problem"; student: string; message: string };

/** A stable share of the class: by a hash of the student's name, so adding a student moves nobody else. */
export function inShard(name: string, shard: { index: number; count: number } | undefined): boolean {
  if (!shard) return true;
  const n = createHash("sha1").update(name).digest().readUInt32BE(0);
  return n % shard.count === shard.index - 1;
}

/**
 * Gradings at once: `jobs` (default: the cores) for the CPU-bound kind, and WAITING_FACTOR times that for
 * the socket kinds, whose time is mostly the waiting their contract forces (replies that must not come,
 * a client's deadline). Each submission has its own network namespace in the sandbox, so socket gradings
 * side by side cannot meet on a port; they only share the cores, which they barely use. The two pools
 * fill at the same time, so a class's socket waits overlap its CPU-bound gradings too.
 */
// Four at a time per core lost a late reply of a correct client (a 1.5 s delay answered after 2.2 s) when
// 16 exercise-04 references were graded at load 33 on 2 cores: the timers of every grading share one event
// loop on a starved machine. Two per core is what batches of socket exercises used before.
export const WAITING_FACTOR = 2;

export async function defaultJobs(_ids: string[]): Promise<number> {
  return os.availableParallelism();
}

const exerciseHashes = new Map<string, Promise<string>>();
/**
 * What a result depends on besides the submission: the exercise's data, the teacher's private part of it (if
 * any), its reference solution (generated cases are judged against it), the grader's version and a --seed.
 * A change to any of them regrades.
 */
function exerciseHash(id: string, seed: number | undefined, privateDir: string | undefined): Promise<string> {
  const privatePart = privateDir ? path.join(privateDir, id) : undefined;
  const key = `${id}\0${seed ?? ""}\0${privatePart ?? ""}`;
  let h = exerciseHashes.get(key);
  if (!h) {
    const solution = path.join(solutionsDir, id);
    const hashes = [
      hashFolder(path.join(exercisesDir, id)),
      existsSync(solution) ? hashFolder(solution) : "",
      privatePart && existsSync(privatePart) ? hashFolder(privatePart).then((x) => `private:${x}`) : "",
    ];
    h = Promise.all(hashes).then(([own, solved, priv]) =>
      createHash("sha256").update(own).update(solved).update(priv).update(graderVersion).update(`seed:${seed ?? "from content"}`).digest("hex"),
    );
    exerciseHashes.set(key, h);
  }
  return h;
}

interface Task {
  prepared: PreparedSubmission;
  exercise: string;
  submissionHash: string;
  /** Its entry file is there (else the grading is a quick 0 without a sandbox). */
  present: boolean;
}

// Errors that are no student's fault and would hit every student alike: they stop the batch.
const GLOBAL = new Set(["PYTHON_NOT_FOUND", "PYTHON_TOO_OLD", "SANDBOX_UNAVAILABLE", "EXERCISE_NOT_FOUND", "EXERCISE_INVALID", "BAD_ARGUMENT"]);

/** The sources to grade: the shard's share, or the students named by --student (unknown names are exit 2). */
async function chooseSources(o: BatchOptions): Promise<SubmissionSource[]> {
  const entries = await Promise.all((o.exercise === "all" ? (o.exercises ?? exerciseIds()) : [o.exercise]).map(async (id) => (await loadExercise(id)).data.entry));
  const { sources, ignored } = await discoverSubmissions(o.submissions, o.lang, entries, o.out);
  if (!sources.length) {
    const names = ignored.slice(0, 8).join(", ") + (ignored.length > 8 ? ", …" : "");
    throw new GraderError("SUBMISSION_NOT_FOUND", ignored.length ? "batchNothingHolds" : "batchNothing", { dir: o.submissions, names });
  }
  if (!o.students?.length) return sources.filter((s) => inShard(s.name, o.shard));
  const chosen: SubmissionSource[] = [];
  for (const name of o.students) {
    const hit = sources.find((s) => s.name === name) ?? sources.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!hit) {
      const close = sources.filter((s) => s.name.toLowerCase().includes(name.toLowerCase()));
      const params = { name, dir: o.submissions, names: (close.length ? close : sources).slice(0, 10).map((s) => s.name).join(", ") };
      throw new GraderError("BAD_ARGUMENT", "batchNoStudent", params);
    }
    chosen.push(hit);
  }
  return chosen;
}

export async function runBatch(o: BatchOptions, onEvent: (e: BatchEvent) => void = () => {}): Promise<ClassResults> {
  const exercise = o.exercise;
  const all = exercise === "all";
  if (!all) await loadExercise(exercise, undefined, o.privateDir); // unknown exercise or bad private part: one clear error before anything runs
  // The course: every exercise counts for every student, handed in or not. With a private folder, each is
  // loaded (and so checked) here: a bad private part stops the batch at once instead of becoming every
  // student's problem.
  const course = all ? (o.exercises ?? exerciseIds()) : [exercise];
  const entries = await Promise.all(course.map(async (id) => ({ id, entry: (await loadExercise(id, undefined, o.privateDir)).data.entry })));
  const allEntries = entries.map((e) => e.entry);
  const release = await lockOutput(o.out);
  try {
    const sources = await chooseSources(o);
    const jobs = o.jobs ?? (await defaultJobs(course));
    await recordCourse(o.out, course);
    return await gradeAll(o, sources, entries, allEntries, jobs, onEvent);
  } finally {
    release();
  }
}

async function gradeAll(o: BatchOptions, sources: SubmissionSource[], entries: { id: string; entry: string }[], allEntries: string[], jobs: number, onEvent: (e: BatchEvent) => void): Promise<ClassResults> {
  const tasks: Task[] = [];
  const prepared: PreparedSubmission[] = [];
  let skipped = 0;
  // Problems found while unpacking are reported once the plan (and so the total) is known.
  const early: { student: string; message: string }[] = [];
  const problem = async (s: SubmissionSource, message: string, planned = false) => {
    await writeProblem(o.out, s.name, message);
    if (planned) onEvent({ type: "problem", student: s.name, message });
    else early.push({ student: s.name, message });
  };
  const force = o.force || Boolean(o.students?.length); // --student regrades that student
  try {
    // Unpack and hash every submission first (whatever is wrong with one is that student's problem only).
    for (const source of sources) {
      await clearProblem(o.out, source.name);
      let p: PreparedSubmission;
      const mine: Task[] = [];
      let upToDate = 0;
      try {
        p = await prepareSubmission(source, o.lang);
      } catch (e) {
        await problem(source, (e as Error).message);
        continue;
      }
      prepared.push(p);
      try {
        for (const { id, entry } of entries) {
          // Per exercise: an edit to one exercise's file regrades that exercise only.
          const submissionHash = await hashForGrading(p.dir, id, entry, allEntries);
          const state = force ? undefined : await readState(o.out, source.name, id);
          if (state && state.submission_hash === submissionHash && state.exercise_hash === (await exerciseHash(id, o.seed, o.privateDir))) upToDate++;
          else mine.push({ prepared: p, exercise: id, submissionHash, present: locateEntry(p.dir, id, entry) !== undefined });
        }
      } catch (e) {
        await problem(source, (e as Error).message);
        continue;
      }
      tasks.push(...mine);
      skipped += upToDate;
    }
    onEvent({ type: "planned", total: tasks.length + skipped + early.length, skipped });
    for (const p of early) onEvent({ type: "problem", ...p });
    const cpuLimit = pLimit(jobs);
    const waitLimit = pLimit(jobs * WAITING_FACTOR);
    const kindOf = new Map(await Promise.all(entries.map(async ({ id }) => [id, (await loadExercise(id, undefined, o.privateDir)).data.kind] as const)));
    const limit = (t: Task) => (servesSockets(kindOf.get(t.exercise)!) ? waitLimit : cpuLimit);
    const lastPresent = tasks.map((t) => t.present).lastIndexOf(true);
    await Promise.all(
      tasks.map((t, i) =>
        limit(t)(async () => {
          const student = t.prepared.source.name;
          try {
            const result = await gradeSubmission(t.exercise, t.prepared.dir, { ...o, moreToCome: i < lastPresent, submissionLabel: student });
            result.submission = student; // in a batch, the student's name rather than a temp folder
            if (t.prepared.note) result.warnings.push(t.prepared.note);
            await writeResult(o.out, student, result, { submission_hash: t.submissionHash, exercise_hash: await exerciseHash(t.exercise, o.seed, o.privateDir), score: result.score });
            onEvent({ type: "graded", student, exercise: t.exercise, result });
          } catch (e) {
            // A fault of the grader's setup stops the batch; anything else that went wrong with this
            // student's grading is noted for this student, and the others are graded.
            if (isGraderError(e) && GLOBAL.has(e.code)) throw e;
            const message = isGraderError(e) ? e.messageIn(o.lang) : ((e as Error)?.message ?? String(e));
            await problem(t.prepared.source, `${t.exercise}: ${message.split("\n")[0]}`, true); // a stack trace is no note
          }
        }),
      ),
    );
    // Similarity needs every submission's files, so it runs while they are still unpacked.
    if (o.teacher?.similarity) await writeSimilarity(o.out, { submissions: prepared.map((p) => ({ student: p.source.name, dir: p.dir })), exercises: entries, threshold: o.teacher.similarity.threshold, python: o.python });
  } finally {
    await Promise.all(prepared.map((p) => p.cleanup()));
  }
  return writeReports(o.out, o.lang, o.teacher);
}
