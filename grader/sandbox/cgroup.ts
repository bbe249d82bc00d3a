// A memory cgroup per graded submission: its student programs together, their tmpfs files (/tmp and the
// working folder) and the kernel memory they cause (inodes, xattrs, pipes) are charged to it, and the
// kernel stops them there. RLIMIT_AS alone counts one process's address space, not tmpfs or kernel memory.
// cgroup v2 where the memory controller is there and a group we may write to enables it for its children
// (a delegated group, or the grader's own parent as root); else cgroup v1's memory hierarchy (hybrid
// systems). Where neither lets us, undefined and why (the caller warns). Only Node's own modules here:
// the launcher loads this before the rest of the grader.
import { setTimeout as sleep } from "node:timers/promises";
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface MemoryGroup {
  version: 1 | 2;
  dir: string;
  /** Writing a pid here moves that process (and what it starts afterwards) into the group. */
  procsFile: string;
  limitMiB: number;
  /** How many times the kernel killed a process of the group for memory so far. */
  oomKills(): number;
  /** Removes the group (once its processes are gone; retried briefly). */
  remove(): Promise<void>;
}

type Where = { version: 1 | 2; parent: string } | { problem: string };

let where: Where | undefined;
let serial = 0;
/** Groups made by this process and not removed yet: removed at exit (a spare host's, never used). */
const live = new Set<string>();
let hooked = false;

function read(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function writable(p: string): boolean {
  try {
    accessSync(p, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Mount points of cgroup file systems: the v2 one, and v1's by controller. */
function mounts(): { v2?: string; v1: Map<string, string> } {
  const v1 = new Map<string, string>();
  let v2: string | undefined;
  for (const line of read("/proc/self/mountinfo").split("\n")) {
    const [left, right] = line.split(" - ");
    if (!right) continue;
    const mountPoint = left.split(" ")[4];
    const [fstype, , options] = right.split(" ");
    if (fstype === "cgroup2") v2 ??= mountPoint;
    else if (fstype === "cgroup") for (const o of options.split(",")) v1.set(o, mountPoint);
  }
  return { v2, v1 };
}

/** Groups left by graders that died without cleaning up (SIGKILL): removed when empty. */
function sweep(parent: string): void {
  let names: string[] = [];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(name.match(/^udp-grader-(\d+)-\d+$/)?.[1]);
    if (!pid || pid === process.pid || existsSync(`/proc/${pid}`)) continue;
    try {
      rmdirSync(path.join(parent, name));
    } catch {
      // still in use, or not ours to remove
    }
  }
}

/** Where groups can be made here, found once: GRADER_CGROUP (a delegated v2 group) first. */
function find(): Where {
  const found = search();
  if (!("problem" in found)) sweep(found.parent);
  return found;
}

function search(): Where {
  if (process.platform !== "linux") return { problem: "cgroups are Linux-only" };
  const own = new Map<string, string>(); // controller ("" for v2) → the grader's own group
  for (const line of read("/proc/self/cgroup").split("\n")) {
    const m = line.match(/^\d+:([^:]*):(.*)$/);
    if (m) for (const c of m[1].split(",")) own.set(c, m[2]);
  }
  const { v2, v1 } = mounts();
  const v2Candidates: string[] = [];
  if (process.env.GRADER_CGROUP) v2Candidates.push(process.env.GRADER_CGROUP);
  if (v2 && own.has("")) {
    const mine = path.join(v2, own.get("")!);
    // A group with processes cannot enable controllers for children (v2's rule), but its parent does for
    // its siblings: the grader's own group (only its root may hold processes and children), then its parent.
    v2Candidates.push(mine, path.dirname(mine));
  }
  for (const dir of v2Candidates) {
    if (!dir.startsWith(v2 ?? "/sys/fs/cgroup")) continue;
    const enabled = read(path.join(dir, "cgroup.subtree_control")).split(/\s+/);
    if (enabled.includes("memory") && writable(dir) && writable(path.join(dir, "cgroup.procs"))) return { version: 2, parent: dir };
  }
  const memory = v1.get("memory");
  if (memory && own.has("memory")) {
    const dir = path.join(memory, own.get("memory")!);
    if (writable(dir)) return { version: 1, parent: dir };
    return { problem: `the memory cgroup ${dir} is not writable by this user` };
  }
  if (v2 && read(path.join(v2, "cgroup.controllers")).split(/\s+/).includes("memory"))
    return { problem: "no cgroup delegated to this user has the memory controller enabled for its children (run the grader in one, e.g. systemd-run --user --scope -p Delegate=yes, or set GRADER_CGROUP)" };
  return { problem: "the memory cgroup controller is not available here" };
}

/** Why no group can be made here, or undefined when it can. */
export function memoryGroupProblem(): string | undefined {
  where ??= find();
  return "problem" in where ? where.problem : undefined;
}

/** A fresh group limited to `limitMiB` (swap included), or why there is none. */
export function createMemoryGroup(limitMiB: number): MemoryGroup | { problem: string } {
  where ??= find();
  if ("problem" in where) return where;
  const { version, parent } = where;
  const dir = path.join(parent, `udp-grader-${process.pid}-${++serial}`);
  const bytes = String(limitMiB * 1024 * 1024);
  try {
    mkdirSync(dir);
    live.add(dir);
    if (!hooked) {
      hooked = true;
      process.once("exit", () => {
        for (const d of live) {
          try {
            rmdirSync(d);
          } catch {
            // still in use: the next grader's sweep removes it
          }
        }
      });
    }
    if (version === 2) {
      writeFileSync(path.join(dir, "memory.max"), bytes);
      if (existsSync(path.join(dir, "memory.swap.max"))) writeFileSync(path.join(dir, "memory.swap.max"), "0");
    } else {
      writeFileSync(path.join(dir, "memory.limit_in_bytes"), bytes);
      // memsw must not be below the memory limit: set after it. Absent where swap accounting is off.
      if (existsSync(path.join(dir, "memory.memsw.limit_in_bytes"))) writeFileSync(path.join(dir, "memory.memsw.limit_in_bytes"), bytes);
    }
  } catch (e) {
    try {
      rmdirSync(dir);
      live.delete(dir);
    } catch {
      // never made
    }
    where = { problem: `cannot set up a memory cgroup in ${parent} (${(e as Error).message.split("\n")[0]})` };
    return where;
  }
  const events = path.join(dir, version === 2 ? "memory.events" : "memory.oom_control");
  return {
    version,
    dir,
    procsFile: path.join(dir, "cgroup.procs"),
    limitMiB,
    oomKills: () => Number(read(events).match(/^oom_kill (\d+)/m)?.[1] ?? 0),
    async remove() {
      // The sandbox's processes are gone by now; the kernel may take a moment to let go of the group.
      for (let i = 0; i < 100; i++) {
        try {
          rmdirSync(dir);
          live.delete(dir);
          return;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === "ENOENT") return void live.delete(dir);
          await sleep(10);
        }
      }
    },
  };
}
