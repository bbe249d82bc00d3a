// Starting a student's script (`python3 ENTRY ARGS...`) for the socket kinds, through the one runner.
import path from "node:path";
import type { RunningProcess } from "../../runner/process.js";
import type { SandboxSession } from "../../sandbox/session.js";

/**
 * Scripts run as students run them (the script's folder on sys.path, site.py, exit()), minus the caller's
 * PYTHON* variables and user site-packages (-E -s); -u so that output survives being stopped.
 */
export const SCRIPT_FLAGS = ["-E", "-s", "-B", "-X", "utf8", "-u"];

export function startScript(session: SandboxSession, entry: string, args: string[], timeoutMs = 0): RunningProcess {
  return session.launch({ args: [...SCRIPT_FLAGS, path.join(session.workDir, entry), ...args], timeoutMs });
}

/** What a student sees as the command: `python3 udp_server.py 127.0.0.1 50123`. */
export function commandText(entry: string, args: string[]): string {
  return ["python3", entry, ...args.map((a) => (/^[\w.:[\]-]+$/.test(a) ? a : JSON.stringify(a)))].join(" ");
}

export { tailOf } from "../output-tail.js";
