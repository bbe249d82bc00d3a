// GitHub Actions: workflow-command annotations for failed checks (on the student's file, at the line a
// Python traceback named, when there is one), and a Markdown summary table for the job page. Student
// text is escaped for each (escape.ts, escape-github.ts): no command, no terminal control, no Markdown.
import path from "node:path";
import type { GradeResult, Location } from "../generated/result.js";
import type { Reporter, ReporterOptions } from "./types.js";
import { percentText } from "../text/percent.js";
import { t as say, type Lang } from "../core/i18n.js";
import { visibleResult } from "./escape.js";
import { escapeData, escapeProperty, markdownText } from "./escape-github.js";

export { escapeData, escapeProperty };

/** GitHub shows at most this many annotations of each level per step; the rest would vanish unseen. */
export const ANNOTATIONS_PER_LEVEL = 10;

function fileOf(r: GradeResult, loc: Location | undefined, entry: string, cwd: string): string {
  const rel = path.relative(cwd, path.resolve(r.submission, loc?.file ?? entry));
  return rel.split(path.sep).join("/");
}

interface Annotation {
  level: "error" | "warning";
  file: string;
  line?: number;
  title: string;
  body: string;
  /** Points it stands for (which annotations are kept when there are too many). */
  lost: number;
}

function collect(results: GradeResult[], cwd: string): Annotation[] {
  const out: Annotation[] = [];
  for (const r of results.map(visibleResult)) {
    if (r.status === "error") {
      out.push({ level: "error", file: fileOf(r, r.location, r.entry, cwd), line: r.location?.line, title: `${r.exercise}: could not grade`, body: r.output, lost: r.max_score });
      continue;
    }
    for (const t of r.tests.filter((x) => x.status !== "passed")) {
      const c = t.cases.find((x) => x.location) ?? t.cases[0];
      const body = c ? [`${c.given}`, c.expected !== undefined ? `expected: ${c.expected}` : "", c.got !== undefined ? `got: ${c.got}` : "", c.message, c.hint ?? t.hint ? `hint: ${c.hint ?? t.hint}` : ""].filter(Boolean).join("\n") : t.output;
      out.push({ level: t.status === "error" ? "error" : "warning", file: fileOf(r, c?.location, r.entry, cwd), line: c?.location?.line, title: `${r.exercise}: ${t.name} (${t.score}/${t.max_score})`, body, lost: t.max_score - t.score });
    }
  }
  return out;
}

/**
 * At most ANNOTATIONS_PER_LEVEL of each level: the ones that cost the most points (in their own order),
 * the last place going to one annotation that names all the others (they are all in the summary too).
 */
function limited(all: Annotation[], lang: Lang): { shown: Annotation[]; folded: number } {
  let folded = 0;
  const shown: Annotation[] = [];
  for (const level of ["error", "warning"] as const) {
    const mine = all.filter((a) => a.level === level);
    if (mine.length <= ANNOTATIONS_PER_LEVEL) {
      shown.push(...mine);
      continue;
    }
    const keep = new Set([...mine].sort((a, b) => b.lost - a.lost).slice(0, ANNOTATIONS_PER_LEVEL - 1));
    const rest = mine.filter((a) => !keep.has(a));
    folded += rest.length;
    shown.push(...mine.filter((a) => keep.has(a)));
    shown.push({
      level,
      file: rest[0].file,
      title: say(lang, "annotationsFoldedTitle", { count: rest.length, limit: ANNOTATIONS_PER_LEVEL }),
      body: rest.map((a) => a.title).join("\n"),
      lost: 0,
    });
  }
  return { shown, folded };
}

export function annotations(results: GradeResult[], options: ReporterOptions): string[] {
  const { shown } = limited(collect(results, options.cwd ?? process.cwd()), results[0]?.lang ?? "en");
  return shown.map((a) => {
    const props = [`file=${escapeProperty(a.file)}`, ...(a.line ? [`line=${a.line}`] : []), `title=${escapeProperty(a.title)}`];
    return `::${a.level} ${props.join(",")}::${escapeData(a.body)}`;
  });
}

/** The grader's own words in a table cell (exercise titles, check names): no cell break. */
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The Markdown appended to $GITHUB_STEP_SUMMARY; it ends with a blank line, so a summary appended after it stays apart. */
export function stepSummary(original: GradeResult[], options: Pick<ReporterOptions, "cwd"> = {}): string {
  const results = original.map(visibleResult);
  const out = ["## udp-grader", "", "| exercise | score | checks passed |", "| --- | ---: | ---: |"];
  for (const r of results) out.push(`| ${r.exercise} · ${cell(r.exercise_title)} | ${r.score}/${r.max_score} (${percentText(r.score, r.max_score, "en")})${r.status === "error" ? " ⚠" : ""} | ${r.tests.filter((t) => t.status === "passed").length}/${r.tests.length} |`);
  if (results.length > 1) {
    const score = Math.round(results.reduce((a, r) => a + r.score, 0) * 100) / 100;
    const max = results.reduce((a, r) => a + r.max_score, 0);
    const checks = results.flatMap((r) => r.tests);
    out.push(`| **overall** | **${score}/${max} (${percentText(score, max, "en")})** | ${checks.filter((t) => t.status === "passed").length}/${checks.length} |`);
  }
  const { folded } = limited(collect(original, options.cwd ?? process.cwd()), "en");
  if (folded) out.push("", say(original[0].lang, "annotationsFoldedSummary", { count: folded, limit: ANNOTATIONS_PER_LEVEL }));
  for (const r of results) {
    const failed = r.tests.filter((t) => t.score < t.max_score);
    if (!failed.length && r.status !== "error") continue;
    out.push("", `<details><summary>${r.exercise}: ${failed.length} check(s) to fix</summary>`, "");
    if (r.status === "error") out.push(`> ${markdownText(r.output)}`, "");
    for (const t of failed) out.push(`- **${cell(t.name)}** ${t.score}/${t.max_score}: ${markdownText(t.cases[0]?.message || t.output.split("\n")[0])}`);
    out.push("", "</details>");
  }
  return out.join("\n") + "\n\n";
}

export const githubReporter: Reporter = {
  description: "GitHub Actions annotations for failed checks (a summary goes to $GITHUB_STEP_SUMMARY)",
  render: (results, options) => {
    const lines = annotations(results, options);
    return lines.length ? lines.join("\n") + "\n" : "";
  },
};
