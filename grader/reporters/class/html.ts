// report.html: the teacher's dashboard, one self-contained page (inline style and a small inline script, no
// network). Totals in points and in % of the course, histograms per exercise and overall, per-check mean
// and spread of points (partial credit shows), a class table that sorts and filters, each student's
// feedback one click away, a legend, print styles, in Chinese or English. Everything from a result is
// student text and goes through escapeHtml (control characters made visible, markup escaped).
import type { GradeResult } from "../../generated/result.js";
import { t, type Lang } from "../../core/i18n.js";
import { percentOf, percentText } from "../../text/percent.js";
import type { ClassResults } from "./types.js";
import { courseMax, studentTotal } from "./totals.js";
import { centre, checkSpread, percents } from "./html-stats.js";
import { escapeHtml } from "./html-text.js";
import { STYLE, band } from "./html-style.js";
import { SCRIPT } from "./html-script.js";
import { histogramSvg, spreadSvg } from "./html-chart.js";
import { feedbackHtml } from "./html-feedback.js";
import { similarityHtml, type SimilarityReport } from "./html-similarity.js";

export { escapeHtml } from "./html-text.js";

export interface DashboardOptions {
  lang: Lang;
  /** student → the folder-relative base name of their feedback files (feedback/<base>.html and .md), with --feedback. */
  feedbackFiles?: Map<string, string>;
  similarity?: SimilarityReport;
}

const sortable = (label: string, cls = "") => `<th scope="col"${cls ? ` class="${cls}"` : ""}><button type="button">${label}</button></th>`;
const anchor = (i: number) => `fb-${i + 1}`;

function resultsOf(c: ClassResults, s: string): GradeResult[] {
  return c.exercises.map((e) => c.results.get(s)?.get(e.id)).filter((r): r is GradeResult => r !== undefined);
}

function classTable(c: ClassResults, o: DashboardOptions): string {
  const { lang } = o;
  const max = courseMax(c);
  const head = [
    sortable(escapeHtml(t(lang, "dashStudent"))),
    ...c.exercises.map((e) => sortable(`${escapeHtml(e.id)} <small>/${e.max}</small>`, "num")),
    sortable(`${escapeHtml(t(lang, "dashTotal"))} <small>/${max}</small>`, "num"),
    sortable("%", "num"),
    ...(o.feedbackFiles ? [`<th scope="col">${escapeHtml(t(lang, "dashFeedbackFiles"))}</th>`] : []),
  ].join("");
  const rows = c.students.map((s, i) => {
    const mine = c.results.get(s);
    const failed = new Set<string>();
    const cells = c.exercises.map((e) => {
      const r = mine?.get(e.id);
      if (!r) return `<td class="num ${band(0, e.max)}" data-v="0">0 <span class="bang">!</span></td>`; // never graded: counts 0
      for (const x of r.tests) if (x.score < x.max_score) failed.add(`${e.id}:${x.id}`);
      const bang = r.status === "error" ? ` <span class="bang" title="${escapeHtml(r.output.split("\n")[0])}">!</span>` : "";
      return `<td class="num ${band(r.score, r.max_score)}" data-v="${r.score}">${r.score}${bang}</td>`;
    });
    const total = studentTotal(c, s);
    const pct = percentOf(total.score, total.max) ?? 0;
    const problem = c.problems.get(s);
    const name = `<a href="#${anchor(i)}">${escapeHtml(s)}</a>${problem ? ` <span class="bang" title="${escapeHtml(problem)}">!</span>` : ""}`;
    const files = o.feedbackFiles?.get(s);
    const fileCell = o.feedbackFiles ? `<td>${files ? `<a href="feedback/${encodeURIComponent(files)}.html">HTML</a> · <a href="feedback/${encodeURIComponent(files)}.md">MD</a>` : ""}</td>` : "";
    return `<tr data-name="${escapeHtml(s.toLowerCase())}" data-pct="${pct}" data-failed="${escapeHtml([...failed].join(" "))}"><th scope="row">${name}</th>${cells.join("")}<td class="num ${band(total.score, total.max)}" data-v="${total.score}">${total.score}</td><td class="num" data-v="${pct}">${escapeHtml(percentText(total.score, total.max, lang))}</td>${fileCell}</tr>`;
  });
  const checks = c.exercises
    .map((e) => `<optgroup label="${escapeHtml(`${e.id} · ${e.title}`)}">${checkSpread(c, e.id).map((x) => `<option value="${escapeHtml(`${e.id}:${x.id}`)}">${escapeHtml(x.name)}</option>`).join("")}</optgroup>`)
    .join("");
  // A search region, not a <form>: nothing is submitted, every change filters at once.
  const form = `<div id="filters" class="filters" role="search" hidden aria-label="${escapeHtml(t(lang, "dashFilters"))}">
<label>${escapeHtml(t(lang, "dashFilterName"))}<input name="name" type="search" autocomplete="off"></label>
<label>${escapeHtml(t(lang, "dashFilterBelow"))}<input name="below" type="number" min="0" max="101" step="any"></label>
<label>${escapeHtml(t(lang, "dashFilterCheck"))}<select name="check"><option value="">${escapeHtml(t(lang, "dashFilterAny"))}</option>${checks}</select></label>
<output id="shown" data-text="${escapeHtml(t(lang, "dashShown", { n: "{n}", total: "{total}" }))}" aria-live="polite"></output>
</div>`;
  return `${form}<p class="noprint">${escapeHtml(t(lang, "dashSortHint"))}</p>
<table id="class"><thead><tr>${head}</tr></thead><tbody>
${rows.join("\n")}
</tbody></table>`;
}

