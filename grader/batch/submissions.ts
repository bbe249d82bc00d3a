// The class folder: one sub-folder or one .zip per student. Each becomes a folder the grader can grade,
// unwrapping the extra top-level folder that zipping a folder usually adds.
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { makeTempDir } from "../runner/temp-dirs.js";
import path from "node:path";
import { extractZip } from "./unzip.js";

export interface SubmissionSource {
  /** The student, as named by the folder or the zip file (without .zip). */
  name: string;
  path: string;
  kind: "folder" | "zip";
}

const IGNORED = new Set(["__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini"]);

export async function discoverSubmissions(dir: string): Promise<SubmissionSource[]> {
  const found: SubmissionSource[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.name.startsWith(".") || IGNORED.has(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) found.push({ name: e.name, path: p, kind: "folder" });
    else if (e.isFile() && /\.zip$/i.test(e.name)) found.push({ name: e.name.replace(/\.zip$/i, ""), path: p, kind: "zip" });
  }
  // A folder and a zip of the same name: keep both, the zip under its full file name.
  const names = new Set(found.filter((s) => s.kind === "folder").map((s) => s.name));
  for (const s of found) if (s.kind === "zip" && names.has(s.name)) s.name = path.basename(s.path);
  return found.sort((a, b) => a.name.localeCompare(b.name, "en"));
}

/** A folder whose only content is one folder (e.g. alice/alice-hw/...): the inner one is the submission. */
async function unwrap(dir: string): Promise<string> {
  for (let depth = 0; depth < 3; depth++) {
    const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !IGNORED.has(e.name) && !e.name.startsWith("."));
    if (entries.length !== 1 || !entries[0].isDirectory() || /^exercise-\d+$/.test(entries[0].name)) return dir;
    dir = path.join(dir, entries[0].name);
  }
  return dir;
}

export interface PreparedSubmission {
  source: SubmissionSource;
  dir: string;
  cleanup(): Promise<void>;
}

/** A gradable folder for the submission (a zip is unpacked into a temp folder first). */
export async function prepareSubmission(source: SubmissionSource): Promise<PreparedSubmission> {
  if (source.kind === "folder") return { source, dir: await unwrap(source.path), cleanup: async () => {} };
  const tmp = await makeTempDir("udp-grader-zip-");
  try {
    await extractZip(source.path, tmp.dir);
  } catch (e) {
    await tmp.cleanup();
    throw e;
  }
  return { source, dir: await unwrap(tmp.dir), cleanup: tmp.cleanup };
}

/** A hash of what is graded: every file's relative path and bytes (a zip and its unpacked folder agree). */
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
