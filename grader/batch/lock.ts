// One batch at a time per output folder: two batches on one --out would both grade everything and write
// over each other's files. The lock is a file holding the owner's pid and host, created exclusively; a
// lock left by a grader that died (same host, pid gone) is taken over.
import { setTimeout as sleep } from "node:timers/promises";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { GraderError } from "../core/errors.js";
import { statFields } from "../sandbox/proc-watch.js";

export const LOCK_FILE = ".batch.lock";

interface Owner {
  pid: number;
  host: string;
  started: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  return !zombie(pid);
}

/**
 * A grader killed outright stays a zombie until its parent reaps it: the batch's own Node is a child of the
 * launcher (bin/grade.js), and when both die at once (`kill -9` of the group) it is reaped by init, a
 * moment later. It holds nothing any more. (Linux: the state in /proc/PID/stat; elsewhere, not known.)
 */
function zombie(pid: number): boolean {
  return /^[ZX]$/.test(statFields(`/proc/${pid}`)?.[0] ?? "");
}

function readOwner(lock: string): Owner | undefined {
  try {
    return JSON.parse(readFileSync(lock, "utf8")) as Owner;
  } catch {
    return undefined;
  }
}

/** Takes the output folder's lock (or says who holds it, in both languages); released by the returned function and at exit. */
export async function lockOutput(out: string): Promise<() => void> {
  await mkdir(out, { recursive: true });
  const lock = path.join(out, LOCK_FILE);
  const me: Owner = { pid: process.pid, host: os.hostname(), started: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(lock, JSON.stringify(me) + "\n", { flag: "wx" });
      const release = () => {
        if (readOwner(lock)?.pid === me.pid) rmSync(lock, { force: true });
        process.removeListener("exit", release);
      };
      process.on("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const owner = readOwner(lock);
    // Half-written (the owner is writing it right now), or the owner is gone: a stale lock is removed.
    if (owner && owner.host === me.host && !alive(owner.pid)) {
      rmSync(lock, { force: true });
      continue;
    }
    if (!owner) {
      await sleep(100);
      if (!readOwner(lock)) rmSync(lock, { force: true });
      continue;
    }
    const params = { pid: owner.pid, host: owner.host, started: owner.started, out, lock };
    throw new GraderError("BAD_ARGUMENT", "batchBusy", params);
  }
  throw new GraderError("BAD_ARGUMENT", "errLockFailed", { lock });
}
