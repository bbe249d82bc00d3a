// Every broken variant again, graded as a student is (the default sandbox: bubblewrap where it works), by
// one `grade batch` per exercise: the same expectations as test/broken-variants.test.ts, which grades them
// without the sandbox in `npm test`.
import path from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import type { GradeResult } from "../../grader/generated/result.js";
import { gradeBatch } from "../helpers/batch.js";
import { fixturesDir, removeTemps } from "../helpers/fixtures.js";
import { expectVariantScore, variantsByExercise } from "../helpers/variants.js";

afterAll(removeTemps);

for (const [exercise, variants] of await variantsByExercise()) {
  describe(`${exercise} broken variants in the sandbox`, () => {
    let results = new Map<string, GradeResult>();
    beforeAll(async () => {
      results = await gradeBatch(exercise, path.join(fixturesDir, exercise));
    }, 1_800_000);
    it.each(variants)("%s", (variant) => expectVariantScore(exercise, variant, results.get(variant)));
  });
}
