// Each deliberately broken variant (test/fixtures/<exercise>/<variant>/) breaks one clause of the contract.
// It must lose points on exactly the checks its expect.json names, and keep full points everywhere else
// (apart from the few listed in mayAlsoFail). A variant that names no check is correct but noisy or slow,
// and must score full marks (test/helpers/variants.ts).
// Every variant is graded in full (every check), but an exercise's variants by one `grade batch` over its
// fixture folder rather than one CLI run each, and without the sandbox, which is not what they are about:
// test/long/broken-variants-sandbox.test.ts (`npm run test:long`) grades them all again in it.
import path from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import type { GradeResult } from "../grader/generated/result.js";
import { gradeBatch } from "./helpers/batch.js";
import { fixturesDir, removeTemps } from "./helpers/fixtures.js";
import { expectVariantScore, variantsByExercise } from "./helpers/variants.js";

afterAll(removeTemps);

for (const [exercise, variants] of await variantsByExercise()) {
  describe(`${exercise} broken variants`, () => {
    let results = new Map<string, GradeResult>();
    beforeAll(async () => {
      results = await gradeBatch(exercise, path.join(fixturesDir, exercise), ["--sandbox", "none"]);
    }, 900_000);
    it.each(variants)("%s", (variant) => expectVariantScore(exercise, variant, results.get(variant)));
  });
}
