// The student's code runs in a private copy (a temp folder, or /tmp/sandbox/work inside the sandbox), so a
// traceback names that copy. Feedback names the student's own folder instead: the file they can open.
import path from "node:path";
import type { DriverOutput } from "../core/verdicts.js";

const TEXT_FIELDS = ["message", "got", "expected", "stdout", "stderr", "exit", "given"] as const;

/** Every text of `output` with the work folders `copies` replaced by `original` (the student's folder). */
export function toStudentPaths(output: DriverOutput, copies: string[], original: string): DriverOutput {
  const dirs = [...new Set(copies.filter((d) => d && d !== original))].sort((a, b) => b.length - a.length);
  if (!dirs.length) return output;
  // Most texts name no folder: one search each, before any splitting (~500 verdicts per grading).
  const map = (s: string) => dirs.reduce((text, d) => (text.includes(d) ? text.split(d + path.sep).join(original + path.sep).split(d + "/").join(original + "/") : text), s);
  for (const v of output.verdicts) {
    const d = v.detail as unknown as Record<string, unknown>;
    for (const f of TEXT_FIELDS) if (typeof d[f] === "string") d[f] = map(d[f] as string);
  }
  return { ...output, ...(output.fatal ? { fatal: map(output.fatal) } : {}), warnings: output.warnings.map(map) };
}
