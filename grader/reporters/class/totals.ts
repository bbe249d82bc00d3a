// A student's total over the course: every exercise of the gradebook counts, at 0 points when there is no
// result for it (not handed in, or a submission that could not be graded at all). Shared by grades.csv,
// summary.json and report.html, so they cannot disagree.
import type { ClassResults } from "./types.js";

export interface StudentTotal {
  score: number;
  max: number;
}

export function courseMax(c: ClassResults): number {
  return c.exercises.reduce((a, e) => a + e.max, 0);
}

export function studentTotal(c: ClassResults, student: string): StudentTotal {
  const mine = c.results.get(student);
  const score = c.exercises.reduce((a, e) => a + (mine?.get(e.id)?.score ?? 0), 0);
  return { score: Math.round(score * 100) / 100, max: courseMax(c) };
}
