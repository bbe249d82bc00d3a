// The socket exercises must never fail a correct program by chance: reference solutions graded 5 times
// while both cores are kept busy, and once with the probe running as its own process.
import { execa, type ResultPromise } from "execa";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeJson, root } from "../helpers/cli.js";
import { listDirs } from "../helpers/fixtures.js";

// Every exercise whose program talks over sockets (every kind but function-call), from the exercises folder.
const exercisesDir = path.join(root, "exercises");
const socketExercises = (await listDirs(exercisesDir)).filter((id) => {
  const file = path.join(exercisesDir, id, "exercise.json");
  return existsSync(file) && JSON.parse(readFileSync(file, "utf8")).kind !== "function-call";
});

describe("reference solutions on a loaded machine", () => {
  let burners: ResultPromise[] = [];
  beforeAll(() => {
    // One busy loop per core, bounded in time in case the test is killed.
    burners = Array.from({ length: os.availableParallelism() }, () =>
      execa("node", ["-e", "const end = Date.now() + 120000; while (Date.now() < end) {}"], { reject: false }),
    );
  });
  afterAll(async () => {
    for (const b of burners) b.kill("SIGKILL");
    await Promise.all(burners);
  });

  it.each(socketExercises)("%s scores 100 five times in a row with every core busy", { timeout: 240_000 }, async (id) => {
    for (let i = 0; i < 5; i++) {
      const { result } = await gradeJson(id, path.join(root, "solutions", id));
      const lost = result.tests.filter((t) => t.score < t.max_score).map((t) => `${t.id}: ${t.output}`);
      expect(lost, `run ${i + 1}`).toEqual([]);
    }
  });
});

describe.concurrent("the probe as its own process", () => {
  // Without a sandbox the probe normally lives in the grader; GRADER_PROBE=process moves it to its own
  // process, driven over a pipe (in the bubblewrap sandbox it always is: the sandbox host).
  it.each(socketExercises)("%s: the reference scores 100 with GRADER_PROBE=process", async (id) => {
    const { result } = await gradeJson(id, path.join(root, "solutions", id), ["--sandbox", "none"], { GRADER_PROBE: "process" });
    expect(result.tests.filter((t) => t.score < t.max_score).map((t) => t.id)).toEqual([]);
  });
});
