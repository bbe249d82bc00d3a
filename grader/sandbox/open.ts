// Picks the sandbox for a grading run: bubblewrap where it works; with `auto`, a plain session and a
// visible warning where it does not (a student on macOS can still grade); `bwrap` refuses instead.
import { GraderError } from "../core/errors.js";
import type { PythonInfo } from "../python/interpreter.js";
import { bwrapProblem, startBwrapSession } from "./bwrap-session.js";
import type { ResourceLimits } from "./limits.js";
import { localSession } from "./local-session.js";
import type { SandboxSession } from "./session.js";

export type SandboxMode = "auto" | "bwrap" | "none";
export const sandboxModes: SandboxMode[] = ["auto", "bwrap", "none"];

export interface PendingSession {
  warnings: string[];
  /** Once the work folder is filled: the session, ready to launch programs. */
  finish(python: PythonInfo): Promise<SandboxSession>;
  /** The submission turned out not to be gradable: stop what was started. */
  abort(): Promise<void>;
}

/** Starts the sandbox on `workDir` right away (it may still be empty); see PendingSession. */
export async function startSession(mode: SandboxMode, workDir: string, limits: ResourceLimits): Promise<PendingSession> {
  const plain = (warnings: string[]): PendingSession => ({ warnings, finish: async (python) => localSession(python, workDir, limits), abort: async () => {} });
  if (mode === "none") return plain([]);
  const problem = await bwrapProblem();
  if (!problem) return { warnings: [], ...startBwrapSession(workDir, limits) };
  if (mode === "bwrap") {
    throw new GraderError("SANDBOX_UNAVAILABLE", `--sandbox bwrap: ${problem}. Install it (Debian/Ubuntu: sudo apt-get install bubblewrap) or choose --sandbox none.`);
  }
  return plain([`no sandbox: ${problem}. The student's code ran as your user, with only a temp copy, limits, output caps, time limits and a process-group kill (--sandbox bwrap refuses to grade without one).`]);
}
