// Test submissions live under test/fixtures; each is copied to a temp folder before grading so a test can
// add files (e.g. the reference solution as correct_impl.py) and check afterwards that nothing changed.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
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

/**
 * A temp course folder (for GRADER_EXERCISES) holding a copy of exercise `id` from the course folder `from`,
 * its exercise.json changed by `edit`. Returns the folder and that file.
 */
export async function editedCourse(from: string, id: string, edit: (exercise: Record<string, any>) => void): Promise<{ course: string; file: string }> {
  const course = await tempDir("course-");
  await cp(path.join(from, id), path.join(course, id), { recursive: true });
  const file = path.join(course, id, "exercise.json");
  const data = JSON.parse(await readFile(file, "utf8"));
  edit(data);
  await writeFile(file, JSON.stringify(data, null, 2));
  return { course, file };
}

export async function removeTemps(): Promise<void> {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}
