// The terminal view: one line per check, details for failed ones, a total. Colors only when asked (TTY).
import pc from "picocolors";
import type { Case, GradeResult, Test } from "../generated/result.js";
import type { Reporter, ReporterOptions } from "./types.js";
import { caseLines } from "../text/case-text.js";
import { summaryLines } from "./human-summary.js";
import { displayWidth, padEndDisplay } from "../text/text-width.js";
import { percentText } from "../text/percent.js";
import { t, type Lang } from "../core/i18n.js";
import { visibleResult } from "./escape.js";

const SHOWN_CASES = 3;


/** A folder as a shell argument: as is when plain, else in single quotes. */
const shellArg = (a: string) => (/^[\w@%+=:,./~-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);

function fmt(n: number): string {
  n = Math.round(n * 100) / 100; // a sum of two-decimal scores may carry float noise
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, "");
}

export const humanReporter: Reporter = {
  description: "readable feedback for a terminal",
  // Student text (output, exceptions, values, names) reaches the terminal with its controls made visible.
  render: (results, options) => results.map((r) => renderOne(visibleResult(r), options)).join("\n") + overall(results, options),
};

/** One line for several exercises: their total and its percentage (what --min-score is checked against). */
function overall(results: GradeResult[], options: ReporterOptions): string {
  if (results.length < 2) return "";
  const c = pc.createColors(options.color);
  const lang = results[0].lang;
  const score = results.reduce((a, r) => a + r.score, 0);
  const max = results.reduce((a, r) => a + r.max_score, 0);
  const line = t(lang, "overallLine", { score: fmt(score), max: fmt(max), percent: percentText(score, max, lang), count: results.length });
  return "\n" + c.bold(score >= max ? c.green(line) : c.red(line)) + "\n";
}

function renderOne(result: GradeResult, options: ReporterOptions): string {
  const c = pc.createColors(options.color);
  const out: string[] = [];
  out.push(c.bold(`${result.exercise} · ${result.exercise_title}`) + c.dim(`  ${result.submission}`));
  if (result.status === "error") {
    out.push("");
    out.push(c.red(c.bold(t(result.lang, "labeled", { label: t(result.lang, "labelCouldNotGrade"), text: "" }))) + result.output);
  }
  for (const warning of new Set(result.warnings)) out.push(c.yellow(t(result.lang, "labeled", { label: t(result.lang, "labelWarning"), text: warning })));
  if (result.private_checks) out.push(c.dim(t(result.lang, "privateChecksNotice", { count: result.private_checks.count, points: fmt(result.private_checks.points) })));
  out.push("");
  const width = Math.min(60, Math.max(...result.tests.map((t) => displayWidth(t.name))));
  const seen: Seen = new Map();
  for (const test of result.tests) {
    if (options.failedOnly && test.status === "passed") continue;
    out.push(checkLine(test, width, c, result.lang));
    if (options.verbose && test.status !== "passed" && result.status !== "error") out.push(...details(test, result.lang, options, c, seen));
  }
  // The marks other than ✓ and ✗ are explained where they appear.
  if (result.tests.some((x) => x.status === "error" || onlyScaled(x))) out.push(c.dim(t(result.lang, "legendMarks")));
  const failed = result.status !== "error" && result.tests.some((x) => x.status !== "passed");
  // Without -v: the first failure of each failed check, within one screen (the table, a blank line, the
  // total and the -v line take the rest).
  if (!options.verbose && failed) {
    const budget = (options.screenLines ?? 40) - out.length - 4;
    out.push("", ...summaryLines(result, budget, c));
  }
  out.push("");
  const full = result.score === result.max_score;
  const total = t(result.lang, "totalLine", { score: fmt(result.score), max: fmt(result.max_score), percent: percentText(result.score, result.max_score, result.lang) });
  out.push(c.bold(full ? c.green(total) : c.red(total)) + c.dim(`  (${result.execution_time.toFixed(2)} s)`));
  if (!options.verbose && failed) out.push(c.dim(t(result.lang, "summaryVerbose", { exercise: result.exercise, dir: shellArg(result.submission) })));
  return out.join("\n") + "\n";
}

