// After grading: nothing of the student's may be left running, and nothing left in the grader's temp area.
import { readFile, readdir, readlink } from "node:fs/promises";
import { existsSync } from "node:fs";

/** Pids of live processes whose working directory is inside `dir` (Linux /proc; [] elsewhere). */
export async function processesInside(dir: string): Promise<number[]> {
  if (!existsSync("/proc")) return [];
  const found: number[] = [];
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const cwd = await readlink(`/proc/${name}/cwd`).catch(() => "");
    if (cwd.startsWith(dir)) found.push(Number(name));
  }
  return found;
}

/** Pids of live processes owned by `uid` (Linux /proc; [] elsewhere). */
export async function processesOfUid(uid: number): Promise<number[]> {
  if (!existsSync("/proc")) return [];
  const found: number[] = [];
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const status = await readFile(`/proc/${name}/status`, "utf8").catch(() => "");
    const m = status.match(/^Uid:\s+(\d+)/m);
    if (m && Number(m[1]) === uid) found.push(Number(name));
  }
  return found;
}

/** Pids of live processes whose command line mentions `text` (Linux /proc; [] elsewhere). */
export async function processesMentioning(text: string): Promise<number[]> {
  if (!existsSync("/proc")) return [];
  const found: number[] = [];
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    const cmdline = await readFile(`/proc/${name}/cmdline`, "utf8").catch(() => "");
    if (cmdline.includes(text)) found.push(Number(name));
  }
  return found;
}
