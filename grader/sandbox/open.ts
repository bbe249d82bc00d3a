// Picks the sandbox for a grading run: bubblewrap where it works; with `auto`, a plain session and a
// visible warning where it does not (a student on macOS can still grade); `bwrap` refuses instead.
import { GraderError } from "../core/errors.js";
import { t, type Lang } from "../core/i18n.js";
import type { PythonInfo } from "../python/interpreter.js";
import { makeTempDir } from "../runner/temp-dirs.js";
import { BWRAP } from "./bwrap-args.js";
import { SandboxStartError, startBwrapSession } from "./bwrap-session.js";
import { prestartHost } from "./host-launch.js";
import type { ResourceLimits } from "./limits.js";
import { localSession } from "./local-session.js";
import type { SandboxSession } from "./session.js";

import type { SandboxMode } from "./modes.js";
export { sandboxModes, type SandboxMode } from "./modes.js";

export interface PendingSession {
  /** An empty private folder: copy the submission here, then call finish. */
  workDir: string;
  /** For the result; read after finish (a sandbox that failed to start adds why here, under `auto`). */
  warnings: string[];
  /** Once the work folder is filled: the session, ready to launch programs. */
  finish(python: PythonInfo): Promise<SandboxSession>;
  /** Stops everything the session started and removes the folder (whether or not finish was called). */
  close(): Promise<void>;
}

// Once bubblewrap has failed to start in this process, `auto` does not try again (a batch would otherwise
// pay for the failure on every submission, and grade some in a sandbox and some not).
let bwrapFailure: string | undefined = BWRAP ? undefined : "bubblewrap (bwrap) is not installed";


const refusal = (problem: string) =>
  new GraderError("SANDBOX_UNAVAILABLE", "errSandbox", { problem });

/**
 * Starts the sandbox right away, on a still empty work folder; see PendingSession. `startNext`: start a
 * sandbox for the next grading too; `launcherThread`: start programs off the probe's thread (startBwrapSession);
 * `programsAtOnce`: how many programs may run at once, sharing the process limit (kinds/index.ts).
 */
export async function startSession(mode: SandboxMode, limits: ResourceLimits, lang: Lang, o: { startNext?: boolean; launcherThread?: boolean; programsAtOnce?: number } = {}): Promise<PendingSession> {
  const fallbackWarning = (problem: string) => t(lang, "warnNoSandbox", { problem });
  if (mode === "none" || (mode === "auto" && bwrapFailure)) return plainSession(limits, mode === "none" ? [] : [fallbackWarning(bwrapFailure!)], o.programsAtOnce);
  if (bwrapFailure) throw refusal(bwrapFailure);
  const boxed = startBwrapSession(limits, { launcherThread: o.launcherThread, programsAtOnce: o.programsAtOnce });
  if (o.startNext) prestartHost(limits, { launcherThread: o.launcherThread }); // for the grading after this one (one spare at most), likely of the same exercise
  const warnings: string[] = [];
  let fallback: SandboxSession | undefined;
  return {
    workDir: boxed.workDir,
    warnings,
    finish: async (python) => {
      try {
        const session = await boxed.finish(python);
        if (session.gaps.memoryGroup) warnings.push(t(lang, "warnNoMemoryGroup", { problem: session.gaps.memoryGroup }));
        if (session.gaps.userns) warnings.push(t(lang, "warnNestedUserns", { problem: session.gaps.userns }));
        return session;
      } catch (e) {
        if (!(e instanceof SandboxStartError)) throw e;
        bwrapFailure = e.message;
        if (mode === "bwrap") throw refusal(e.message);
        warnings.push(fallbackWarning(e.message));
        fallback = localSession(python, boxed.workDir, limits, o.programsAtOnce);
        return fallback;
      }
    },
    close: async () => {
      await fallback?.dispose();
      await boxed.close();
    },
  };
}

async function plainSession(limits: ResourceLimits, warnings: string[], programsAtOnce?: number): Promise<PendingSession> {
  const work = await makeTempDir("udp-grader-");
  let session: SandboxSession | undefined;
  return {
    workDir: work.dir,
    warnings,
    finish: async (python) => (session = localSession(python, work.dir, limits, programsAtOnce)),
    close: async () => {
      await session?.dispose();
      await work.cleanup();
    },
  };
}
