// The long sweep (`npm run test:long`, also run by .ci/run): a correct program must score full marks on
// every seed. Every reference solution and every correct variant (a fixture whose expect.json fails
// nothing) is graded with 50 seeds, then with 10 more while every core runs a busy loop.
import { execa, type ResultPromise } from "execa";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pLimit from "p-limit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeJson, root } from "../helpers/cli.js";
import { fixturesDir, listDirs } from "../helpers/fixtures.js";

const exercisesDir = path.join(root, "exercises");
const exercises = (await listDirs(exercisesDir)).filter((id) => existsSync(path.join(exercisesDir, id, "exercise.json")));

/** The correct programs of an exercise: its reference, and the fixtures that must keep full marks. */
async function correctPrograms(id: string): Promise<string[]> {
  const variants = existsSync(path.join(fixturesDir, id)) ? await listDirs(path.join(fixturesDir, id)) : [];
  const correct = variants.filter((v) => {
    const file = path.join(fixturesDir, id, v, "expect.json");
    return existsSync(file) && JSON.parse(readFileSync(file, "utf8")).fails.length === 0;
  });
  return [path.join(root, "solutions", id), ...correct.map((v) => path.join(fixturesDir, id, v))];
}

/** Seeds spread over the whole range (not only small numbers). */
const seeds = (n: number, salt: number) => Array.from({ length: n }, (_, i) => ((i + 1) * 2654435761 + salt * 40503) % 2 ** 31);

async function sweep(id: string, seedList: number[], concurrency: number): Promise<string[]> {
  const limit = pLimit(concurrency);
  const failures: string[] = [];
  const programs = await correctPrograms(id);
  await Promise.all(
    programs.flatMap((dir) =>
      seedList.map((seed) =>
        limit(async () => {
          const { result } = await gradeJson(id, dir, ["--seed", String(seed)]);
          const lost = result.tests.filter((t) => t.score < t.max_score).map((t) => `${t.id}: ${t.output.slice(0, 400)}`);
          if (lost.length || result.warnings.some((w) => /generated/.test(w))) failures.push(`${path.basename(dir)} --seed ${seed}: ${[...lost, ...result.warnings].join(" | ")}`);
        }),
      ),
    ),
  );
  return failures;
}

describe.each(exercises)("%s", (id) => {
  it("every correct program scores full marks on 50 seeds", async () => {
    expect(await sweep(id, seeds(50, 1), 3)).toEqual([]);
  });
});

describe("with every core busy", () => {
  let burners: ResultPromise[] = [];
  beforeAll(() => {
    // One busy loop per core, bounded in time in case the run is killed.
    burners = Array.from({ length: os.availableParallelism() }, () =>
      execa("node", ["-e", "const end = Date.now() + 1500000; while (Date.now() < end) {}"], { reject: false }),
    );
  });
  afterAll(async () => {
    for (const b of burners) b.kill("SIGKILL");
    await Promise.all(burners);
  });

  it.each(exercises)("%s: every correct program scores full marks on 10 more seeds", async (id) => {
    expect(await sweep(id, seeds(10, 2), 2)).toEqual([]);
  });
});
