// What the grader sees of a running student program from outside it, through /proc: the processes of
// its tree, the threads of its main process and the sockets they hold open. Nothing here asks the
// program, so nothing the program does to itself (replacing functions, patching os.listdir) changes it.
// Plain sync reads: a snapshot is a handful of readdir/readlink calls (~20-50 µs), cheaper than a turn
// of the event loop.
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";

export interface ProcessSnapshot {
  /** Threads of the program's main process (1 when it runs no thread of its own). */
  threads: number;
  /** Live processes of the program besides its main one (forked children, setsid'd orphans in the sandbox). */
  others: number;
  /** Open sockets ("socket:[inode]") held by any of them; only when asked for. */
  sockets?: Set<string>;
}

export interface ProcessWatch {
  /** undefined: the program is gone (or cannot be seen any more). */
  snapshot(withSockets: boolean): ProcessSnapshot | undefined;
}

/** Outside observation is impossible here: why, in one line (shown in a warning and in the cases it costs). */
export type Unwatchable = { unavailable: string };

/** Where /proc is (GRADER_PROC: the tests point it at a missing folder, to see what a system without one gets). */
export const PROC = process.env.GRADER_PROC || "/proc";
export const procAvailable = existsSync(`${PROC}/self/fd`);
export const noProc: Unwatchable = { unavailable: `${PROC} is not available on ${process.platform}` };

const numeric = (names: string[]) => names.filter((n) => n.charCodeAt(0) >= 48 && n.charCodeAt(0) <= 57);

function list(dir: string): string[] | undefined {
  try {
    return readdirSync(dir);
  } catch {
    return undefined;
  }
}

/** The fields of /proc/PID/stat after the command's name (state, ppid, pgrp, ...); undefined once it is gone. */
export function statFields(procDir: string): string[] | undefined {
  try {
    const stat = readFileSync(`${procDir}/stat`, "latin1");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** A process that ended but was not waited for yet can do nothing: not counted. */
function isZombie(procDir: string): boolean {
  const fields = statFields(procDir);
  return !fields || fields[0] === "Z"; // gone, or a zombie
}

function socketsOf(procDir: string, into: Set<string>): void {
  for (const fd of list(`${procDir}/fd`) ?? []) {
    try {
      const target = readlinkSync(`${procDir}/fd/${fd}`);
      if (target.startsWith("socket:")) into.add(target);
    } catch {
      // closed meanwhile
    }
  }
}

/** Snapshot of `main` and `others` (directories under some /proc), with the sockets of all of them if asked. */
function snapshotOf(main: string, others: string[], withSockets: boolean): ProcessSnapshot | undefined {
  const tasks = list(`${main}/task`);
  if (!tasks) return undefined;
  const live = others.filter((d) => !isZombie(d));
  const snap: ProcessSnapshot = { threads: tasks.length, others: live.length };
  if (withSockets) {
    snap.sockets = new Set();
    for (const d of [main, ...live]) socketsOf(d, snap.sockets);
  }
  return snap;
}

/**
 * A program in its own PID namespace (the bubblewrap sandbox): `procRoot` is that namespace's /proc as the
 * grader reaches it. Its pid 1 is bubblewrap's own init, pid 2 the program; every other pid there is
 * something the program started (double-forked and setsid'd ones included: they cannot leave the namespace).
 */
export function namespaceWatch(procRoot: string): ProcessWatch {
  return {
    snapshot(withSockets) {
      const pids = list(procRoot);
      if (!pids) return undefined;
      const others = numeric(pids).filter((p) => p !== "1" && p !== "2").map((p) => `${procRoot}/${p}`);
      return snapshotOf(`${procRoot}/2`, others, withSockets);
    },
  };
}

const childrenFiles = existsSync(`${PROC}/self/task/${process.pid}/children`);

/** Descendants of `pid`, where the kernel lists children (CONFIG_PROC_CHILDREN); else its process group, by a scan. */
function descendants(pid: number): number[] {
  const found: number[] = [];
  if (childrenFiles) {
    const queue = [pid];
    while (queue.length && found.length < 4096) {
      const p = queue.shift()!;
      for (const tid of list(`${PROC}/${p}/task`) ?? []) {
        let text = "";
        try {
          text = readFileSync(`${PROC}/${p}/task/${tid}/children`, "latin1");
        } catch {
          continue;
        }
        for (const c of text.split(" ").filter(Boolean).map(Number)) {
          found.push(c);
          queue.push(c);
        }
      }
    }
    return found;
  }
  // ~2 ms for 100 processes: only for the few cases that ask for sockets (see localWatch).
  for (const p of numeric(list(PROC) ?? [])) {
    if (Number(p) === pid) continue;
    const fields = statFields(`${PROC}/${p}`); // undefined: gone meanwhile
    if (fields && Number(fields[2]) === pid) found.push(Number(p)); // pgid: the program leads its own group
  }
  return found;
}

/**
 * A program without a sandbox, seen through the grader's own /proc. Its children are found where the
 * kernel lists them; where it does not, they are looked for (in its process group) only when sockets are
 * asked for, since a scan of /proc costs too much for every call. A child that left the group and the
 * tree (setsid after a double fork) is not seen: only the sandbox's PID namespace holds everything.
 */
export function localWatch(pid: number): ProcessWatch {
  return {
    snapshot(withSockets) {
      const others = childrenFiles || withSockets ? descendants(pid).map((p) => `${PROC}/${p}`) : [];
      return snapshotOf(`${PROC}/${pid}`, others, withSockets);
    },
  };
}

function parentOf(procDir: string): number | undefined {
  const fields = statFields(procDir);
  return fields && Number(fields[1]);
}

/**
 * The first child of `parent` under `procRoot` (a /proc). Pids are handed out in order, so a child started
 * right after its parent is almost always within a few numbers of it: those are tried first, then a scan.
 */
export function childOf(procRoot: string, parent: number): number | undefined {
  for (let p = parent + 1; p <= parent + 64; p++) if (parentOf(`${procRoot}/${p}`) === parent) return p;
  for (const p of numeric(list(procRoot) ?? [])) if (parentOf(`${procRoot}/${p}`) === parent) return Number(p);
  return undefined;
}
