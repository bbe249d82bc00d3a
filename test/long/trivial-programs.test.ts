// No credit for doing nothing, every pair: each trivial program (test/fixtures/trivial/) on each exercise
// scores exactly 0 (`npm test` grades a rotation of the pairs: test/trivial-programs.test.ts).
import { afterAll, describe, it } from "vitest";
import { removeTemps } from "../helpers/fixtures.js";
import { everyPair, expectScoresZero } from "../helpers/trivial.js";

afterAll(removeTemps);

describe.concurrent("a program that does nothing relevant scores 0, on every exercise", () => {
  it.each(everyPair())("%s: '%s'", { timeout: 180_000 }, (exercise, program) => expectScoresZero(exercise, program));
});
