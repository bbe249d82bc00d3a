// No credit for doing nothing: programs that do nothing relevant (test/fixtures/trivial/) score exactly 0 on
// every exercise. Each is written as the exercise's entry file; the function-call exercises also get each
// required function with the fixture's body. The exercises come from the exercises folder.
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gradeJson, root } from "./helpers/cli.js";
import { fixturesDir, listDirs, removeTemps, tempDir } from "./helpers/fixtures.js";
import { resultSchemaErrors } from "./helpers/result-schema.js";

afterAll(removeTemps);

const exercisesDir = path.join(root, "exercises");
const exercises = (await listDirs(exercisesDir)).filter((id) => existsSync(path.join(exercisesDir, id, "exercise.json")));
const trivialDir = path.join(fixturesDir, "trivial");
const programs = await listDirs(trivialDir);

async function submission(exercise: string, program: string): Promise<string> {
  const data = JSON.parse(readFileSync(path.join(exercisesDir, exercise, "exercise.json"), "utf8")) as { entry: string; functions?: Record<string, unknown> };
  const read = (file: string) => (existsSync(path.join(trivialDir, program, file)) ? readFileSync(path.join(trivialDir, program, file), "utf8") : "");
  const perFunction = read("function.py");
  const functions = perFunction ? Object.keys(data.functions ?? {}).map((name) => perFunction.replaceAll("NAME", name)) : [];
  const dir = await tempDir();
  await writeFile(path.join(dir, data.entry), [...functions, read("module.py")].join("\n"));
  return dir;
}

it("there are trivial programs and exercises to grade", () => {
  expect(programs.length).toBeGreaterThanOrEqual(5);
  expect(exercises.length).toBeGreaterThanOrEqual(4);
});

describe.concurrent.each(exercises)("%s", (exercise) => {
  it.each(programs)("a program that only does '%s' scores 0", { timeout: 180_000 }, async (program) => {
    const { result } = await gradeJson(exercise, await submission(exercise, program));
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
