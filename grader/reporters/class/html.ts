// report.html: one self-contained page (no scripts, fonts or styles from the network). The class table,
// per-check pass rates with the hardest first, and each student's feedback and datagram transcripts in
// <details> elements that open on click. Everything from a result is escaped: student output ends up here.
import type { GradeResult } from "../../generated/result.js";
import { caseText } from "../case-text.js";
import { checkStats } from "./summary.js";
import type { ClassResults } from "./types.js";
import { percentText } from "../percent.js";
import { courseMax, studentTotal, type StudentTotal } from "./totals.js";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}
th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}td.num{text-align:right}.full{background:#e6f4ea}.low{background:#fdecea}
.bar{display:inline-block;height:.8em;background:#4a90d9;vertical-align:middle}pre{background:#f6f6f6;padding:.6em;overflow:auto;white-space:pre-wrap}
details{margin:.3em 0}summary{cursor:pointer}.err{color:#b00}`;

function studentFeedback(student: string, total: StudentTotal, results: GradeResult[], problem: string | undefined): string {
  const parts = [`<details id="${escapeHtml(encodeURIComponent(student))}"><summary><strong>${escapeHtml(student)}</strong> ${total.score}/${total.max} (${percentText(total.score, total.max, "en")})</summary>`];
  if (problem) parts.push(`<p class="err">${escapeHtml(problem)}</p>`);
  for (const r of results) {
    parts.push(`<h4>${escapeHtml(r.exercise)} · ${escapeHtml(r.exercise_title)}: ${r.score}/${r.max_score} (${percentText(r.score, r.max_score, "en")})</h4>`);
    if (r.output) parts.push(`<p class="err">${escapeHtml(r.output)}</p>`);
    for (const w of r.warnings) parts.push(`<p>⚠ ${escapeHtml(w)}</p>`);
    for (const t of r.tests.filter((x) => x.status !== "passed" || x.score < x.max_score)) {
      parts.push(`<details><summary>✗ ${escapeHtml(t.name)} — ${t.score}/${t.max_score}</summary><p>${escapeHtml(t.clause)}</p><p><em>${escapeHtml(t.hint)}</em></p>`);
      for (const c of t.cases) parts.push(`<pre>${escapeHtml(caseText(c, r.lang))}</pre>`);
      parts.push(`</details>`);
    }
  }
  parts.push(`</details>`);
  return parts.join("\n");
}

export function reportHtml(c: ClassResults, title: string): string {
  const head = `<tr><th>student</th>${c.exercises.map((e) => `<th>${escapeHtml(e.id)}<br><small>/${e.max}</small></th>`).join("")}<th>total<br><small>/${courseMax(c)}</small></th><th>%</th></tr>`;
  const rows = c.students.map((s) => {
    const mine = c.results.get(s);
    const cells = c.exercises.map((e) => {
      const r = mine?.get(e.id);
      if (!r) return `<td class="num low">0</td>`; // no result (the submission could not be graded): 0 points
      const cls = r.score >= r.max_score ? "full" : r.score < r.max_score / 2 ? "low" : "";
      return `<td class="num ${cls}">${r.score}${r.status === "error" ? " !" : ""}</td>`;
    });
    const total = studentTotal(c, s);
    return `<tr><td><a href="#${escapeHtml(encodeURIComponent(s))}">${escapeHtml(s)}</a>${c.problems.has(s) ? ' <span class="err">!</span>' : ""}</td>${cells.join("")}<td class="num">${total.score}</td><td class="num">${percentText(total.score, total.max, "en")}</td></tr>`;
  });
  const hardest = c.exercises.map((e) => {
    const stats = checkStats(c, e.id);
    const lines = stats.map((s) => `<tr><td>${escapeHtml(s.name)}</td><td class="num">${Math.round(s.pass_rate * 100)} %</td><td><span class="bar" style="width:${Math.round(s.pass_rate * 200)}px"></span></td><td class="num">${s.passed}/${s.graded}</td></tr>`);
    return `<h3>${escapeHtml(e.id)} · ${escapeHtml(e.title)}</h3><table><tr><th>check (hardest first)</th><th>passed</th><th></th><th>students</th></tr>${lines.join("")}</table>`;
  });
  const feedback = c.students.map((s) => studentFeedback(s, studentTotal(c, s), c.exercises.map((e) => c.results.get(s)?.get(e.id)).filter((r): r is GradeResult => r !== undefined), c.problems.get(s)));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<h2>Class</h2><table id="class">${head}${rows.join("\n")}</table>
<h2>Checks</h2>${hardest.join("\n")}
<h2>Feedback</h2>${feedback.join("\n")}
</body></html>
`;
}