function legend(lang: Lang): string {
  const bands = [
    ["b-full", "dashBandFull"],
    ["b-high", "dashBandHigh"],
    ["b-mid", "dashBandMid"],
    ["b-low", "dashBandLow"],
    ["b-zero", "dashBandZero"],
  ] as const;
  const items = bands.map(([cls, key]) => `<li><span class="swatch ${cls}"></span>${escapeHtml(t(lang, key))}</li>`);
  items.push(`<li><span class="bang">!</span>${escapeHtml(t(lang, "dashBang").replace(/^! /, ""))}</li>`);
  const words = `${t(lang, "dashFull")} · ${t(lang, "dashPartial")} · ${t(lang, "dashZero")}`;
  items.push(`<li>${spreadSvg([1, 1, 1], words)}${escapeHtml(words)}</li>`);
  return `<h2 id="legend">${escapeHtml(t(lang, "dashLegend"))}</h2><ul class="legend">${items.join("")}</ul>`;
}

function charts(c: ClassResults, lang: Lang): string {
  const totals = c.students.map((s) => studentTotal(c, s).score);
  const overall = centre(totals);
  const figures = [histogramSvg(t(lang, "dashCourseTotal"), percents(c), t(lang, "dashMeanMedian", { mean: overall.mean, median: overall.median, max: courseMax(c) }), lang)];
  for (const e of c.exercises) {
    const scores = c.students.map((s) => c.results.get(s)?.get(e.id)?.score ?? 0);
    const m = centre(scores);
    figures.push(histogramSvg(`${e.id} · ${e.title}`, percents(c, e.id), t(lang, "dashMeanMedian", { mean: m.mean, median: m.median, max: e.max }), lang));
  }
  return `<h2>${escapeHtml(t(lang, "dashDistribution"))}</h2><div class="charts">${figures.join("")}</div>`;
}

function checkTables(c: ClassResults, lang: Lang): string {
  const tables = c.exercises.map((e) => {
    const rows = checkSpread(c, e.id).map((x) => {
      const spread = t(lang, "dashSpread", { full: x.full, partial: x.partial, zero: x.zero, graded: x.graded });
      const bar = spreadSvg([x.full, x.partial, x.zero], spread);
      return `<tr><th scope="row">${escapeHtml(x.name)}</th><td class="num">${x.max}</td><td class="num ${band(x.mean, x.max)}">${x.mean} (${escapeHtml(percentText(x.mean, x.max, lang))})</td><td class="num">${x.full} (${escapeHtml(percentText(x.full, x.graded, lang))})</td><td class="num">${x.partial}</td><td class="num">${x.zero}</td><td>${bar}</td></tr>`;
    });
    const spreadHead = `<span class="sr">${escapeHtml(`${t(lang, "dashFull")} · ${t(lang, "dashPartial")} · ${t(lang, "dashZero")}`)}</span>`;
    const head = [t(lang, "dashCheck"), t(lang, "dashPoints"), t(lang, "dashMean"), t(lang, "dashFull"), t(lang, "dashPartial"), t(lang, "dashZero")].map((h, i) => `<th scope="col"${i ? ' class="num"' : ""}>${escapeHtml(h)}</th>`).join("") + `<th scope="col">${spreadHead}</th>`;
    return `<h3>${escapeHtml(`${e.id} · ${e.title}`)}</h3><table><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
  });
  return `<h2>${escapeHtml(t(lang, "dashChecks"))}</h2>${tables.join("\n")}`;
}

function feedbackSections(c: ClassResults, lang: Lang): string {
  const sections = c.students.map((s, i) => {
    const body = feedbackHtml({ student: s, total: studentTotal(c, s), results: resultsOf(c, s), problem: c.problems.get(s) }, lang, "teacher", 4);
    return `<section class="fb" id="${anchor(i)}" aria-label="${escapeHtml(s)}"><h3>${escapeHtml(s)}</h3>${body}<p><a href="#class">${escapeHtml(t(lang, "dashBack"))}</a></p></section>`;
  });
  return `<h2 class="noprint">${escapeHtml(t(lang, "dashFeedback"))}</h2>\n${sections.join("\n")}`;
}

export function reportHtml(c: ClassResults, o: DashboardOptions): string {
  const { lang } = o;
  const totals = centre(c.students.map((s) => studentTotal(c, s).score));
  const max = courseMax(c);
  const title = t(lang, "dashTitle", { n: c.students.length });
  const summary = t(lang, "dashSummary", { n: c.students.length, count: c.exercises.length, max, mean: totals.mean, meanPercent: percentText(totals.mean, max, lang), median: totals.median });
  return `<!DOCTYPE html>
<html lang="${t(lang, "htmlLang")}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(summary)}</p>
${legend(lang)}
${charts(c, lang)}
<h2>${escapeHtml(t(lang, "dashClass"))}</h2>
${classTable(c, o)}
${checkTables(c, lang)}
${o.similarity ? similarityHtml(o.similarity, lang) : ""}
${feedbackSections(c, lang)}
</main>
<script>${SCRIPT}</script>
</body></html>
`;
}
