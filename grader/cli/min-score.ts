// --min-score: read and checked before anything is graded (a typo must not cost a whole grading run, nor
// pass a gate by accident), then applied to the total of the course's exercises, missing ones included.
// Only light imports: the launcher reads it too, to start no sandbox for a command line that will fail.
import { GraderError } from "../core/errors.js";

export type MinScore = { points: number; percent?: undefined; text: string } | { percent: number; points?: undefined; text: string };

const expected = (text: string) =>
  new GraderError("BAD_ARGUMENT", "errMinScore", { text });

/** "80" points or "80%"; throws BAD_ARGUMENT for anything else (empty, negative, not a number, above 100 %). */
export function parseMinScore(text: string): MinScore {
  if (/^\s*-\s*\d/.test(text)) {
    throw new GraderError("BAD_ARGUMENT", "errMinScoreNegative", { text });
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!m) throw expected(text);
  const value = Number(m[1]);
  if (!m[2]) return { points: value, text };
  if (value > 100) throw expected(text);
  return { percent: value, text };
}

/** Points above what the exercises are worth can never be reached: a mistake, said before grading. */
export function checkReachable(min: MinScore, max: number): void {
  if (min.points !== undefined && min.points > max + 1e-9) {
    throw new GraderError("BAD_ARGUMENT", "errMinScoreTooHigh", { text: min.text, max });
  }
}

/** Whether score out of max reaches the gate; without one, only full marks do. */
export function reaches(score: number, max: number, min: MinScore | undefined): boolean {
  if (min === undefined) return score >= max - 1e-9;
  if (min.points !== undefined) return score >= min.points - 1e-9;
  return max > 0 ? (score / max) * 100 >= min.percent - 1e-9 : min.percent === 0;
}
