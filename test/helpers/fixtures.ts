// Test submissions live under test/fixtures; each is copied to a temp folder before grading so a test can
// add files (e.g. the reference solution as correct_impl.py) and check afterwards that nothing changed.
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { root } from "./cli.js";

export const fixturesDir = path.join(root, "test", "fixtures");

export async function listDirs(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

const temps: string[] = [];

export async function tempDir(prefix = "grader-test-"): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** A copy of test/fixtures/<rel>, with the reference solution of `exercise` beside it as `as` (if given): hostile
 * fixtures wrap the reference (import it) instead of copying it. */
export async function fixtureCopy(rel: string, withReference?: { exercise: string; file: string; as: string }): Promise<string> {
  const dir = await tempDir();
  await cp(path.join(fixturesDir, rel), dir, { recursive: true });
  if (withReference) await cp(path.join(root, "solutions", withReference.exercise, withReference.file), path.join(dir, withReference.as));
  return dir;
}

export async function removeTemps(): Promise<void> {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}
