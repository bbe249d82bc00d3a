// The bubblewrap sandbox. Per graded submission, an outer sandbox has its own network namespace (only
// loopback, so no route out and no port clash with anything else) and runs the sandbox host: the probe
// and the launcher. Each student program runs in an inner sandbox that sees only the Python runtime
// (read-only), its working folder and a small /tmp, both on size-limited tmpfs; its own PID namespace is
// killed as a whole at the end; as root it also gets a uid of its own, so RLIMIT_NPROC stops a fork bomb.
import path from "node:path";
import { execa } from "execa";
import { studentEnv } from "../runner/student-env.js";
import type { PythonInfo } from "../python/interpreter.js";
import { BWRAP, innerPrefix, librariesAhead, SUBMISSION, SUPPORT, WORK } from "./bwrap-args.js";
import { PRLIMIT } from "./limits.js";
import { filterProblem } from "./userns-filter.js";
import { askLauncherThread, launchHost, takeHost, type LaunchedHost } from "./host-launch.js";
import type { ResourceLimits } from "./limits.js";
import { startRemote } from "./remote-process.js";
import type { SandboxSession } from "./session.js";
import { childOf, namespaceWatch, noProc, PROC, procAvailable, type ProcessWatch, type Unwatchable } from "./proc-watch.js";
import type { RunningProcess } from "../runner/process.js";

let usable: Promise<string | undefined> | undefined;

/**
 * Does bubblewrap work here (installed, and allowed to make namespaces)? undefined, or why not. Grading
 * does not wait for this (a sandbox that fails to start says so itself); the tests and the bench ask.
 */
