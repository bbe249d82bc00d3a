// Starts the outer sandbox with its sandbox host, and keeps one started ahead of time: the launcher calls
// prestartHost() before the CLI's own modules load (~0.2 s on one core), so the host's start (~60 ms on
// the other) is off the grading's path. Only Node's own modules and light ones of the grader here.
// node:child_process rather than execa: this is the grader's own helper, not a student program, and
// loading execa (~80 ms) here would delay the very start this module exists to hide.
import { spawn, type ChildProcess } from "node:child_process";
import { randomInt } from "node:crypto";
import type { Readable, Writable } from "node:stream";
import { nodeScript } from "../core/paths.js";
import { AgentConnection } from "../probe/agent-connection.js";
import { makeTempDirSync } from "../runner/temp-dirs.js";
import { BWRAP, FILTER_FD, outerArgs } from "./bwrap-args.js";
import { filterProblem, usernsFilter } from "./userns-filter.js";
import { createMemoryGroup, type MemoryGroup } from "./cgroup.js";
import { DEFAULT_LIMITS, type ResourceLimits } from "./limits.js";

const HOST = nodeScript("sandbox/host");

export interface LaunchedHost {
  /** The grader's side of the submission's copy: empty at first, bound read-only into the sandbox. */
  workDir: { dir: string; cleanup(): Promise<void> };
  conn: AgentConnection;
  /** bwrap's process, outside the sandbox. */
  child: ChildProcess;
  /** fds 3 and 4 of the host: a direct channel for the function harness (handed on, not relayed). */
  direct: { request: Writable & Readable; answer: Readable };
  /** The uid student programs run as (as root: a fresh one per submission, so the process count is its own). */
  uid: number | undefined;
  limits: ResourceLimits;
  /** The submission's memory cgroup, or why there is none (said in the result). */
  memoryGroup: MemoryGroup | { problem: string };
  /** The seccomp filter against new user namespaces is in the sandbox (for the inner ones). */
  filter: boolean;
  /** Stops the host and everything in its sandbox, and removes the copy. */
  close(): Promise<void>;
}

/** Starts an outer sandbox and its host (only when BWRAP is set). `writable`: see outerArgs (the build's use only). */
export function launchHost(limits: ResourceLimits, writable?: string): LaunchedHost {
  // GRADER_SANDBOX_UID pins the uid (the tests use it to check that nothing of a submission survives).
  const uid = process.getuid?.() === 0 ? Number(process.env.GRADER_SANDBOX_UID) || 200_000 + randomInt(60_000) : undefined;
  // Sync, so the launcher can start a host before anything else happens.
  const workDir = makeTempDirSync("udp-grader-");
  const memoryGroup = createMemoryGroup(limits.groupMemoryMiB);
  const filter = filterProblem(BWRAP!) ? undefined : usernsFilter();
  const child = spawn(BWRAP!, outerArgs(workDir.dir, HOST, limits, "dir" in memoryGroup ? memoryGroup.dir : undefined, Boolean(filter), writable), {
    // fd 5: the seccomp filter, which the outer bwrap copies into the sandbox for the inner ones.
    stdio: ["pipe", "pipe", "pipe", "pipe", "pipe", ...(filter ? ["pipe" as const] : [])],
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
  });
  if (filter) {
    const pipe = (child.stdio as unknown as Writable[])[FILTER_FD];
    pipe.on("error", () => {});
    pipe.end(filter);
  }
  const exited = new Promise<void>((resolve) => {
    child.once("close", () => resolve());
    child.once("error", () => resolve()); // bwrap could not be run: the connection reports the host gone
  });
  const conn = new AgentConnection(child as { stdin: Writable; stdout: Readable; stderr: Readable }, exited, "the sandbox host");
  const request = child.stdio[3] as Writable & Readable;
  request.on("data", () => {}); // what a program writes back into its request pipe is dropped
  request.on("error", () => {});
  return {
    workDir,
    conn,
    child,
    direct: { request, answer: child.stdio[4] as Readable },
    uid,
    limits,
    memoryGroup,
    filter: Boolean(filter),
    close: async () => {
      await conn.dispose();
      await Promise.all([workDir.cleanup(), "dir" in memoryGroup ? memoryGroup.remove() : undefined]);
    },
  };
}

let spare: LaunchedHost | undefined;

/** The child and its pipes keep this process alive (ref) or not (unref: a spare nobody took yet). */
function setRef(child: ChildProcess, on: boolean): void {
  for (const h of [child, ...child.stdio] as ({ ref?(): void; unref?(): void } | null)[]) {
    if (on) h?.ref?.();
    else h?.unref?.();
  }
}

/**
 * Starts a host ahead of the first grading (Linux with bubblewrap only). A spare nobody takes does not keep
 * the process alive and dies with it (--die-with-parent); its empty folder is removed at exit.
 */
export function prestartHost(limits: ResourceLimits = DEFAULT_LIMITS, o: { launcherThread?: boolean } = {}): void {
  if (spare || !BWRAP || process.platform !== "linux") return;
  spare = launchHost(limits);
  setRef(spare.child, false);
  if (o.launcherThread) askLauncherThread(spare);
}

const withThread = new WeakSet<LaunchedHost>();
/**
 * Has the host start programs from a thread of its own from now on (sandbox/launcher-thread.ts): as early
 * as the grader knows the grading needs it, so the thread is ready by the first program. Once per host; a
 * host that is gone shows at the grader's next request.
 */
export function askLauncherThread(host: LaunchedHost): void {
  if (withThread.has(host)) return;
  withThread.add(host);
  host.conn.request("launcherThread", {}).catch(() => {});
}

/** The host started ahead, if there is one with these limits; else undefined. */
export function takeHost(limits: ResourceLimits): LaunchedHost | undefined {
  const host = spare;
  if (!host || JSON.stringify(host.limits) !== JSON.stringify(limits)) return undefined;
  spare = undefined;
  setRef(host.child, true);
  return host;
}
