// Every reference solution must score full marks through the real CLI, with a schema-valid result;
// every starter must be gradable (imports cleanly) and score far from full. Graded as a student is (the
// default sandbox): where bubblewrap works that is inside it, so this is also "every reference scores 100
// in the sandbox" (test/sandbox.test.ts fails in CI when bubblewrap is missing).
import { execa } from "execa";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gradeJson, root } from "./helpers/cli.js";
import { resultSchemaErrors } from "./helpers/result-schema.js";
import { listDirs } from "./helpers/fixtures.js";

const exercisesDir = path.join(root, "exercises");
const bwrapWorks = (await execa("bwrap", ["--ro-bind", "/", "/", "--unshare-net", "--unshare-pid", "true"], { reject: false }).catch(() => ({ exitCode: 1 }))).exitCode === 0;
const graded = (await listDirs(exercisesDir)).filter((id) => existsSync(path.join(exercisesDir, id, "exercise.json")));

describe.concurrent.each(graded)("%s", (id) => {
  const exercise = JSON.parse(readFileSync(path.join(exercisesDir, id, "exercise.json"), "utf8"));

  it("the reference solution scores full marks", async () => {
    const { run, result } = await gradeJson(id, path.join(root, "solutions", id));
    const failed = result.tests.filter((t) => t.score < t.max_score).map((t) => `${t.id}: ${t.output}`);
    expect(failed).toEqual([]);
    expect(result.status).toBe("graded");
    expect(result.score).toBe(result.max_score);
    expect(run.exitCode).toBe(0);
    expect(resultSchemaErrors(result)).toEqual([]);
    expect(result.tests.map((t) => t.id)).toEqual(exercise.checks.map((c: { id: string }) => c.id));
    expect(result.grader.sandbox).toBe(bwrapWorks ? "bwrap" : "none");
  });

  it("the starter code imports cleanly and scores at most 10 %", async () => {
    const { run, result } = await gradeJson(id, path.join(exercisesDir, id, "starter"));
    expect(result.status).toBe("graded");
    expect(result.score).toBeLessThanOrEqual(result.max_score * 0.1);
    expect(run.exitCode).toBe(1);
  });
});