export function bwrapProblem(): Promise<string | undefined> {
  usable ??= (async () => {
    if (!BWRAP) return "bubblewrap (bwrap) is not installed";
    const r = await execa(BWRAP, ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-net", "--unshare-pid", "--die-with-parent", "true"], { reject: false, timeout: 10_000 });
    return r.exitCode === 0 ? undefined : `bubblewrap cannot create namespaces here (${String(r.stderr).trim() || `exit ${r.exitCode}`})`;
  })();
  return usable;
}

/** The sandbox did not start (bwrap refused, or its host died at once): why, in one line. */
export class SandboxStartError extends Error {}

export interface PendingBwrapSession {
  /** The grader's side of the copy: fill it, then call finish. */
  workDir: string;
  /** Copies the submission into the sandbox; the session, ready to launch programs. */
  finish(python: PythonInfo): Promise<SandboxSession>;
  /** Stops the host and everything in the sandbox, and removes the copy. */
  close(): Promise<void>;
}

/**
 * The outer sandbox and its host: the one started ahead by the launcher if there is one, else a new one
 * (its ~60 ms start overlaps the caller's preparation). Only when BWRAP is set. `launcherThread`: the
 * host starts programs from a thread of its own, off the probe's (sandbox/launcher-thread.ts).
 */
export function startBwrapSession(limits: ResourceLimits, o: { launcherThread?: boolean; programsAtOnce?: number } = {}): PendingBwrapSession {
  const host = takeHost(limits) ?? launchHost(limits);
  if (o.launcherThread) askLauncherThread(host);
  return {
    workDir: host.workDir.dir,
    close: () => host.close(),
    finish: async (python) => {
      // ldd for the inner sandboxes' mounts runs beside the host's copy (the launcher may have run it already).
      const libraries = librariesAhead(python);
      try {
        await host.conn.request("prepare", { source: SUBMISSION, target: WORK, uid: host.uid });
        await libraries;
      } catch (e) {
        // Only a host that is gone means no sandbox here; a live one that failed to copy is the grader's error.
        if (!host.conn.isEnded) throw e;
        const why = host.conn.lastStderr.split("\n").filter(Boolean).pop() ?? (e as Error).message;
        throw new SandboxStartError(`the bubblewrap sandbox did not start (${why})`);
      }
      return sessionOver(host, python, o.programsAtOnce);
    },
  };
}

function sessionOver(host: LaunchedHost, python: PythonInfo, programsAtOnce = 1): SandboxSession {
  const { conn, limits, memoryGroup } = host;
  const group = "dir" in memoryGroup ? memoryGroup : undefined;
  const prefix = innerPrefix(python, limits, { uid: host.uid, filter: host.filter, cgroupProcs: group?.procsFile, programsAtOnce });
  // Only the interpreter's own folder on PATH; HOME is the working folder, TMPDIR the private /tmp.
  const env = { ...studentEnv(WORK), PATH: path.dirname(python.executable), TMPDIR: "/tmp" };
  let nextProc = 1;
  let directInUse = false;
  const spawnedPids = new WeakMap<RunningProcess, Promise<number | undefined>>();
  let outerInit: number | undefined;
  /**
   * The program's own PID namespace, reached from the grader's /proc: the outer sandbox's init (the child
   * of the bwrap we started) → its /proc → the inner bwrap's child (that namespace's init) → its /proc. The
   * host only tells which pid it started, as it sees it; all the reading is done here.
   */
  const watch = async (proc: RunningProcess): Promise<ProcessWatch | Unwatchable> => {
    if (!procAvailable) return noProc;
    const innerBwrap = await spawnedPids.get(proc);
    outerInit ??= host.child.pid ? childOf(PROC, host.child.pid) : undefined;
    const outerProc = `${PROC}/${outerInit}/root/proc`;
    const innerInit = outerInit && innerBwrap ? childOf(outerProc, innerBwrap) : undefined;
    return innerInit ? namespaceWatch(`${outerProc}/${innerInit}/root/proc`) : { unavailable: "the sandboxed program's processes cannot be found in /proc" };
  };
  return {
    name: "bwrap",
    python,
    limits,
    inForce: {
      address_space_mib: PRLIMIT ? limits.memoryMiB : null,
      cpu_seconds: PRLIMIT ? limits.cpuSeconds : null,
      file_mib: PRLIMIT ? limits.fileMiB : null,
      processes: PRLIMIT ? limits.processes : null,
      output_bytes: limits.outputBytes,
      disk_mib: limits.diskMiB,
      memory_cgroup_mib: group ? limits.groupMemoryMiB : null,
      nested_user_namespaces: host.filter ? "blocked" : "allowed",
    },
    gaps: { memoryGroup: group ? undefined : (memoryGroup as { problem: string }).problem, userns: host.filter ? undefined : filterProblem(BWRAP!) },
    workDir: WORK,
    supportFile: (name) => path.posix.join(SUPPORT, name),
    probe: { call: (command, args) => conn.request(command, args) as Promise<never>, dispose: async () => {} },
    launch: (spec) => {
      // A program with a two-pipe protocol (the function harness; one at a time) gets the direct channel.
      const useDirect = spec.extraPipes === 2 && !directInUse;
      const p = startRemote(
        conn,
        nextProc++,
        { argv: [...prefix, python.executable, ...spec.args], cwd: "/", env, timeoutMs: spec.timeoutMs, extraPipes: useDirect ? 0 : (spec.extraPipes ?? 0), ...(useDirect ? { inheritFds: [3, 4] } : {}), outputCapBytes: limits.outputBytes },
        useDirect ? host.direct : undefined,
      );
      spawnedPids.set(p, p.spawned);
      if (group) {
        // The kernel kills a process of the group at its limit: say so, when this program ended that way.
        const before = group.oomKills();
        void p.done.then((o) => {
          if (!o.stopped && (o.signal === "SIGKILL" || o.exitCode === 137) && group.oomKills() > before) o.memoryGroupKilled = true;
        });
      }
      if (useDirect) {
        directInUse = true;
        void p.done.then(() => (directInUse = false));
      }
      return p;
    },
    watch,
    dispose: () => conn.dispose(),
  };
}
