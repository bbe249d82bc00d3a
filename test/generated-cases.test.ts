// Generated cases (issue 11): fresh inputs from a seeded generator, judged against the reference solution.
// A copy of the public answers must not pass; the same code always meets the same cases; a failure can be
// replayed from the command it prints.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { appendFile, cp } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { grade, gradeJson, root } from "./helpers/cli.js";
import { fixturesDir, listDirs, removeTemps, tempDir } from "./helpers/fixtures.js";
import { publicAnswers, writeLookupTable } from "./helpers/lookup-table.js";
import { resultSchemaErrors } from "./helpers/result-schema.js";

afterAll(removeTemps);

const exercisesDir = path.join(root, "exercises");
const exerciseData = (id: string) => JSON.parse(readFileSync(path.join(exercisesDir, id, "exercise.json"), "utf8"));
const all = await listDirs(exercisesDir);
const withFunctions = all.filter((id) => exerciseData(id).kind === "function-call");
const withGenerated = all.filter((id) => (exerciseData(id).generated ?? []).length > 0);

describe.concurrent.each(withFunctions)("%s: a lookup table of the public answers", (id) => {
  // For unknown input it answers what the public cases answer most often, or the next most common answer.
  it.each([
    ["the most common answer", (common: unknown[]) => common[0] ?? null],
    ["the second most common answer", (common: unknown[]) => common[1] ?? common[0] ?? null],
  ])("answering %s for everything else scores at most 60 %%", async (_name, fallback) => {
    const dir = await tempDir();
    await writeLookupTable(id, dir, fallback);
    const { result } = await gradeJson(id, dir, ["--sandbox", "none"]);
    expect(result.status).toBe("graded");
    // The table really holds the public answers: every fixed case it has an answer for passes.
    const inTable = new Set([...publicAnswers(id).values()].flat().map((c) => c.id));
    const failedFixed = result.tests.flatMap((t) => t.cases.filter((c) => !c.generated && inTable.has(c.id)).map((c) => `${t.id}: ${c.id}`));
    expect(failedFixed).toEqual([]);
    expect(result.score).toBeLessThanOrEqual(result.max_score * 0.6);
  });
});

describe.concurrent.each(withGenerated.filter((id) => withFunctions.includes(id)))("%s: generated cases", (id) => {
  const variants = readVariants(id);

  it("the same code gets the same seed and score; any change to the code gets fresh cases", async () => {
    const dir = await tempDir();
    await cp(path.join(fixturesDir, id, variants[0]), dir, { recursive: true });
    const a = (await gradeJson(id, dir, ["--sandbox", "none"])).result;
    const b = (await gradeJson(id, dir)).result; // and in the sandbox: the seed does not depend on where it runs
    expect(a.seed).toBeTypeOf("number");
    expect(b.seed).toBe(a.seed);
    expect(b.score).toBe(a.score);
    expect(b.tests.map((t) => [t.id, t.passed_cases, t.total_cases])).toEqual(a.tests.map((t) => [t.id, t.passed_cases, t.total_cases]));
    await appendFile(path.join(dir, exerciseData(id).entry), "\n# a comment changes the code\n");
    const c = (await gradeJson(id, dir, ["--sandbox", "none"])).result;
    expect(c.seed).not.toBe(a.seed);
    // A README is not code: it changes nothing.
    const d = await tempDir();
    await cp(path.join(fixturesDir, id, variants[0]), d, { recursive: true });
    await appendFile(path.join(d, "README.md"), "notes\n");
    expect((await gradeJson(id, d, ["--sandbox", "none"])).result.seed).toBe(a.seed);
  });

  it("a failed generated case is shrunk, carries its seed, and its printed command replays it", async () => {
    // Every broken variant of this exercise fails some generated case of the check it breaks.
    let replayed = 0;
    for (const variant of variants) {
      const dir = path.join(fixturesDir, id, variant);
      const { result } = await gradeJson(id, dir, ["--sandbox", "none"]);
      expect(resultSchemaErrors(result)).toEqual([]);
      const generated = result.tests.flatMap((t) => t.cases.filter((c) => c.generated).map((c) => ({ test: t, c })));
      if (!generated.length) continue;
      const { test, c } = generated[0];
      expect(c.generated!.seed).toBe(result.seed);
      expect(c.generated!.replay).toContain(`--seed ${result.seed}`);
      const args = c.generated!.replay.split(" ").slice(1); // "grade EXERCISE DIR --seed N --only CHECK"
      const again = await gradeJson(args[0], args[1], [...args.slice(2), "--sandbox", "none"]);
      const same = again.result.tests.find((t) => t.id === test.id)!;
      expect(same.cases.find((x) => x.generated)?.given).toBe(c.given);
      expect(same.score).toBe(test.score);
      replayed++;
      if (replayed >= 2) break;
    }
    expect(replayed).toBeGreaterThan(0);
  });

  it("--seed chooses the cases: the reference scores full marks on several seeds", async () => {
    for (const seed of [1, 2, 2147483647]) {
      const { result } = await gradeJson(id, path.join(root, "solutions", id), ["--seed", String(seed), "--sandbox", "none"]);
      expect(result.seed).toBe(seed);
      expect(result.tests.filter((t) => t.score < t.max_score).map((t) => t.output)).toEqual([]);
      expect(result.warnings).toEqual([]);
    }
  });
});

