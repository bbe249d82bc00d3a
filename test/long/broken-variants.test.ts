// Every broken variant graded on every check (`npm run test:long`, also run by .ci/run): it loses points on
// exactly the checks its expect.json names and keeps full points everywhere else (test/helpers/variants.ts).
// `npm test` grades each on its own checks and a sample of the others (test/broken-variants.test.ts).
import path from "node:path";
import { describe, it } from "vitest";
import { gradeJson } from "../helpers/cli.js";
import { fixturesDir } from "../helpers/fixtures.js";
import { expectVariantScore, variantsByExercise } from "../helpers/variants.js";

for (const [exercise, variants] of await variantsByExercise()) {
  describe.concurrent(`${exercise} broken variants, every check`, () => {
    it.each(variants)("%s", async (variant) => {
      const { result } = await gradeJson(exercise, path.join(fixturesDir, exercise, variant));
      expectVariantScore(exercise, variant, result);
    });
  });
}
