// Each deliberately broken variant (test/fixtures/<exercise>/<variant>/) breaks one clause of the contract.
// It must lose points on exactly the checks its expect.json names, and keep full points everywhere else
// (apart from the few listed in mayAlsoFail). A variant that names no check is correct but noisy or slow,
// and must score full marks (test/helpers/variants.ts).
// Here the variants that witness each check (coveringVariants: per check, the one that breaks it most
// precisely, and one that must keep full marks) are graded with `--only` their own checks (and those they
// require) and a sample of two others, a different two per variant: each loses its own and keeps the sampled
// ones. `npm run test:long` grades every variant on every check (test/long/broken-variants.test.ts).
// One CLI run per variant, as a student's grading, in the default sandbox (without it, gradings side by side
// share one network: a server's port picked by one could be another's), not one `grade batch` per exercise: a
// batch serves every socket case of its gradings from one Node process, which a loaded machine starves
// (measured: at load 60, 8 of exercise-03's 37 variants lost a case to a late reply that way, none this way,
// in the same time and CPU).
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gradeJson } from "./helpers/cli.js";
import { fixturesDir } from "./helpers/fixtures.js";
import { checksToGrade, coveringVariants, expectVariantScore, readExpectation, variantsByExercise } from "./helpers/variants.js";

for (const [exercise, variants] of await variantsByExercise()) {
  const witnesses = coveringVariants(exercise, variants);
  describe.concurrent(`${exercise} broken variants (each check's witness: own checks and a sample of the others)`, () => {
    it("every check some variant breaks has a witness here", () => {
      const broken = new Set(variants.flatMap((v) => readExpectation(exercise, v).fails));
      expect(new Set(witnesses.flatMap((v) => readExpectation(exercise, v).fails))).toEqual(broken);
    });
    it.each(witnesses.map((v) => [v, variants.indexOf(v)] as const))("%s", async (variant, index) => {
      const checks = checksToGrade(exercise, variant, index);
      const { result } = await gradeJson(exercise, path.join(fixturesDir, exercise, variant), ["--only", checks.join(",")]);
      // --only also takes a check whose id contains a named one: at least the named ones are graded.
      for (const id of checks) expect(result.tests.map((t) => t.id), `${id} graded`).toContain(id);
      expectVariantScore(exercise, variant, result);
    });
  });
}
