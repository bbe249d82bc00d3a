// The numbers of the teacher's dashboard: score distributions and, per check, the mean score and how many
// students earned all, part or none of its points (a check's pass rate alone hides partial credit).
import type { ClassResults } from "./types.js";
import { studentTotal } from "./totals.js";

export interface CheckSpread {
  exercise: string;
  id: string;
  name: string;
  max: number;
  graded: number;
  /** Mean points earned, over the students whose exercise was graded. */
  mean: number;
  full: number;
  partial: number;
  zero: number;
}

export function checkSpread(c: ClassResults, exercise: string): CheckSpread[] {
  const byCheck = new Map<string, CheckSpread & { sum: number }>();
  for (const s of c.students) {
    const r = c.results.get(s)?.get(exercise);
    if (!r || r.status === "error") continue; // not graded at all: says nothing about the check
    for (const t of r.tests) {
      const st = byCheck.get(t.id) ?? { exercise, id: t.id, name: t.name, max: t.max_score, graded: 0, mean: 0, full: 0, partial: 0, zero: 0, sum: 0 };
      st.graded++;
      st.sum += t.score;
      if (t.score >= t.max_score) st.full++;
      else if (t.score > 0) st.partial++;
      else st.zero++;
      byCheck.set(t.id, st);
    }
  }
  return [...byCheck.values()]
    .map(({ sum, ...st }) => ({ ...st, mean: st.graded ? Math.round((sum / st.graded) * 100) / 100 : 0 }))
    .sort((a, b) => a.mean / (a.max || 1) - b.mean / (b.max || 1) || a.id.localeCompare(b.id));
}

/** Mean and median of a list (0 for none). */
export function centre(xs: number[]): { mean: number; median: number } {
  if (!xs.length) return { mean: 0, median: 0 };
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { mean: Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100, median: Math.round(median * 100) / 100 };
}

/** Eleven bins of a percentage: 0-9, 10-19, …, 90-99, and exactly 100 on its own. */
export function histogram(percents: number[]): number[] {
  const bins = new Array<number>(11).fill(0);
  for (const p of percents) bins[p >= 100 ? 10 : Math.max(0, Math.min(9, Math.floor(p / 10)))]++;
  return bins;
}

export const binLabel = (i: number): string => (i === 10 ? "100" : `${i * 10}–${i * 10 + 9}`);

/** Every student's percentage of one exercise (no result counts 0) or of the course total. */
export function percents(c: ClassResults, exercise?: string): number[] {
  return c.students.map((s) => {
    if (exercise === undefined) {
      const t = studentTotal(c, s);
      return t.max > 0 ? (t.score / t.max) * 100 : 0;
    }
    const max = c.exercises.find((e) => e.id === exercise)?.max ?? 0;
    const score = c.results.get(s)?.get(exercise)?.score ?? 0;
    return max > 0 ? (score / max) * 100 : 0;
  });
}
