// A hash of a trusted folder's files (an exercise's data, a reference solution): every file's relative
// path and bytes. Student folders are hashed by hashForGrading (workdir.ts), which is bounded.
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { IGNORED } from "./walk.js";

export async function hashFolder(dir: string, skip = new Set(["__pycache__", ".git", "node_modules"])): Promise<string> {
  const h = createHash("sha256");
  async function walk(rel: string): Promise<void> {
    const entries = (await readdir(path.join(dir, rel), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      if (skip.has(e.name) || IGNORED.has(e.name)) continue;
      const r = path.posix.join(rel, e.name);
      if (e.isDirectory()) await walk(r);
      else if (e.isFile() && (await stat(path.join(dir, r))).size <= 20 * 1024 * 1024) {
        h.update(r).update("\0").update(await readFile(path.join(dir, r))).update("\0");
      }
    }
  }
  await walk("");
  return h.digest("hex");
}
