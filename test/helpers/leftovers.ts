// After grading: nothing of the student's may be left running, and nothing left in the grader's temp area.
import { readdir, readlink } from "node:fs/promises";
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
