// Asks `python3` (or --python) which interpreter it really is. Node's own modules only: the launcher starts
// this before the CLI's modules load (a pyenv shim takes 85-300 ms on a quiet machine, ~0.4 s at load 10,
// where pyenv-shim.ts cannot make its choice without it), so the answer is usually there by the time a
// grading needs it. The answer is kept per command for the run.
import { spawn } from "node:child_process";
import { pyenvShimTarget } from "./pyenv-shim.js";

export interface PythonInfo {
  executable: string;
  version: string;
  /** sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix (deduplicated): what the sandbox mounts of it. */
  prefixes?: string[];
  /**
   * The .pth files of its site-packages that run code (an `import` line). site.py runs them at every start of
   * a student's script: on this project's machines one imported certifi and took half of each start (~25 of
   * ~50 ms). The sandbox shows them empty (bwrap-args.ts); packages stay importable.
   */
  codePth?: string[];
}

export const MIN_PYTHON: [number, number] = [3, 8];

/** What the probe found, or why there is no usable Python (turned into a GraderError by interpreter.ts). */
export type ProbeOutcome =
  | { info: PythonInfo }
  | { problem: "noAnswer" | "tooOld" | "notRun" | "missing"; cmd: string; version?: string };

// Run with -S: site.py's processing of the .pth files (on this project's machines one of them imports
// certifi: ~30 of the probe's ~40 ms of CPU, at every CLI start) is not needed for the answer. What site.py
// would change of it, the prefixes in a venv, comes from site.py's own `venv()`, with the adding of
// site-packages (the part that runs .pth files) left out; where that fails, site.main() as before.
const SCRIPT = [
  "import sys, os, site",
  "def venv():",
  "    add = site.addsitepackages",
  "    site.addsitepackages = lambda known_paths, prefixes=None: known_paths",
  "    try: site.venv(set())",
  "    finally: site.addsitepackages = add",
  "try: venv()",
  "except Exception: site.main()",
  "print(sys.executable); print('%d.%d.%d' % sys.version_info[:3]); print(sys.prefix); print(sys.base_prefix); print(sys.exec_prefix); print(getattr(sys, 'base_exec_prefix', sys.exec_prefix))",
  // Best effort: whatever goes wrong here (an odd folder, an unprintable name) leaves the list short, never the probe failing.
  "def code_pth():",
  "    for d in (site.getsitepackages() if hasattr(site, 'getsitepackages') else []):",
  "        for n in sorted(n for n in os.listdir(d) if n.endswith('.pth')) if os.path.isdir(d) else []:",
  "            p = os.path.join(d, n)",
  "            if os.path.islink(p) or not os.path.isfile(p): continue",  // bwrap binds over a plain file only
  "            with open(p, 'rb') as f:",
  "                if any(l.startswith((b'import ', b'import\\t')) for l in f.read(1 << 20).splitlines()) and '\\n' not in p: print('pth:' + p)",
  "try: code_pth()",
  "except Exception: pass",
].join("\n");

const asked = new Map<string, Promise<ProbeOutcome>>();

/** `requested`: --python or $GRADER_PYTHON; otherwise python3 (then python) from PATH. One probe per command per run. */
export function probePython(requested: string | undefined): Promise<ProbeOutcome> {
  const key = requested ?? "";
  let p = asked.get(key);
  if (!p) asked.set(key, (p = probe(requested)));
  return p;
}

function ask(cmd: string, timeoutMs: number): Promise<{ timedOut: boolean; exitCode: number | null; stdout: string }> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(cmd, ["-S", "-c", SCRIPT], { stdio: ["ignore", "pipe", "ignore"] });
    } catch {
      return resolve({ timedOut: false, exitCode: null, stdout: "" });
    }
    let stdout = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      if (stdout.length < 1 << 16) stdout += d;
    });
    child.on("error", () => {}); // a missing command: "close" follows with no exit code
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ timedOut, exitCode: code, stdout });
    });
  });
}

async function probe(requested: string | undefined): Promise<ProbeOutcome> {
  const candidates = requested ? [requested] : ["python3", "python"];
  for (const cmd of candidates) {
    // A pyenv shim's choice made without its bash (pyenv-shim.ts); anything odd there asks the shim.
    const direct = pyenvShimTarget(cmd);
    if (direct) {
      const r = await ask(direct, 15_000);
      const outcome = r.exitCode === 0 ? outcomeOf(cmd, r.stdout) : undefined;
      if (outcome) return outcome;
    }
    // A machine whose cores are all busy can take longer than 15 s to start a pyenv shim: that Python is
    // slow, not missing (it once failed a whole shard of a batch as "not found"). One more, longer try.
    let r = await ask(cmd, 15_000);
    if (r.timedOut) r = await ask(cmd, 60_000);
    if (r.timedOut) return { problem: "noAnswer", cmd };
    if (r.exitCode !== 0) continue;
    const outcome = outcomeOf(cmd, r.stdout);
    if (outcome) return outcome;
  }
  return { problem: requested ? "notRun" : "missing", cmd: requested ?? "" };
}

/** The probe's answer read, or undefined where it printed nothing usable. */
function outcomeOf(cmd: string, stdout: string): ProbeOutcome | undefined {
  const lines = stdout.trim().split(/\r?\n/);
  const codePth = lines.filter((l) => l.startsWith("pth:")).map((l) => l.slice(4));
  const [executable, version, ...prefixes] = lines.filter((l) => !l.startsWith("pth:"));
  if (!executable || !version) return undefined;
  const [major, minor] = version.split(".").map(Number);
  if (major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1])) return { problem: "tooOld", cmd, version };
  return { info: { executable, version, prefixes: [...new Set(prefixes.filter(Boolean))], codePth } };
}
