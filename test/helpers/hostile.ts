// Grades a hostile fixture with its own TMPDIR (and, as root, a sandbox uid of its own), then checks that
// nothing was left behind: no process (see survivorsOf) and nothing in the grader's temp area.
import { readdir } from "node:fs/promises";
import { expect } from "vitest";
import type { GradeResult } from "../../grader/generated/result.js";
import { gradeJson } from "./cli.js";
import { fixtureCopy, tempDir } from "./fixtures.js";
import { survivorsOf } from "./leftovers.js";
import { resultSchemaErrors } from "./result-schema.js";

const isRoot = process.getuid?.() === 0;
// One range of uids per test file's process: files run in parallel.
let nextUid = 250_000 + (process.pid % 1000) * 40;

export async function gradeHostile(exercise: string, name: string, reference: { file: string; as: string }, extra: string[] = []): Promise<{ result: GradeResult; dir: string; exitCode: number }> {
  const dir = await fixtureCopy(`hostile/${exercise}/${name}`, { exercise, ...reference });
  const tmp = await tempDir("grader-tmp-");
  const uid = isRoot ? nextUid++ : undefined;
  const { run, result } = await gradeJson(exercise, dir, extra, { TMPDIR: tmp, ...(uid ? { GRADER_SANDBOX_UID: String(uid) } : {}) });
  expect(resultSchemaErrors(result)).toEqual([]);
  expect(await survivorsOf(tmp, uid), "no student process survives grading").toEqual([]);
  expect(await readdir(tmp), "the grader's temp area is cleaned up").toEqual([]);
  return { result, dir, exitCode: run.exitCode };
}

/** What a case says when its program was stopped for flooding the grader. */
export const FLOOD = /Sent more than 1000 datagrams or 4 MiB to the grader in this case: stopped/;

/** The cases that did not pass, and the cases whose message says the program was stopped for flooding. */
export function floodFailures(result: GradeResult): { failed: string[]; flooded: string[] } {
  const failed = new Set<string>();
  const flooded = new Set<string>();
  for (const t of result.tests)
    for (const c of t.cases) {
      if (c.status !== "passed") failed.add(c.id);
      if (FLOOD.test(c.message)) flooded.add(c.id);
    }
  return { failed: [...failed], flooded: [...flooded] };
}
