// One student's feedback as HTML: in the dashboard (the teacher's view) and as feedback/<student>.html
// (the student's, ready to upload or mail). The student's view honours each check's visibility: a hidden
// check is only counted in one line (as Gradescope never shows it), an after_due_date/after_published
// one shows its name and points; a visible one shows its clause, hint and failed cases.
import type { GradeResult, Test } from "../../generated/result.js";
import { t, type Lang } from "../../core/i18n.js";
import { caseText } from "../../text/case-text.js";
import { percentText } from "../../text/percent.js";
import { escapeHtml } from "./html-text.js";
import type { StudentTotal } from "./totals.js";

export type FeedbackAudience = "teacher" | "student";

export interface StudentFeedback {
  student: string;
  total: StudentTotal;
  results: GradeResult[];
  problem?: string;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The tests a student may see one by one, and the hidden ones summed up. */
export function splitVisible(r: GradeResult, audience: FeedbackAudience): { shown: Test[]; hidden: { n: number; score: number; max: number } } {
  const hiddenTests = audience === "student" ? r.tests.filter((x) => x.visibility === "hidden") : [];
  return {
    shown: r.tests.filter((x) => !hiddenTests.includes(x)),
    hidden: { n: hiddenTests.length, score: round2(hiddenTests.reduce((a, x) => a + x.score, 0)), max: round2(hiddenTests.reduce((a, x) => a + x.max_score, 0)) },
  };
}

const full = (x: Test) => x.status === "passed" && x.score >= x.max_score;

function testHtml(x: Test, r: GradeResult, lang: Lang): string {
  const mark = full(x) ? `<span class="ok">✓</span>` : `<span class="no">✗</span>`;
  const word = t(lang, full(x) ? "fbPassed" : "fbNotPassed");
  const head = `${mark} ${escapeHtml(x.name)} <span class="pts">${x.score}/${x.max_score}</span><span class="sr"> (${word})</span>`;
  if (full(x)) return `<li>${head}</li>`;
  const body: string[] = [];
  if (x.visibility === "after_due_date" || x.visibility === "after_published") body.push(`<p>${escapeHtml(t(lang, "fbLater"))}</p>`);
  if (x.clause) body.push(`<p>${escapeHtml(x.clause)}</p>`);
  if (x.hint) body.push(`<p><em>${escapeHtml(x.hint)}</em></p>`);
  if (x.note) body.push(`<p>${escapeHtml(x.note)}</p>`);
  if (!x.cases.length && x.output && x.output !== r.output) body.push(`<pre>${escapeHtml(x.output)}</pre>`);
  for (const c of x.cases) body.push(`<pre>${escapeHtml(caseText(c, r.lang))}</pre>`);
  return `<li><details><summary>${head}</summary>${body.join("")}</details></li>`;
}

/** The feedback body (no page around it): headings start at `level`. */
export function feedbackHtml(f: StudentFeedback, lang: Lang, audience: FeedbackAudience, level = 2): string {
  const h = (n: number, text: string) => `<h${n}>${text}</h${n}>`;
  const parts: string[] = [];
  parts.push(`<p class="total">${escapeHtml(t(lang, "totalLine", { score: f.total.score, max: f.total.max, percent: percentText(f.total.score, f.total.max, lang) }))}</p>`);
  if (f.problem) parts.push(`<p class="err">${escapeHtml(t(lang, "fbProblem", { message: f.problem }))}</p>`);
  for (const r of f.results) {
    parts.push(h(level, `${escapeHtml(r.exercise)} · ${escapeHtml(r.exercise_title)}: ${r.score}/${r.max_score} (${escapeHtml(percentText(r.score, r.max_score, lang))})`));
    if (r.output) parts.push(`<pre class="err">${escapeHtml(r.output)}</pre>`);
    for (const w of r.warnings) parts.push(`<p>⚠ ${escapeHtml(w)}</p>`);
    const { shown, hidden } = splitVisible(r, audience);
    if (shown.length && shown.every(full) && !hidden.n) parts.push(`<p>${escapeHtml(t(lang, "fbAllPassed"))}</p>`);
    parts.push(`<ul class="checks">${shown.map((x) => testHtml(x, r, lang)).join("")}</ul>`);
    if (hidden.n) parts.push(`<p>${escapeHtml(t(lang, "fbHiddenChecks", { n: hidden.n, score: hidden.score, max: hidden.max }))}</p>`);
  }
  return parts.join("\n");
}
