// summary.json: per exercise, how the class did and which checks were hardest.
import type { ClassResults } from "./types.js";
import { percentOf } from "../../text/percent.js";
import { courseMax, studentTotal } from "./totals.js";

export interface CheckStats {
  id: string;
  name: string;
  passed: number;
  graded: number;
  pass_rate: number;
}

export function checkStats(c: ClassResults, exercise: string): CheckStats[] {
  const byCheck = new Map<string, CheckStats>();
  for (const s of c.students) {
    const r = c.results.get(s)?.get(exercise);
    if (!r || r.status === "error") continue;
    for (const t of r.tests) {
      const st = byCheck.get(t.id) ?? { id: t.id, name: t.name, passed: 0, graded: 0, pass_rate: 0 };
      st.graded++;
      if (t.score >= t.max_score) st.passed++;
      byCheck.set(t.id, st);
    }
  }
  return [...byCheck.values()].map((s) => ({ ...s, pass_rate: s.graded ? Math.round((s.passed / s.graded) * 1000) / 1000 : 0 })).sort((a, b) => a.pass_rate - b.pass_rate || a.id.localeCompare(b.id));
}

export function summaryJson(c: ClassResults, generatedBy: string): string {
  const exercises = c.exercises.map((e) => {
    const scores = c.students.map((s) => c.results.get(s)?.get(e.id)?.score).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
    const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0;
    return {
      id: e.id,
      title: e.title,
      max_score: e.max,
      graded: scores.length,
      full_marks: scores.filter((x) => x >= e.max).length,
      mean: Math.round(mean * 100) / 100,
      median: scores.length ? scores[Math.floor(scores.length / 2)] : 0,
      hardest_checks: checkStats(c, e.id),
    };
  });
  // The course total per student (an exercise without a result counts 0), over every student.
  const totals = c.students.map((s) => studentTotal(c, s).score).sort((a, b) => a - b);
  const max = courseMax(c);
  const meanTotal = totals.length ? totals.reduce((a, b) => a + b, 0) / totals.length : 0;
  const total = {
    exercises: c.exercises.map((e) => e.id),
    max_score: max,
    mean: Math.round(meanTotal * 100) / 100,
    median: totals.length ? totals[Math.floor(totals.length / 2)] : 0,
    mean_percent: percentOf(meanTotal, max) ?? 0,
  };
  const sandboxes = new Set([...c.results.values()].flatMap((m) => [...m.values()].map((r) => r.grader.sandbox)));
  return JSON.stringify({ generated_by: generatedBy, students: c.students.length, sandbox: [...sandboxes], exercises, total, problems: Object.fromEntries(c.problems) }, null, 2) + "\n";
}
