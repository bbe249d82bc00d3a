// Generated cases for the socket kinds: families in exercise.json fill drawn values into a case template.
// The references score 100 on several seeds (the expectation in each template follows the contract, so a
// correct program passes every draw); a broken program's generated failures carry a replay command that
// draws the same cases again. (The template words and the validation of families: unit/socket-templates.test.ts.)
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gradeJson, root, testOf } from "./helpers/cli.js";
import type { Exercise } from "../grader/generated/exercise.js";
import { exerciseIds } from "../grader/engine/exercises.js";

// One seed each here: \`npm run test:long\` grades every reference on 50 seeds.
const SEEDS = [1];
/** The socket exercises of the course that draw generated cases, from the exercises folder. */
const socketExercises = exerciseIds().filter((id) => {
  const ex = JSON.parse(readFileSync(path.join(root, "exercises", id, "exercise.json"), "utf8")) as Exercise;
  return ex.kind !== "function-call" && (ex.generated?.length ?? 0) > 0;
});
const fixture = (exercise: string, variant: string) => path.join(root, "test", "fixtures", exercise, variant);

// One reference at a time, graded as a student is (the sandbox, where there is one: the probe then runs in
// the sandbox host, its own process): a client's timed cases (a reply 1.5 s after the request inside its
// 2 s; retries spread over 1.5 s) lost their margin on two slow cores when five gradings ran at once, and
// again with the probe inside a CLI that the loaded machine did not run for seconds.
describe("generated socket cases: the references", () => {
  for (const exercise of socketExercises) {
    it.each(SEEDS)(`${exercise}: the reference scores 100 with --seed %i, generated cases included`, async (seed) => {
      const { run, result } = await gradeJson(exercise, path.join(root, "solutions", exercise), ["--seed", String(seed)]);
      // What a lost case said, for a run that fails on a busy machine.
      const lost = result.tests.filter((t) => t.score < t.max_score).map((t) => `${t.name}: ${t.output}`).join("\n\n");
      expect(run.exitCode, `${run.stderr}\n${lost}`).toBe(0);
      expect(result.score).toBe(result.max_score);
      expect(result.seed).toBe(seed);
      // The families ran: each check they count for has more cases than cases.json alone gives it.
      const ex = JSON.parse(readFileSync(path.join(root, "exercises", exercise, "exercise.json"), "utf8")) as Exercise;
      const cases = JSON.parse(readFileSync(path.join(root, "exercises", exercise, "cases.json"), "utf8")).cases as { checks: string[] }[];
      for (const family of ex.generated ?? []) {
        for (const id of family.checks) {
          const fixed = cases.filter((c) => c.checks.includes(id)).length;
          expect(testOf(result, id).total_cases, `${family.id} → ${id}`).toBeGreaterThanOrEqual(fixed + family.count);
        }
      }
    });
  }
});

describe.concurrent("generated socket cases", () => {
  it("a failing generated case is shrunk, says how to replay it, and the replay draws the same case", async () => {
    const dir = fixture("exercise-03", "op-case-insensitive");
    // Seed 1 draws {"op": "COUNT", ...} among the random-bad-op cases (the variant takes it for count).
    const args = ["--seed", "1", "--only", "bad-op", "--sandbox", "none"];
    const first = (await gradeJson("exercise-03", dir, args)).result;
    const generated = testOf(first, "bad-op").cases.filter((c) => c.generated);
    expect(generated.length).toBeGreaterThan(0);
    const g = generated[0].generated!;
    expect(g.family).toBe("random-bad-op");
    expect(g.seed).toBe(1);
    expect(g.replay).toContain("grade exercise-03 ");
    expect(g.replay).toContain("--seed 1 --only bad-op");
    // Shrunk: the case shown is a smaller one that still fails, next to the input it came from.
    expect(generated[0].message).toMatch(/Shrunk from the failing input/);
    const again = (await gradeJson("exercise-03", dir, args)).result;
    const replayed = testOf(again, "bad-op").cases.filter((c) => c.generated);
    expect(replayed.map((c) => [c.id, c.generated!.index])).toEqual(generated.map((c) => [c.id, c.generated!.index]));
    // The port differs from run to run; the requests do not. (How far shrinking gets depends on time, so
    // the first failure is compared by the input it was shrunk from.)
    const requests = (cs: typeof generated) => cs.map((c, i) => (i === 0 ? c.message.replace(/^[^]*Shrunk from the failing input /, "") : c.given).replace(/ \d+;/, " PORT;"));
    expect(requests(replayed)).toEqual(requests(generated));
  });

  it("a client that takes any reply for the server fails the generated decoy cases, marked as generated", async () => {
    const { result } = await gradeJson("exercise-04", fixture("exercise-04", "takes-first-datagram"), ["--seed", "2", "--only", "ignores-decoy", "--sandbox", "none"]);
    const failed = testOf(result, "ignores-decoy").cases.filter((c) => c.generated);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((c) => c.generated!.family === "random-decoys" && c.generated!.replay.includes("--seed 2 --only ignores-decoy"))).toBe(true);
  });
});
