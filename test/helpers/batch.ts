// Many submissions of one exercise graded by one grader process (`grade batch`): a test that needs one grading
// of each of many folders pays one Node start instead of one per folder. Each result is the same JSON a single
// `grade --format json` prints (batch and single grading agree: test/batch.test.ts, generated-cases). Not for
// tests that judge socket timing closely: the batch's one Node process serves every socket case of its
// gradings, and a loaded machine starves it (see test/broken-variants.test.ts).
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import type { GradeResult } from "../../grader/generated/result.js";
import { grade } from "./cli.js";
import { tempDir } from "./fixtures.js";

/** `grade batch EXERCISE DIR --out TMP`: each student's (sub-folder's) result, by folder name. */
export async function gradeBatch(exercise: string, dir: string, extra: string[] = [], timeoutMs = 900_000): Promise<Map<string, GradeResult>> {
  const out = await tempDir("batch-");
  const run = await grade(["batch", exercise, dir, "--out", out, "--lang", "en", ...extra], { timeoutMs });
  const resultsDir = path.join(out, "results");
  if (!existsSync(resultsDir)) throw new Error(`grade batch ${exercise} ${dir} wrote no results (exit ${run.exitCode}):\n${run.stderr}`);
  const results = new Map<string, GradeResult>();
  for (const student of await readdir(resultsDir)) {
    const file = path.join(resultsDir, student, `${exercise}.json`);
    if (existsSync(file)) results.set(student, JSON.parse(await readFile(file, "utf8")) as GradeResult);
  }
  return results;
}
