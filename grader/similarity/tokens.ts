// Python's own tokenizer, run once for a list of files (grader/python/tokens.py): tokens with identifiers
// and literals masked, and where each one is in its file. Only lexing: no student code runs.
import { execa } from "execa";
import path from "node:path";
import { pythonSupportDir } from "../core/paths.js";
import { resolvePython } from "../python/interpreter.js";

/** [token, row, col, endRow, endCol], rows 0-based. */
export type PyToken = [string, number, number, number, number];

export async function pythonTokens(files: string[], python?: string): Promise<PyToken[][]> {
  if (!files.length) return [];
  const { executable } = await resolvePython(python);
  const r = await execa(executable, ["-I", "-S", path.join(pythonSupportDir, "tokens.py")], { input: JSON.stringify(files), timeout: 120_000, maxBuffer: 512 * 1024 * 1024 });
  return JSON.parse(r.stdout) as PyToken[][];
}
