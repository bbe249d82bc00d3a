// No credit for doing nothing: programs that do nothing relevant (test/fixtures/trivial/) score exactly 0 on
// every exercise. Each is written as the exercise's entry file; the function-call exercises also get each
// required function with the fixture's body. The exercises come from the exercises folder. An exercise's
// programs are graded by one `grade batch` over a class of them (one student per program), sandbox on.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GradeResult } from "../grader/generated/result.js";
import { gradeBatch } from "./helpers/batch.js";
import { root } from "./helpers/cli.js";
import { fixturesDir, listDirs, removeTemps, tempDir } from "./helpers/fixtures.js";
import { resultSchemaErrors } from "./helpers/result-schema.js";

afterAll(removeTemps);

const exercisesDir = path.join(root, "exercises");
const exercises = (await listDirs(exercisesDir)).filter((id) => existsSync(path.join(exercisesDir, id, "exercise.json")));
const trivialDir = path.join(fixturesDir, "trivial");
const programs = await listDirs(trivialDir);

/** A class with one student per trivial program, each written as the exercise's entry file. */
async function trivialClass(exercise: string): Promise<string> {
  const dir = await tempDir("trivial-");
  for (const program of programs) await writeSubmission(exercise, program, path.join(dir, program));
  return dir;
}

async function writeSubmission(exercise: string, program: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const data = JSON.parse(readFileSync(path.join(exercisesDir, exercise, "exercise.json"), "utf8")) as { entry: string; functions?: Record<string, unknown> };
  const read = (file: string) => (existsSync(path.join(trivialDir, program, file)) ? readFileSync(path.join(trivialDir, program, file), "utf8") : "");
  const perFunction = read("function.py");
  const functions = perFunction ? Object.keys(data.functions ?? {}).map((name) => perFunction.replaceAll("NAME", name)) : [];
  await writeFile(path.join(dir, data.entry), [...functions, read("module.py")].join("\n"));
}

it("there are trivial programs and exercises to grade", () => {
  expect(programs.length).toBeGreaterThanOrEqual(5);
  expect(exercises.length).toBeGreaterThanOrEqual(4);
});

describe.each(exercises)("%s", (exercise) => {
  let results = new Map<string, GradeResult>();
  beforeAll(async () => {
    results = await gradeBatch(exercise, await trivialClass(exercise));
  }, 900_000);
  it.each(programs)("a program that only does '%s' scores 0", (program) => {
    const result = results.get(program)!;
    expect(result, `${program} has a result`).toBeDefined();
    expect(resultSchemaErrors(result)).toEqual([]);
    // A module that cannot be imported is reported as such (status "error"), with every check at 0.
    expect(["graded", "error"]).toContain(result.status);
    expect(result.max_score).toBeGreaterThan(0);
    expect(result.tests.length).toBeGreaterThan(0);
    const earned = result.tests.filter((t) => t.score > 0).map((t) => `${t.id}: ${t.score}`);
    expect(earned, `${program} earns nothing on ${exercise}`).toEqual([]);
    expect(result.score).toBe(0);
  });
});
