// Grades a class: every submission (folder or zip) for one exercise or for all it contains, in parallel,
// writing each result as soon as it is done and skipping what an earlier run already graded unchanged.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pLimit from "p-limit";
import type { GradeResult } from "../generated/result.js";
import { exerciseIds, loadExercise } from "../core/exercises.js";
import { exercisesDir, graderVersion } from "../core/paths.js";
import { gradeSubmission, type GradeOptions } from "../core/grade.js";
import { isGraderError } from "../core/errors.js";
import { locateEntry } from "../submission/workdir.js";
import { discoverSubmissions, hashFolder, prepareSubmission, type PreparedSubmission, type SubmissionSource } from "./submissions.js";
import { clearProblem, readState, writeProblem, writeReports, writeResult } from "./output.js";
import type { ClassResults } from "../reporters/class/types.js";

export interface BatchOptions extends GradeOptions {
  /** An exercise id, or "all": every exercise whose entry file a submission contains. */
  exercise: string;
  submissions: string;
  out: string;
  jobs?: number;
  force?: boolean;
  /** 1-based: this run grades shard `index` of `count`. */
  shard?: { index: number; count: number };
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

/** Socket exercises spend most of their time waiting, so they can run more at once than there are cores. */
export async function defaultJobs(exercise: string): Promise<number> {
  const cores = os.availableParallelism();
  const ids = exercise === "all" ? exerciseIds() : [exercise];
  const kinds = await Promise.all(ids.map(async (id) => (await loadExercise(id)).data.kind));
  return kinds.some((k) => k !== "function-call") ? cores * 2 : cores;
}

const exerciseHashes = new Map<string, Promise<string>>();
/** What a result was graded against: the exercise, the teacher's private part of it (if any), the grader. */
function exerciseHash(id: string, privateDir: string | undefined): Promise<string> {
  const privatePart = privateDir ? path.join(privateDir, id) : undefined;
  const key = `${id}\0${privatePart ?? ""}`;
  let h = exerciseHashes.get(key);
  if (!h) {
    const hashes = [hashFolder(path.join(exercisesDir, id)), privatePart && existsSync(privatePart) ? hashFolder(privatePart).then((x) => `private:${x}`) : ""];
    h = Promise.all(hashes).then(([own, priv]) => createHash("sha256").update(own).update(priv).update(graderVersion).digest("hex"));
    exerciseHashes.set(key, h);
  }
  return h;
}

interface Task {
  prepared: PreparedSubmission;
  exercise: string;
  submissionHash: string;
}

export async function runBatch(o: BatchOptions, onEvent: (e: BatchEvent) => void = () => {}): Promise<ClassResults> {
  const exercise = o.exercise;
  const all = exercise === "all";
  if (!all) await loadExercise(exercise, undefined, o.privateDir); // unknown exercise or bad private part: one clear error before anything runs
  // With a private folder, every exercise it has a part for is loaded (and so checked) here: a bad
  // private part stops the batch at once instead of becoming every student's problem.
  const entries = await Promise.all(exerciseIds().map(async (id) => ({ id, entry: (await loadExercise(id, undefined, o.privateDir)).data.entry })));
  const sources = (await discoverSubmissions(o.submissions)).filter((s) => inShard(s.name, o.shard));
  const jobs = o.jobs ?? (await defaultJobs(exercise));
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
  try {
    // Unpack and hash every submission first (a refused zip is that student's problem only).
    for (const source of sources) {
      let p: PreparedSubmission;
      await clearProblem(o.out, source.name);
      try {
        p = await prepareSubmission(source);
      } catch (e) {
        await problem(source, (e as Error).message);
        continue;
      }
      prepared.push(p);
      const wanted = all ? entries.filter((x) => locateEntry(p.dir, x.id, x.entry)).map((x) => x.id) : [exercise];
      if (wanted.length === 0) {
        await problem(source, `no exercise found: none of ${entries.map((x) => x.entry).join(", ")} is in it`);
        continue;
      }
      const submissionHash = await hashFolder(p.dir);
      for (const id of wanted) {
        const state = o.force ? undefined : await readState(o.out, source.name, id);
        if (state && state.submission_hash === submissionHash && state.exercise_hash === (await exerciseHash(id, o.privateDir))) skipped++;
        else tasks.push({ prepared: p, exercise: id, submissionHash });
      }
    }
    onEvent({ type: "planned", total: tasks.length + skipped + early.length, skipped });
    for (const p of early) onEvent({ type: "problem", ...p });
    const limit = pLimit(jobs);
    await Promise.all(
      tasks.map((t, i) =>
        limit(async () => {
          const student = t.prepared.source.name;
          try {
            const result = await gradeSubmission(t.exercise, t.prepared.dir, { ...o, moreToCome: i < tasks.length - 1 });
            result.submission = student; // in a batch, the student's name rather than a temp folder
            await writeResult(o.out, student, result, { submission_hash: t.submissionHash, exercise_hash: await exerciseHash(t.exercise, o.privateDir), score: result.score });
            onEvent({ type: "graded", student, exercise: t.exercise, result });
          } catch (e) {
            if (!isGraderError(e) || e.code === "INTERNAL") throw e;
            await problem(t.prepared.source, e.message, true);
          }
        }),
      ),
    );
  } finally {
    await Promise.all(prepared.map((p) => p.cleanup()));
  }
  return writeReports(o.out, o.lang);
}
