// Finds the real Python interpreter once per run. `python3` is often a shim (pyenv: ~85 ms a start), so we
// ask it for sys.executable and start that directly afterwards.
import { execa } from "execa";
import { GraderError } from "../core/errors.js";

export interface PythonInfo {
  executable: string;
  version: string;
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
    const r = await execa(cmd, ["-c", "import sys; print(sys.executable); print('%d.%d.%d' % sys.version_info[:3])"], {
      reject: false,
      timeout: 15_000,
      stdin: "ignore",
    });
    if (r.exitCode !== 0 || typeof r.stdout !== "string") continue;
    const [executable, version] = r.stdout.trim().split(/\r?\n/);
    if (!executable || !version) continue;
    const [major, minor] = version.split(".").map(Number);
    if (major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1])) {
      throw new GraderError("PYTHON_TOO_OLD", "errPythonTooOld", { cmd, version, min: MIN_PYTHON.join(".") });
    }
    return { executable, version };
  }
  throw new GraderError("PYTHON_NOT_FOUND", requested ? "errPythonNotRun" : "errPythonMissing", { cmd: requested ?? "" });
}

/**
 * Flags for every student process: -I ignores PYTHON* variables and the user's site-packages, -S skips
 * site.py (~25 ms of .pth processing per start; the harness restores exit()/quit() and falls back to
 * site-packages for a module that needs them), -B writes no __pycache__, -X utf8 fixes the encoding.
 */
export const PYTHON_FLAGS = ["-I", "-S", "-B", "-X", "utf8"];
