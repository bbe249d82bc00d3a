// Every broken variant graded on every check (`npm run test:long`, also run by .ci/run): it loses points on
// exactly the checks its expect.json names and keeps full points everywhere else (test/helpers/variants.ts).
// `npm test` grades each on its own checks and a sample of the others (test/broken-variants.test.ts).
import path from "node:path";
import pLimit from "p-limit";
import { describe, it } from "vitest";
import { gradeJson } from "../helpers/cli.js";
import { fixturesDir } from "../helpers/fixtures.js";
import { exerciseJson, expectVariantScore, variantsByExercise } from "../helpers/variants.js";

/**
 * How many of an exercise's variants are graded at once. A socket exercise's grading runs a dozen programs
 * of its own, and its timed cases are what a busy grader fails: with five socket gradings at once on 2
 * cores, variants lost timed cases they do not break (CI: raw-text's late reply; binds-port-plus-one's
 * late decoy case), and with two at once on a quiet machine too (timeout-half-second, whose 0.5 s wait
 * missed immediate replies). So socket variants are graded one at a time, as a student grades one
 * program; function calls stay at five. (The grader's reply latency with gradings side by side is open:
 * see the README's notes on timed cases.)
 */
function atOnce(exercise: string): number {
  return exerciseJson(exercise).kind === "function-call" ? 5 : 1;
}

for (const [exercise, variants] of await variantsByExercise()) {
  const gate = pLimit(atOnce(exercise));
  describe.concurrent(`${exercise} broken variants, every check`, () => {
    it.each(variants)("%s", async (variant) => {
      const { result } = await gate(() => gradeJson(exercise, path.join(fixturesDir, exercise, variant)));
      expectVariantScore(exercise, variant, result);
    });
  });
}
