// No credit for doing nothing: programs that do nothing relevant (test/fixtures/trivial/) score exactly 0.
// Here a fixed rotation of (exercise, program) pairs: every program at least once, every exercise at
// least twice; `npm run test:long` grades every pair (test/long/trivial-programs.test.ts).
import { afterAll, describe, expect, it } from "vitest";
import { removeTemps } from "./helpers/fixtures.js";
import { exercises, expectScoresZero, programs, rotatedPairs } from "./helpers/trivial.js";

afterAll(removeTemps);

it("there are trivial programs and exercises to grade, and the rotation takes each of them", () => {
  expect(programs.length).toBeGreaterThanOrEqual(5);
  expect(exercises.length).toBeGreaterThanOrEqual(4);
  expect(new Set(rotatedPairs().map(([, p]) => p))).toEqual(new Set(programs));
  for (const e of exercises) expect(rotatedPairs().filter(([x]) => x === e).length).toBeGreaterThanOrEqual(2);
});

describe.concurrent("a program that does nothing relevant scores 0", () => {
  it.each(rotatedPairs())("%s: '%s'", { timeout: 180_000 }, (exercise, program) => expectScoresZero(exercise, program));
});
