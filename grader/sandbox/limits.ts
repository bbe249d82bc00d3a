// Resource limits for student programs, and how they are applied (prlimit, a util-linux tool) and told
// to a student when one is hit.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import type { ProcessOutcome } from "../runner/process.js";
import { t, type Lang } from "../core/i18n.js";
import { NOFILE } from "./socket-limits.js";

export interface ResourceLimits {
  /** Address space of a Python process (RLIMIT_AS). */
  memoryMiB: number;
  /** CPU time (RLIMIT_CPU). */
  cpuSeconds: number;
  /** Largest file it may write (RLIMIT_FSIZE). */
  fileMiB: number;
  /** Processes it may start (RLIMIT_NPROC, for its own uid). */
  processes: number;
  /** Its private /tmp and its working folder (tmpfs sizes, bwrap only). */
  diskMiB: number;
  /**
   * All of a submission's programs together, with their tmpfs files and the kernel memory they cause
   * (a memory cgroup, bwrap only, where the grader can make one).
   */
  groupMemoryMiB: number;
  /** stdout and stderr are each kept up to this; the rest is dropped while the program runs on. */
  outputBytes: number;
}

// GRADER_GROUP_MEMORY_MIB: another memory cgroup limit (the tests use a small one, to reach it quickly).
export const DEFAULT_LIMITS: ResourceLimits = { memoryMiB: 512, cpuSeconds: 30, fileMiB: 16, processes: 64, diskMiB: 64, groupMemoryMiB: Number(process.env.GRADER_GROUP_MEMORY_MIB) || 768, outputBytes: 1024 * 1024 };

export const PRLIMIT = ["/usr/bin/prlimit", "/bin/prlimit"].find((p) => existsSync(p));

/**
 * Tasks of this uid now, threads included: RLIMIT_NPROC counts threads, so a non-root limit must sit above
 * them (counting processes only, a student whose browser runs 200 threads could not start one thread).
 */
export function tasksOfUid(uid: number): number {
  if (!existsSync("/proc")) return 0;
  let n = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (statSync(`/proc/${name}`).uid !== uid) continue;
      const threads = /^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${name}/status`, "utf8"));
      n += threads ? Number(threads[1]) : 1;
    } catch {
      // gone meanwhile
    }
  }
  return n;
}

/**
 * `prlimit --as=... -- ` to put before a command, or [] where prlimit is missing. `uid`: the uid the
 * program will run as (a fresh one under bwrap as root, so the process count is its own).
 */
export function prlimitPrefix(l: ResourceLimits, uid: number | undefined, programsAtOnce = 1): string[] {
  if (!PRLIMIT) return [];
  const mib = 1024 * 1024;
  const args = [PRLIMIT, `--as=${l.memoryMiB * mib}`, `--cpu=${l.cpuSeconds}`, `--fsize=${l.fileMiB * mib}`, `--nofile=${NOFILE}`];
  // Root ignores RLIMIT_NPROC; another uid that already runs processes needs room above them.
  const owner = uid ?? process.getuid?.() ?? 0;
  // Programs that run at once share the uid's count: each may hold `processes` (kinds/index.ts, programsAtOnce).
  if (owner !== 0) args.push(`--nproc=${(uid === undefined ? tasksOfUid(owner) : 0) + l.processes * programsAtOnce}`);
  return [...args, "--"];
}

const words = (l: ResourceLimits, lang: Lang) => ({
  memory: t(lang, "limitMemory", { mib: l.memoryMiB }),
  cpu: t(lang, "limitCpu", { seconds: l.cpuSeconds }),
  file: t(lang, "limitFile", { mib: l.fileMiB }),
  disk: t(lang, "limitDisk", { mib: l.diskMiB }),
  processes: t(lang, "limitProcesses", { n: l.processes }),
  output: t(lang, "limitOutput", { mib: Math.round(l.outputBytes / 1024 / 1024) }),
});

/** Limits that an error text shows were hit (MemoryError, EAGAIN from fork, ENOSPC, EFBIG). */
/** "tried to start more than N processes": for a program found holding that many (a fork bomb that stopped at the limit). */
export function processLimitWords(l: ResourceLimits, lang: Lang): string {
  return words(l, lang).processes;
}

/**
 * The process limit, as Python reports it: a thread that could not start, or EAGAIN from a fork (os.fork,
 * subprocess, multiprocessing: the traceback's last lines name it). The same errno from a non-blocking socket
 * (BlockingIOError from recv) is not a limit.
 */
function processLimitInText(text: string): boolean {
  if (/can't start new thread/.test(text)) return true;
  if (!/BlockingIOError|Resource temporarily unavailable/.test(text)) return false;
  return /fork/i.test(text.split("\n").slice(-8).join("\n"));
}

export function limitsInText(text: string, l: ResourceLimits, lang: Lang): string[] {
  const w = words(l, lang);
  const hit: string[] = [];
  if (/\bMemoryError\b|Cannot allocate memory/i.test(text)) hit.push(w.memory);
  if (/File too large/.test(text)) hit.push(w.file);
  if (/No space left on device/.test(text)) hit.push(w.disk);
  if (processLimitInText(text)) hit.push(w.processes);
  return hit;
}

/** Which limits a finished program ran into, in plain words ("used more than 512 MiB of memory"). */
export function limitsHit(o: ProcessOutcome, l: ResourceLimits, lang: Lang): string[] {
  const w = words(l, lang);
  const hit = limitsInText(o.stderr, l, lang);
  if (o.signal === "SIGXCPU") hit.push(w.cpu);
  if (o.signal === "SIGXFSZ" && !hit.includes(w.file)) hit.push(w.file);
  if (o.stdoutCapped || o.stderrCapped) hit.push(w.output);
  return hit;
}
