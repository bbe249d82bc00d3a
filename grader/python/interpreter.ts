// Finds the real Python interpreter once per run. `python3` is often a shim (pyenv: 85-300 ms a start), so we
// ask it for sys.executable and start that directly afterwards. The asking itself is in python-probe.ts,
// which the launcher may have started already (see cli/prestart.ts).
import { GraderError } from "../core/errors.js";
import { MIN_PYTHON, probePython, type PythonInfo } from "./python-probe.js";

export { MIN_PYTHON, type PythonInfo };

/** `requested`: --python or $GRADER_PYTHON; otherwise python3 (then python) from PATH. */
export async function resolvePython(requested = process.env.GRADER_PYTHON): Promise<PythonInfo> {
  const r = await probePython(requested);
  if ("info" in r) return r.info;
  if (r.problem === "noAnswer") throw new GraderError("PYTHON_NOT_FOUND", "errPythonNoAnswer", { cmd: r.cmd });
  if (r.problem === "tooOld") throw new GraderError("PYTHON_TOO_OLD", "errPythonTooOld", { cmd: r.cmd, version: r.version!, min: MIN_PYTHON.join(".") });
  throw new GraderError("PYTHON_NOT_FOUND", r.problem === "notRun" ? "errPythonNotRun" : "errPythonMissing", { cmd: r.cmd });
}

/**
 * Flags for every student process: -I ignores PYTHON* variables and the user's site-packages, -S skips
 * site.py (~25 ms of .pth processing per start; the harness restores exit()/quit() and falls back to
 * site-packages for a module that needs them), -B writes no __pycache__, -X utf8 fixes the encoding.
 */
export const PYTHON_FLAGS = ["-I", "-S", "-B", "-X", "utf8"];
