// The grader's temp folders (work copies, unpacked zips). Removed when done, and on exit (Ctrl-C
// included) whatever is still there, so an interrupted run leaves nothing behind.
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const live = new Set<string>();
let hooked = false;

export async function makeTempDir(prefix: string): Promise<{ dir: string; cleanup(): Promise<void> }> {
  return keepTempDir(await mkdtemp(path.join(os.tmpdir(), prefix)));
}

/** Takes charge of a temp folder made elsewhere: removed by cleanup(), or at exit. */
export function keepTempDir(dir: string): { dir: string; cleanup(): Promise<void> } {
  live.add(dir);
  if (!hooked) {
    hooked = true;
    process.on("exit", () => {
      for (const d of live) rmSync(d, { recursive: true, force: true });
    });
  }
  return {
    dir,
    cleanup: async () => {
      live.delete(dir);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