type Colors = ReturnType<typeof pc.createColors>;

/** Every case of its own passed, but `requires` scaled it: not a failure of this check. */
export const onlyScaled = (test: Test) => Boolean(test.scaled) && test.passed_cases === test.total_cases;

function checkLine(test: Test, width: number, c: Colors, lang: Lang): string {
  const mark = test.status === "passed" ? c.green("✓") : onlyScaled(test) ? c.cyan("~") : test.status === "error" ? c.yellow("!") : c.red("✗");
  const pad = " ".repeat(Math.max(1, width - displayWidth(test.name) + 2));
  const points = `${fmt(test.score)}/${fmt(test.max_score)}`;
  const counts =
    test.total_cases === undefined || test.status === "passed"
      ? ""
      : c.dim(onlyScaled(test) ? `  ${t(lang, "scaledShort", { passed: test.passed_cases ?? 0, total: test.total_cases, percent: t(lang, "percent", { p: test.scaled!.percent }) })}` : `  (${test.passed_cases}/${test.total_cases})`);
  return `${mark} ${test.name}${pad}${test.status === "passed" ? points : c.bold(points)}${counts}`;
}

/** Texts already printed (a message, a traceback) and the check they were printed under. */
type Seen = Map<string, string>;

/** A case whose long texts were printed above already refers to them instead of repeating them. */
function once(kase: Case, test: Test, lang: Lang, seen: Seen): Case {
  const out = { ...kase };
  for (const f of ["message", "stderr", "stdout", "exit"] as const) {
    const text = out[f];
    // A one-line text under 100 characters is shown again: a pointer to another check's case is barely
    // shorter, and sends the reader looking for it.
    if (!text || (text.length < 100 && !text.includes("\n"))) continue;
    // Ports and times differ from one start of the program to the next; the text is still the same.
    const key = `${f}\0${text.replace(/\d+\.\d+|\b\d{4,5}\b/g, "#")}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, test.name);
    else out[f] = t(lang, "sameOutputAbove", { name: first });
  }
  return out;
}

function details(test: Test, lang: "zh" | "en", options: ReporterOptions, c: Colors, seen: Seen): string[] {
  if (onlyScaled(test)) return [c.cyan(`    ${test.note}`)];
  // A hidden check (visibility) comes with no clause, hint or cases: only what its output says.
  const lines = test.clause ? [c.dim(`    ${t(lang, "labeled", { label: t(lang, "labelClause"), text: test.clause })}`)] : [];
  if (test.visibility && test.visibility !== "visible") lines.push(c.dim(`    ${test.output.split("\n")[0]}`));
  if (test.note) lines.push(c.yellow(`    ${test.note}`));
  const shown = options.verbose ? test.cases : test.cases.slice(0, SHOWN_CASES);
  // The check's own hint would blame the wrong clause when each case shown failed on another check's part.
  if (test.hint && !(shown.length && shown.every((k) => k.elsewhere))) lines.push(c.cyan(`    ${t(lang, "labeled", { label: t(lang, "labelHint"), text: test.hint })}`));
  for (const kase of shown) {
    const mark = kase.status === "error" ? c.yellow("!") : c.red("✗");
    const parts = caseLines(once(kase, test, lang, seen), lang);
    const labelWidth = Math.max(...parts.map((p) => displayWidth(p.label))) + 2;
    lines.push(`    ${mark} ${parts[0].text}`);
    for (const p of parts.slice(1)) {
      const label = padEndDisplay(p.label ? t(lang, "labelColon", { label: p.label }) : "", labelWidth);
      const text = p.text.replace(/\n/g, "\n        " + " ".repeat(labelWidth));
      lines.push(`        ${c.dim(label)}${p.kind === "hint" ? c.cyan(text) : text}`);
    }
  }
  const hidden = (test.total_cases ?? 0) - (test.passed_cases ?? 0) - shown.length;
  if (hidden > 0) lines.push(c.dim(`    ${t(lang, "moreFailedCases", { n: hidden })}`));
  return lines;
}
