// feedback/<student>.html and .md (`grade batch … --feedback`): one student's results, ready to upload or
// mail: self-contained (the dashboard's look, no script), in the batch's language, with each check's
// visibility honoured (see html-feedback.ts), and only that student's own results in it.
import { t, type Lang } from "../../core/i18n.js";
import { graderVersion } from "../../core/paths.js";
import { caseText } from "../../text/case-text.js";
import { percentText } from "../../text/percent.js";
import { feedbackHtml, splitVisible, type StudentFeedback } from "./html-feedback.js";
import { STYLE } from "./html-style.js";
import { escapeHtml, visibleText } from "./html-text.js";

export function feedbackPage(f: StudentFeedback, lang: Lang): string {
  const title = t(lang, "fbTitle", { student: f.student });
  return `<!DOCTYPE html>
<html lang="${t(lang, "htmlLang")}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
${feedbackHtml(f, lang, "student", 2)}
<p><small>${escapeHtml(t(lang, "fbGenerated", { version: graderVersion }))}</small></p>
</main></body></html>
`;
}

/** Markdown text that cannot turn into markup: student text goes into fenced blocks or escaped inline. */
const inline = (s: string) => visibleText(s).replace(/[\\`*_[\]|<>~]/g, "\\$&").replace(/\n/g, " ");

function fence(s: string): string {
  const text = visibleText(s);
  const ticks = "`".repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${ticks}text\n${text}\n${ticks}`;
}

export function feedbackMarkdown(f: StudentFeedback, lang: Lang): string {
  const out: string[] = [`# ${inline(t(lang, "fbTitle", { student: f.student }))}`, "", `**${inline(t(lang, "totalLine", { score: f.total.score, max: f.total.max, percent: percentText(f.total.score, f.total.max, lang) }))}**`, ""];
  if (f.problem) out.push(inline(t(lang, "fbProblem", { message: f.problem })), "");
  for (const r of f.results) {
    out.push(`## ${inline(`${r.exercise} · ${r.exercise_title}: ${r.score}/${r.max_score} (${percentText(r.score, r.max_score, lang)})`)}`, "");
    if (r.output) out.push(fence(r.output), "");
    for (const w of r.warnings) out.push(`> ⚠ ${inline(w)}`, "");
    const { shown, hidden } = splitVisible(r, "student");
    for (const x of shown) {
      const ok = x.status === "passed" && x.score >= x.max_score;
      out.push(`- ${ok ? "✓" : "✗"} ${inline(x.name)}: ${x.score}/${x.max_score}${ok ? "" : ` (${t(lang, "fbNotPassed")})`}`);
      if (ok) continue;
      const details: string[] = [];
      if (x.visibility === "after_due_date" || x.visibility === "after_published") details.push(inline(t(lang, "fbLater")));
      if (x.clause) details.push(inline(x.clause));
      if (x.hint) details.push(`*${inline(x.hint)}*`);
      if (x.note) details.push(inline(x.note));
      for (const d of details) out.push(`  ${d}`);
      if (!x.cases.length && x.output && x.output !== r.output) out.push("", fence(x.output).replace(/^/gm, "  "));
      for (const c of x.cases) out.push("", fence(caseText(c, r.lang)).replace(/^/gm, "  "));
      out.push("");
    }
    if (hidden.n) out.push("", inline(t(lang, "fbHiddenChecks", { n: hidden.n, score: hidden.score, max: hidden.max })));
    out.push("");
  }
  out.push(`<sub>${inline(t(lang, "fbGenerated", { version: graderVersion }))}</sub>`, "");
  return out.join("\n");
}
