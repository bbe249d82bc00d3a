// The short view of a graded exercise (the default without --verbose): for each failed check its first
// failing case in a few lines, checks whose first failure has the same cause grouped under one, all within
// a line budget so a first attempt fits on one screen. The check table above it names every check.
import type { Case, GradeResult, Test } from "../generated/result.js";
import { t, type Lang } from "../core/i18n.js";
import { caseLines } from "../text/case-text.js";
import { displayWidth, padEndDisplay } from "../text/text-width.js";

type Colors = { red(s: string): string; cyan(s: string): string; dim(s: string): string; yellow(s: string): string };

const CLIP = 150;

/** The first line of a text, cut to CLIP characters. */
function clip(text: string, max = CLIP): string {
  const first = text.split("\n").find((l) => l.trim() !== "") ?? "";
  return first.length > max ? first.slice(0, max - 1) + "…" : first;
}

/** What makes two failures "the same": the first case's message and last stderr line, numbers aside (ports, times). */
function causeOf(k: Case | undefined, test: Test): string {
  const text = k ? `${k.message}\n${lastLine(k.stderr)}\n${k.exit ?? ""}` : test.note ?? test.output;
  return text.replace(/\d+(\.\d+)?/g, "#");
}

const lastLine = (s?: string) => (s ?? "").trimEnd().split("\n").at(-1) ?? "";

/** The last traceback frame outside Python's own files, and its source line. */
function studentFrame(text: string): string[] | undefined {
  const frames = [...text.matchAll(/^ *(File "([^"]*)", line \d+[^\n]*)(?:\n( *[^\n]*))?/gm)].filter((m) => !/[\\/](lib[\\/]python\d|site-packages|Lib)[\\/]|^<frozen |^<string>$/.test(m[2]));
  const last = frames.at(-1);
  if (!last) return undefined;
  return last[3] && !/^\s*File "/.test(last[3]) && last[3].trim() ? [last[1], last[3]] : [last[1]];
}

interface Block {
  test: Test;
  cause: string;
  /** Lines from the most to the least needed: a tight budget keeps a prefix. */
  lines: string[];
  same: string[];
}

function block(test: Test, lang: Lang, c: Colors): Block {
  const k = test.cases[0];
  const mark = test.status === "error" ? c.yellow("!") : c.red("✗");
  const counts = test.total_cases ? `: ${t(lang, "summaryFailedCases", { failed: (test.total_cases ?? 0) - (test.passed_cases ?? 0), total: test.total_cases })}` : "";
  const lines = [`${mark} ${test.name}${c.dim(counts)}`];
  if (!k) {
    lines.push(`    ${clip(test.note ?? test.output)}`);
    return { test, cause: causeOf(undefined, test), lines, same: [] };
  }
  const parts = caseLines({ ...k, why: undefined, hint: undefined, transcript: undefined, stdout: undefined, stderr: k.stderr ? lastLine(k.stderr) : undefined, generated: undefined }, lang);
  const width = Math.max(...parts.map((p) => displayWidth(p.label))) + 2;
  // The message first (it says what was wrong), then given / expected / got, then the rest.
  const message = parts.find((p) => p.label === "");
  const labelled = parts.filter((p) => p.label !== "");
  // A label line ("Reply 3 of 4 (…):") goes with the line it introduces.
  // What was wrong is the line that matters most: it may take two rows of a terminal.
  if (message) lines.push(`    ${clip(message.text.replace(/^([^\n]*[:：])\n/, "$1 "), 2 * CLIP)}`);
  for (const p of labelled) lines.push(`    ${c.dim(padEndDisplay(t(lang, "labelColon", { label: p.label }), width))}${clip(p.text)}`);
  // A crash: the student's own line of the traceback (the innermost frame outside Python's files).
  const frame = studentFrame(`${k.message}\n${k.stderr ?? ""}`);
  if (frame) lines.push(...frame.map((l) => `    ${clip(l.trim())}`));
  const hint = k.hint ?? (k.elsewhere ? undefined : test.hint);
  if (hint) lines.push(c.cyan(`    ${t(lang, "summaryHint", { hint: clip(hint) })}`));
  return { test, cause: causeOf(k, test), lines, same: [] };
}

/** The summary lines for `result`, in at most `budget` lines. */
export function summaryLines(result: GradeResult, budget: number, c: Colors): string[] {
  const lang = result.lang;
  const blocks: Block[] = [];
  for (const test of result.tests.filter((x) => x.status !== "passed" && !(x.scaled && x.passed_cases === x.total_cases))) {
    const b = block(test, lang, c);
    const first = blocks.find((x) => x.cause === b.cause && x.test.cases.length > 0 && test.cases.length > 0);
    if (first) first.same.push(test.name);
    else blocks.push(b);
  }
  if (!blocks.length) return [];
  const sameLine = (b: Block) => (b.same.length ? [c.dim(`    ${t(lang, "summarySameCause", { names: b.same.map((n) => t(lang, "quotedName", { name: n })).join(t(lang, "itemSeparator")) })}`)] : []);
  // Every block at its title and what was wrong first; then, in order, blocks get their given / expected /
  // got and hint while the budget lasts (the first failures in full rather than all of them half).
  const keep = blocks.map(() => 2);
  const size = () => blocks.reduce((n, b, i) => n + Math.min(keep[i], b.lines.length) + sameLine(b).length, 0);
  while (size() > budget && blocks.length > 1) blocks.pop();
  for (let i = 0; i < blocks.length; i++) {
    while (keep[i] < blocks[i].lines.length) {
      keep[i]++;
      if (size() > budget) {
        keep[i]--;
        break;
      }
    }
  }
  return blocks.flatMap((b, i) => [...b.lines.slice(0, keep[i]), ...sameLine(b)]);
}
