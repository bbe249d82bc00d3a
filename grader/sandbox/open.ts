// Picks the sandbox for a grading run: bubblewrap where it works; with `auto`, a plain session and a
// visible warning where it does not (a student on macOS can still grade); `bwrap` refuses instead.
import { GraderError } from "../core/errors.js";
import type { PythonInfo } from "../python/interpreter.js";
import { bwrapProblem, bwrapSession } from "./bwrap-session.js";
import type { ResourceLimits } from "./limits.js";
import { localSession } from "./local-session.js";
import type { SandboxSession } from "./session.js";

export type SandboxMode = "auto" | "bwrap" | "none";
export const sandboxModes: SandboxMode[] = ["auto", "bwrap", "none"];

export async function openSession(mode: SandboxMode, python: PythonInfo, workDir: string, limits: ResourceLimits): Promise<{ session: SandboxSession; warnings: string[] }> {
  if (mode === "none") return { session: localSession(python, workDir, limits), warnings: [] };
  const problem = await bwrapProblem();
  if (!problem) return { session: await bwrapSession(python, workDir, limits), warnings: [] };
  if (mode === "bwrap") {
    throw new GraderError("SANDBOX_UNAVAILABLE", `--sandbox bwrap: ${problem}. Install it (Debian/Ubuntu: sudo apt-get install bubblewrap) or choose --sandbox none.`);
  }
  return {
    session: localSession(python, workDir, limits),
    warnings: [`no sandbox: ${problem}. The student's code ran as your user, with only a temp copy, limits, output caps, time limits and a process-group kill (--sandbox bwrap refuses to grade without one).`],
  };
}
