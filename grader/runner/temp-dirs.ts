// The grader's temp folders (work copies, unpacked zips). Removed when done, and on exit (Ctrl-C
// included) whatever is still there, so an interrupted run leaves nothing behind. A grader killed
// outright (SIGKILL, power loss) cannot clean up: its folders carry its pid, and the next run removes
// those of a dead grader once they are an hour old.
import { mkdtempSync, rmSync } from "node:fs";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const live = new Set<string>();
let hooked = false;
let swept = false;

type TempDir = { dir: string; cleanup(): Promise<void> };

// Every prefix starts with this, then the pid: udp-grader-<pid>-XXXXXX, udp-grader-zip-<pid>-XXXXXX.
const OURS = /^udp-grader-(?:[a-z]+-)?(\d+)-[A-Za-z0-9]{6}$/;
const STALE_MS = 60 * 60 * 1000;

const template = (prefix: string) => path.join(os.tmpdir(), `${prefix}${process.pid}-`);

export async function makeTempDir(prefix: string): Promise<TempDir> {
  return keepTempDir(await mkdtemp(template(prefix)));
}

/** The same, at once (the launcher starts a sandbox before anything else happens). */
export function makeTempDirSync(prefix: string): TempDir {
  return keepTempDir(mkdtempSync(template(prefix)));
}

/** Takes charge of a temp folder: removed by cleanup(), or at exit. */
function keepTempDir(dir: string): TempDir {
  live.add(dir);
  if (!hooked) {
    hooked = true;
    process.on("exit", () => {
      for (const d of live) rmSync(d, { recursive: true, force: true });
    });
  }
  if (!swept) {
    swept = true;
    setImmediate(() => void sweepStaleTempDirs().catch(() => {}));
  }
  return {
    dir,
    cleanup: async () => {
      live.delete(dir);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // someone else's live process
  }
}

/** Removes the folders of graders that died without cleaning up (dead pid, untouched for an hour, ours). */
export async function sweepStaleTempDirs(dir = os.tmpdir(), now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const m = OURS.exec(name);
    if (!m || alive(Number(m[1]))) continue;
    const p = path.join(dir, name);
    const st = await stat(p).catch(() => undefined);
    if (!st?.isDirectory() || now - st.mtimeMs < STALE_MS || st.uid !== process.getuid?.()) continue;
    await rm(p, { recursive: true, force: true }).catch(() => {});
    removed.push(p);
  }
  return removed;
}
