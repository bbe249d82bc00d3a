// Programs that do nothing relevant (test/fixtures/trivial/), written as each exercise's entry file, must
// score exactly 0 on every exercise. The function-call exercises also get each required function with the
// fixture's body. The exercises come from the exercises folder. `npm test` grades a fixed rotation of the
// pairs (test/trivial-programs.test.ts), `npm run test:long` every pair (test/long/trivial-programs.test.ts).
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "vitest";
import { gradeJson, root } from "./cli.js";
import { fixturesDir, listDirs, tempDir } from "./fixtures.js";
import { resultSchemaErrors } from "./result-schema.js";

const exercisesDir = path.join(root, "exercises");
export const exercises = (await listDirs(exercisesDir)).filter((id) => existsSync(path.join(exercisesDir, id, "exercise.json")));
const trivialDir = path.join(fixturesDir, "trivial");
export const programs = await listDirs(trivialDir);

/** Every program on every exercise. */
export const everyPair = (): [string, string][] => exercises.flatMap((e) => programs.map((p): [string, string] => [e, p]));

/** A fixed rotation: every program on at least one exercise, every exercise with at least two programs. */
export function rotatedPairs(): [string, string][] {
  const count = Math.max(programs.length, 2 * exercises.length);
  return Array.from({ length: count }, (_, j): [string, string] => [exercises[j % exercises.length], programs[j % programs.length]]);
}

async function submission(exercise: string, program: string): Promise<string> {
  const data = JSON.parse(readFileSync(path.join(exercisesDir, exercise, "exercise.json"), "utf8")) as { entry: string; functions?: Record<string, unknown> };
  const read = (file: string) => (existsSync(path.join(trivialDir, program, file)) ? readFileSync(path.join(trivialDir, program, file), "utf8") : "");
  const perFunction = read("function.py");
  const functions = perFunction ? Object.keys(data.functions ?? {}).map((name) => perFunction.replaceAll("NAME", name)) : [];
  const dir = await tempDir();
  await writeFile(path.join(dir, data.entry), [...functions, read("module.py")].join("\n"));
  return dir;
}

/** Grades `program` as a submission of `exercise`: it earns nothing on any check. */
export async function expectScoresZero(exercise: string, program: string): Promise<void> {
  const { result } = await gradeJson(exercise, await submission(exercise, program));
  expect(resultSchemaErrors(result)).toEqual([]);
  // A module that cannot be imported is reported as such (status "error"), with every check at 0.
  expect(["graded", "error"]).toContain(result.status);
  expect(result.max_score).toBeGreaterThan(0);
  expect(result.tests.length).toBeGreaterThan(0);
  const earned = result.tests.filter((t) => t.score > 0).map((t) => `${t.id}: ${t.score}`);
  expect(earned, `${program} earns nothing on ${exercise}`).toEqual([]);
  expect(result.score).toBe(0);
}
