// Merges the output folders of several shards (or runs) into one, then rebuilds the gradebook and report.
import { cp, stat } from "node:fs/promises";
import path from "node:path";
import { GraderError } from "../core/errors.js";
import type { Lang } from "../core/i18n.js";
import { readCourse, recordCourse, writeReports } from "./output.js";
import type { ClassResults } from "../reporters/class/types.js";

export async function mergeOutputs(inputs: string[], out: string, lang: Lang): Promise<ClassResults> {
  for (const dir of inputs) {
    const results = await stat(path.join(dir, "results")).catch(() => undefined);
    if (!results?.isDirectory()) throw new GraderError("BAD_ARGUMENT", "errNotBatchOutput", { dir });
  }
  for (const dir of inputs) {
    for (const part of ["results", "state", "problems"]) {
      const from = path.join(dir, part);
      if (await stat(from).catch(() => undefined)) await cp(from, path.join(out, part), { recursive: true, force: true });
    }
  }
  // The course is the union of the shards' (each shard ran the same command, so usually the same set).
  for (const dir of inputs) await recordCourse(out, await readCourse(dir));
  return writeReports(out, lang);
}
