// What the grade commands do with finished results: print the chosen format, write the extra files
// (--junit, --json), talk to GitHub Actions, and decide the exit code (--min-score).
import { appendFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { GradeResult } from "../generated/result.js";
import { GraderError } from "../core/errors.js";
import { reporters, type ReporterName } from "../reporters/index.js";
import { stepSummary } from "../reporters/github.js";

export interface OutputOptions {
  format: ReporterName;
  junit?: string;
  json?: string;
  color: boolean;
  verbose: boolean;
  minScore?: string;
}

/** "80" points or "80%" of the maximum; undefined means full marks. */
export function passes(results: GradeResult[], minScore: string | undefined): boolean {
  const score = results.reduce((a, r) => a + r.score, 0);
  const max = results.reduce((a, r) => a + r.max_score, 0);
  if (minScore === undefined) return score >= max;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(minScore);
  if (!m) throw new GraderError("BAD_ARGUMENT", `Expected --min-score to be points (e.g. 80) or a percentage (e.g. 80%), got \`${minScore}\``);
  return m[2] ? max > 0 && (score / max) * 100 >= Number(m[1]) - 1e-9 : score >= Number(m[1]) - 1e-9;
}

async function writeOut(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, text);
}

export async function emit(results: GradeResult[], o: OutputOptions): Promise<number> {
  const inActions = process.env.GITHUB_ACTIONS === "true";
  const opts = { color: o.color, verbose: o.verbose };
  process.stdout.write(reporters[o.format].render(results, opts));
  // In GitHub Actions the failed checks also become annotations, unless stdout is a machine format.
  if (inActions && o.format === "human") process.stdout.write(reporters.github.render(results, opts));
  if ((inActions || o.format === "github") && process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, stepSummary(results));
  if (o.junit) await writeOut(o.junit, reporters.junit.render(results, opts));
  if (o.json) await writeOut(o.json, reporters.json.render(results, opts));
  return passes(results, o.minScore) ? 0 : 1;
}
