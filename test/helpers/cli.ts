// Runs the real CLI (bin/grade.js → dist/, built by `pretest`) the way a user does.
import { execa } from "execa";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { GradeResult } from "../../grader/generated/result.js";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = path.join(root, "bin", "grade.js");

// The interpreter, named once per test file as a teacher may name it (GRADER_PYTHON): `python3` on PATH may
// be a pyenv shim, a dozen bash scripts (~100 ms of CPU) at every CLI start. A test that sets its own PATH
// or GRADER_PYTHON (or passes --python, which wins) still gets the lookup it is about.
const namedPython =
  process.env.GRADER_PYTHON ??
  (String((await execa("python3", ["-c", "import sys; print(sys.executable)"], { reject: false, stdin: "ignore", timeout: 60_000 }).catch(() => ({ stdout: "" }))).stdout).trim() || undefined);

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function grade(args: string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  // Colors are decided by the CLI (not a TTY here); Node warns when NO_COLOR and FORCE_COLOR are both set.
  const python = namedPython && options.env?.PATH === undefined ? { GRADER_PYTHON: namedPython } : {};
  const env: Record<string, string | undefined> = { ...process.env, ...python, ...options.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const r = await execa("node", [bin, ...args], {
    reject: false,
    cwd: options.cwd ?? root,
    env,
    extendEnv: false,
    timeout: options.timeoutMs ?? 120_000,
    stdin: "ignore",
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** `grade EXERCISE DIR --format json`, parsed; fails the test with the CLI's stderr when it is not JSON. */
export async function gradeJson(exercise: string, dir: string, extra: string[] = [], env?: Record<string, string>): Promise<{ run: CliRun; result: GradeResult }> {
  const run = await grade([exercise, dir, "--format", "json", "--lang", "en", ...extra], { env });
  let result: GradeResult;
  try {
    result = JSON.parse(run.stdout) as GradeResult;
  } catch {
    throw new Error(`grade ${exercise} ${dir} printed no JSON (exit ${run.exitCode}):\n${run.stderr}\n${run.stdout.slice(0, 2000)}`);
  }
  return { run, result };
}

export function testOf(result: GradeResult, id: string) {
  const t = result.tests.find((x) => x.id === id);
  if (!t) throw new Error(`no check ${id} in the result of ${result.exercise}`);
  return t;
}
