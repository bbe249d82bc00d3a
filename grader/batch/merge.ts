// Merges the output folders of several shards (or runs) into one, then rebuilds the gradebook and report.
import { cp, stat } from "node:fs/promises";
import path from "node:path";
import { GraderError } from "../core/errors.js";
import type { Lang } from "../core/i18n.js";
import { readCourse, recordCourse, writeReports } from "./output.js";
import { lockOutput } from "./lock.js";
import type { ClassResults } from "../reporters/class/types.js";

export async function mergeOutputs(inputs: string[], out: string, lang: Lang): Promise<ClassResults> {
  for (const dir of inputs) {
    const results = await stat(path.join(dir, "results")).catch(() => undefined);
    // A shard that drew no student (more pods than the hash spreads a small class over) or only refused
    // zips has no results/, but its course.json says it is a batch's output.
    const course = await stat(path.join(dir, "course.json")).catch(() => undefined);
    if (!results?.isDirectory() && !course?.isFile()) throw new GraderError("BAD_ARGUMENT", "errNotBatchOutput", { dir });
  }
  const release = await lockOutput(out); // a batch or another merge writing there meanwhile would mix files
  try {
    return await mergeInto(inputs, out, lang);
  } finally {
    release();
  }
}

async function mergeInto(inputs: string[], out: string, lang: Lang): Promise<ClassResults> {
  for (const dir of inputs) {
    for (const part of ["results", "state", "problems"]) {
      const from = path.join(dir, part);
      if (await stat(from).catch(() => undefined)) await cp(from, path.join(out, part), { recursive: true, force: true });
    }
  }
  // The course is the union of the shards' (each shard ran the same command, so usually the same set).
  for (const dir of inputs) await recordCourse(out, await readCourse(dir));
  // Feedback files go on being written when a shard wrote them (--feedback).
  const feedback = (await Promise.all(inputs.map((dir) => stat(path.join(dir, "feedback")).catch(() => undefined)))).some((s) => s?.isDirectory());
  return writeReports(out, lang, { feedback });
}
