// What the grade commands do with finished results: print the chosen format, write the extra files
// (--junit, --json), talk to GitHub Actions, and decide the exit code (--min-score).
import { appendFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { GradeResult } from "../generated/result.js";
import { reaches, type MinScore } from "./min-score.js";
import { reporters, type ReporterName } from "../reporters/index.js";
import { stepSummary } from "../reporters/github.js";
import { commandFree, jsonForActions, xmlForActions } from "../reporters/escape-github.js";

/**
 * What goes to stdout when an Actions log may read it: student text can form no workflow command. The
 * human view is one stop-commands block (its lines neutralised too); JSON and XML keep their meaning;
 * annotations are built escaped.
 */
function forActionsLog(text: string, format: ReporterName): string {
  if (format === "human") return commandFree(text);
  if (format === "json") return jsonForActions(text);
  if (format === "junit") return xmlForActions(text);
  return text;
}

export interface OutputOptions {
  format: ReporterName;
  junit?: string;
  json?: string;
  color: boolean;
  verbose: boolean;
  minScore?: MinScore;
}

/** Whether the results reach --min-score (already read by parseMinScore), over the total of every
 * exercise in them, missing ones included (they are in `results` with 0 points); without it, full marks. */
export function passes(results: GradeResult[], minScore: MinScore | undefined): boolean {
  const score = results.reduce((a, r) => a + r.score, 0);
  const max = results.reduce((a, r) => a + r.max_score, 0);
  return reaches(score, max, minScore);
}

async function writeOut(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, text);
}

export async function emit(results: GradeResult[], o: OutputOptions): Promise<number> {
  const inActions = process.env.GITHUB_ACTIONS === "true";
  const opts = { color: o.color, verbose: o.verbose };
  const text = reporters[o.format].render(results, opts);
  process.stdout.write(inActions || o.format === "github" ? forActionsLog(text, o.format) : text);
  // In GitHub Actions the failed checks also become annotations, unless stdout is a machine format.
  if (inActions && o.format === "human") process.stdout.write(reporters.github.render(results, opts));
  if ((inActions || o.format === "github") && process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, stepSummary(results));
  if (o.junit) await writeOut(o.junit, reporters.junit.render(results, opts));
  if (o.json) await writeOut(o.json, reporters.json.render(results, opts));
  return passes(results, o.minScore) ? 0 : 1;
}
