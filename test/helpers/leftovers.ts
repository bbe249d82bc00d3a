// After grading: nothing of the student's may be left running, and nothing left in the grader's temp area.
import { readFile, readdir, readlink } from "node:fs/promises";
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";

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

/** One pass over /proc: each process's parent, uid, working folder and command line. */
function processTable(): { pid: number; parent: number; uid: number; cwd: string; cmdline: string }[] {
  const rows = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "latin1");
      const status = readFileSync(`/proc/${name}/status`, "latin1");
      let cwd = "";
      try {
        cwd = readlinkSync(`/proc/${name}/cwd`);
      } catch {
        // another user's, as non-root
      }
      rows.push({
        pid: Number(name),
        parent: Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]),
        uid: Number(status.match(/^Uid:\s+(\d+)/m)?.[1] ?? -1),
        cwd,
        cmdline: readFileSync(`/proc/${name}/cmdline`, "latin1"),
      });
    } catch {
      // gone meanwhile
    }
  }
  return rows;
}

/**
 * What is left of a grading that used `tmp` as its TMPDIR (and, as root, the sandbox uid `uid`): processes
 * whose working folder is in it (no sandbox: the program's copy lives there), processes whose command line
 * names it (the outer bubblewrap and its host: the copy is bound from there) and everything below them
 * (the sandboxed programs, whose working folder is /tmp/sandbox/work in every sandbox), and processes of
 * the uid. Asked again for up to 2 s while something is found: a sandbox's processes go a moment after it.
 */
export async function survivorsOf(tmp: string, uid?: number): Promise<number[]> {
  if (!existsSync("/proc")) return [];
  const once = () => {
    const table = processTable().filter((r) => r.pid !== process.pid);
    const found = new Set(table.filter((r) => r.cwd.startsWith(tmp) || r.cmdline.includes(tmp) || r.uid === uid).map((r) => r.pid));
    for (let grew = true; grew; ) {
      grew = false;
      for (const r of table) if (!found.has(r.pid) && found.has(r.parent)) (found.add(r.pid), (grew = true));
    }
    return [...found].sort((a, b) => a - b);
  };
  const until = Date.now() + 2000;
  let left = once();
  while (left.length && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    left = once();
  }
  return left;
}
