// Grades a hostile fixture with its own TMPDIR, then checks that nothing was left behind.
import { readdir } from "node:fs/promises";
import { expect } from "vitest";
import type { GradeResult } from "../../grader/generated/result.js";
import { gradeJson } from "./cli.js";
import { fixtureCopy, tempDir } from "./fixtures.js";
import { processesInside } from "./leftovers.js";
import { resultSchemaErrors } from "./result-schema.js";

export async function gradeHostile(exercise: string, name: string, reference: { file: string; as: string }, extra: string[] = []): Promise<{ result: GradeResult; dir: string; exitCode: number }> {
  const dir = await fixtureCopy(`hostile/${exercise}/${name}`, { exercise, ...reference });
  const tmp = await tempDir("grader-tmp-");
  const { run, result } = await gradeJson(exercise, dir, extra, { TMPDIR: tmp });
  expect(resultSchemaErrors(result)).toEqual([]);
  expect(await processesInside(tmp), "no student process survives grading").toEqual([]);
  expect(await readdir(tmp), "the grader's temp area is cleaned up").toEqual([]);
  return { result, dir, exitCode: run.exitCode };
}
