// Finds the real Python interpreter once per run. `python3` is often a shim (pyenv: ~85 ms a start), so we
// ask it for sys.executable and start that directly afterwards.
import { execa } from "execa";
import { GraderError } from "../core/errors.js";

export interface PythonInfo {
  executable: string;
  version: string;
  /** sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix (deduplicated): what the sandbox mounts of it. */
  prefixes?: string[];
}

export const MIN_PYTHON: [number, number] = [3, 8];

let cached: Promise<PythonInfo> | undefined;

/** `requested`: --python or $GRADER_PYTHON; otherwise python3 (then python) from PATH. */
export function resolvePython(requested = process.env.GRADER_PYTHON): Promise<PythonInfo> {
  cached ??= probe(requested);
  return cached;
}

async function probe(requested: string | undefined): Promise<PythonInfo> {
  const candidates = requested ? [requested] : ["python3", "python"];
  for (const cmd of candidates) {
    const ask = (timeout: number) =>
      execa(cmd, ["-c", "import sys; print(sys.executable); print('%d.%d.%d' % sys.version_info[:3]); print(sys.prefix); print(sys.base_prefix); print(sys.exec_prefix); print(getattr(sys, 'base_exec_prefix', sys.exec_prefix))"], { reject: false, timeout, stdin: "ignore" });
    // A machine whose cores are all busy can take longer than 15 s to start a pyenv shim: that Python is
    // slow, not missing (it once failed a whole shard of a batch as "not found"). One more, longer try.
    let r = await ask(15_000);
    if (r.timedOut) r = await ask(60_000);
    if (r.timedOut) {
      throw new GraderError("PYTHON_NOT_FOUND", "errPythonNoAnswer", { cmd });
    }
    if (r.exitCode !== 0 || typeof r.stdout !== "string") continue;
    const [executable, version, ...prefixes] = r.stdout.trim().split(/\r?\n/);
    if (!executable || !version) continue;
    const [major, minor] = version.split(".").map(Number);
    if (major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1])) {
      throw new GraderError("PYTHON_TOO_OLD", "errPythonTooOld", { cmd, version, min: MIN_PYTHON.join(".") });
    }
    return { executable, version, prefixes: [...new Set(prefixes.filter(Boolean))] };
  }
  throw new GraderError("PYTHON_NOT_FOUND", requested ? "errPythonNotRun" : "errPythonMissing", { cmd: requested ?? "" });
}

/**
 * Flags for every student process: -I ignores PYTHON* variables and the user's site-packages, -S skips
 * site.py (~25 ms of .pth processing per start; the harness restores exit()/quit() and falls back to
 * site-packages for a module that needs them), -B writes no __pycache__, -X utf8 fixes the encoding.
 */
export const PYTHON_FLAGS = ["-I", "-S", "-B", "-X", "utf8"];
