// The sandbox host's commands and events: the probe's commands, plus starting and feeding student
// programs inside the sandbox. JSON lines over the host's stdin (requests) and stdout (answers, events).
import type { ProcessOutcome } from "../runner/process.js";

export interface HostCommands {
  /** Starts programs from a thread of their own from now on (many at once beside the probe: launcher-thread.ts). */
  launcherThread: { args: Record<string, never>; result: Record<string, never> };
  /** Copies the submission (bound read-only at `source`) to the sandbox's own disk, owned by `uid`. */
  prepare: { args: { source: string; target: string; uid?: number }; result: { workDir: string } };
  /** `inheritFds`: the host's own fds 3 and 4 (pipes from the grader) become the program's, unrelayed. */
  spawn: { args: { proc: number; argv: string[]; cwd: string; env: Record<string, string>; timeoutMs: number; extraPipes: number; inheritFds?: number[]; outputCapBytes: number }; result: { pid?: number } };
  write: { args: { proc: number; fd: number; data: string }; result: Record<string, never> };
  end: { args: { proc: number; fd: number }; result: Record<string, never> };
  stop: { args: { proc: number }; result: Record<string, never> };
}

export type HostEvent =
  | { event: "data"; proc: number; fd: number; data: string }
  | { event: "exit"; proc: number; outcome: ProcessOutcome };

/** The outcome of a program the host did not start, and why (both sides of the protocol report one). */
export function notStarted(spawnError: string): ProcessOutcome {
  return { exitCode: null, signal: null, timedOut: false, stopped: false, stdoutCapped: false, stderrCapped: false, durationMs: 0, endedAt: performance.timeOrigin + performance.now(), endStallMs: 0, stdout: "", stderr: "", spawnError };
}