describe("--seed", () => {
  it.each(["abc", "-1", "1.5", "2147483648"])("refuses %s with exit 2 before grading", async (bad) => {
    const run = await grade([withGenerated[0] ?? all[0], path.join(root, "solutions", withGenerated[0] ?? all[0]), "--seed", bad, "--lang", "en"]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/--seed/);
    expect(run.stdout).toBe("");
  });
});

/** The broken variants of an exercise that fail something (those with an empty `fails` are correct). */
function readVariants(id: string): string[] {
  const dir = path.join(fixturesDir, id);
  return readdirSync(dir).filter((v) => existsSync(path.join(dir, v, "expect.json")) && JSON.parse(readFileSync(path.join(dir, v, "expect.json"), "utf8")).fails.length > 0).sort();
}

describe("one submission, three ways", () => {
  it("gets the same seed and score alone, in `grade all` and in a batch", async () => {
    const id = withGenerated.find((x) => withFunctions.includes(x))!;
    const variant = readVariants(id)[0];
    const klass = await tempDir("class-");
    await cp(path.join(fixturesDir, id, variant), path.join(klass, "student-a"), { recursive: true });
    const alone = (await gradeJson(id, path.join(klass, "student-a"))).result;

    const out = await tempDir("out-");
    const all = await grade(["all", path.join(klass, "student-a"), "--json", path.join(out, "all.json"), "--format", "json", "--lang", "en"]);
    const inAll = ([] as { exercise: string; seed?: number; score: number }[]).concat(JSON.parse(all.stdout)).find((r) => r.exercise === id)!;

    const batch = await grade(["batch", id, klass, "--out", path.join(out, "batch"), "--jobs", "2", "--lang", "en"]);
    expect(batch.exitCode, batch.stderr).toBe(0);
    const inBatch = JSON.parse(readFileSync(path.join(out, "batch", "results", "student-a", `${id}.json`), "utf8"));

    for (const r of [inAll, inBatch]) {
      expect(r.seed).toBe(alone.seed);
      expect(r.score).toBe(alone.score);
    }
    // `--seed` in a batch gives every student the same cases, and regrades what was graded with another seed.
    const again = await grade(["batch", id, klass, "--out", path.join(out, "batch"), "--seed", "7", "--lang", "en"]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(out, "batch", "results", "student-a", `${id}.json`), "utf8")).seed).toBe(7);
  });
});
