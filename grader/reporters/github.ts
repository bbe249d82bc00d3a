// GitHub Actions: workflow-command annotations for failed checks (on the student's file, at the line a
// Python traceback named, when there is one), and a Markdown summary table for the job page.
import path from "node:path";
import type { GradeResult, Location } from "../generated/result.js";
import type { Reporter, ReporterOptions } from "./types.js";
import { percentText } from "./percent.js";

/** Escaping of workflow commands: data, and property values (which also escape ':' and ','). */
export const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

function fileOf(r: GradeResult, loc: Location | undefined, entry: string, cwd: string): string {
  const rel = path.relative(cwd, path.resolve(r.submission, loc?.file ?? entry));
  return rel.split(path.sep).join("/");
}

export function annotations(results: GradeResult[], options: ReporterOptions): string[] {
  const cwd = options.cwd ?? process.cwd();
  const lines: string[] = [];
  for (const r of results) {
    const entry = r.entry;
    if (r.status === "error") {
      const props = [`file=${escapeProperty(fileOf(r, r.location, entry, cwd))}`, ...(r.location?.line ? [`line=${r.location.line}`] : []), `title=${escapeProperty(`${r.exercise}: could not grade`)}`];
      lines.push(`::error ${props.join(",")}::${escapeData(r.output)}`);
      continue;
    }
    for (const t of r.tests.filter((x) => x.status !== "passed")) {
      const c = t.cases.find((x) => x.location) ?? t.cases[0];
      const props = [`file=${escapeProperty(fileOf(r, c?.location, entry, cwd))}`, ...(c?.location?.line ? [`line=${c.location.line}`] : []), `title=${escapeProperty(`${r.exercise}: ${t.name} (${t.score}/${t.max_score})`)}`];
      const body = c ? [`${c.given}`, c.expected !== undefined ? `expected: ${c.expected}` : "", c.got !== undefined ? `got: ${c.got}` : "", c.message, `hint: ${c.hint ?? t.hint}`].filter(Boolean).join("\n") : t.output;
      lines.push(`::${t.status === "error" ? "error" : "warning"} ${props.join(",")}::${escapeData(body)}`);
    }
  }
  return lines;
}

const md = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The Markdown appended to $GITHUB_STEP_SUMMARY. */
export function stepSummary(results: GradeResult[]): string {
  const out = ["## udp-grader", "", "| exercise | score | checks passed |", "| --- | ---: | ---: |"];
  for (const r of results) out.push(`| ${r.exercise} · ${md(r.exercise_title)} | ${r.score}/${r.max_score} (${percentText(r.score, r.max_score, "en")})${r.status === "error" ? " ⚠" : ""} | ${r.tests.filter((t) => t.status === "passed").length}/${r.tests.length} |`);
  if (results.length > 1) {
    const score = Math.round(results.reduce((a, r) => a + r.score, 0) * 100) / 100;
    const max = results.reduce((a, r) => a + r.max_score, 0);
    const checks = results.flatMap((r) => r.tests);
    out.push(`| **overall** | **${score}/${max} (${percentText(score, max, "en")})** | ${checks.filter((t) => t.status === "passed").length}/${checks.length} |`);
  }
  for (const r of results) {
    const failed = r.tests.filter((t) => t.score < t.max_score);
    if (!failed.length && r.status !== "error") continue;
    out.push("", `<details><summary>${r.exercise}: ${failed.length} check(s) to fix</summary>`, "");
    if (r.status === "error") out.push(`> ${md(r.output)}`, "");
    for (const t of failed) out.push(`- **${md(t.name)}** ${t.score}/${t.max_score}: ${md(t.cases[0]?.message || t.output.split("\n")[0])}`);
    out.push("", "</details>");
  }
  return out.join("\n") + "\n";
}

export const githubReporter: Reporter = {
  description: "GitHub Actions annotations for failed checks (a summary goes to $GITHUB_STEP_SUMMARY)",
  render: (results, options) => {
    const lines = annotations(results, options);
    return lines.length ? lines.join("\n") + "\n" : "";
  },
};
