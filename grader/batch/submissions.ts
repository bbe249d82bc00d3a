// The class folder: one sub-folder or one .zip per student, or Canvas' flat "download all submissions"
// files. Each becomes a folder the grader can grade, unwrapping the extra top-level folder that zipping a
// folder usually adds. Whatever is wrong with one student's files (a name that is not UTF-8, a folder the
// teacher cannot read, a link out of the class folder) is that student's problem, never the batch's.
import { copyFile, mkdir, opendir, readdir, readlink, realpath, stat } from "node:fs/promises";
import { isUtf8 } from "node:buffer";
import path from "node:path";
import { makeTempDir } from "../runner/temp-dirs.js";
import { t, type Lang } from "../core/i18n.js";
import { displayName, IGNORED, reasonOf, under, walkSubmission } from "../submission/walk.js";
import { extractZip } from "./unzip.js";
import { canvasFile, groupCanvas, type CanvasFile } from "./canvas.js";

export type SubmissionSource =
  | { name: string; path: string; kind: "folder" }
  | { name: string; path: string; kind: "zip" }
  /** A folder whose name is not UTF-8: graded from a copy (its bytes cannot go through a string path). */
  | { name: string; path: string; kind: "raw-folder"; raw: Buffer; note: string }
  /** Canvas' flat layout: this student's files, under the names they had when handed in. */
  | { name: string; path: string; kind: "files"; files: { from: string; name: string }[] }
  /** Found, but cannot be graded (e.g. a link out of the class folder): listed with the reason. */
  | { name: string; path: string; kind: "problem"; message: string };

export interface Discovered {
  sources: SubmissionSource[];
  /** Entries that are no submission (loose files of no known layout), for the "nothing found" message. */
  ignored: string[];
}

/** What the class folder holds. `entries`: the course's entry file names (Canvas renames re-uploads). */
export async function discoverSubmissions(dir: string, lang: Lang, entries: string[] = [], outDir?: string): Promise<Discovered> {
  const found: SubmissionSource[] = [];
  const ignored: string[] = [];
  const canvas: CanvasFile[] = [];
  const realDir = await realpath(dir);
  for (const e of await readdir(dir, { withFileTypes: true, encoding: "buffer" })) {
    const raw = e.name as unknown as Buffer;
    const text = raw.toString("utf8");
    if (text.startsWith(".") || IGNORED.has(text)) continue;
    const p = path.join(dir, text);
    // The batch's own output folder, when the teacher put it inside the class folder, is no student.
    if (outDir && path.resolve(p) === path.resolve(outDir)) continue;
    if (!isUtf8(raw)) {
      const name = displayName(raw);
      const rawPath = under(dir, raw);
      const st = await stat(rawPath).catch(() => undefined);
      if (st?.isDirectory()) found.push({ name, path: rawPath.toString("latin1"), kind: "raw-folder", raw: rawPath, note: t(lang, "studentNameNotUtf8", { name }) });
      else ignored.push(name);
      continue;
    }
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      // A link is graded where it points inside the class folder, listed as a problem otherwise.
      const target = await realpath(p).catch(() => undefined);
      const shown = await readlink(p).catch(() => "?");
      if (!target) {
        found.push({ name: text.replace(/\.zip$/i, ""), path: p, kind: "problem", message: t(lang, "studentLinkBroken", { name: text, target: shown }) });
        continue;
      }
      if (target !== realDir && !target.startsWith(realDir + path.sep)) {
        found.push({ name: text.replace(/\.zip$/i, ""), path: p, kind: "problem", message: t(lang, "studentLinkOutside", { name: text, target: shown }) });
        continue;
      }
      const st = await stat(target);
      isDir = st.isDirectory();
      isFile = st.isFile();
    }
    if (isDir) found.push({ name: text, path: p, kind: "folder" });
    else if (isFile && canvasFile(text)) canvas.push({ ...canvasFile(text)!, path: p });
    else if (isFile && /\.zip$/i.test(text)) found.push({ name: text.replace(/\.zip$/i, ""), path: p, kind: "zip" });
    else ignored.push(text);
  }
  found.push(...groupCanvas(canvas, entries));
  // Two sources of one name (a folder and a zip, a decoded name and a real one): the later ones get their
  // full file name, then a number.
  const seen = new Set<string>();
  for (const s of found.sort((a, b) => (a.kind === "folder" ? 0 : 1) - (b.kind === "folder" ? 0 : 1))) {
    if (seen.has(s.name) && s.kind === "zip") s.name = path.basename(s.path);
    for (let i = 2; seen.has(s.name); i++) s.name = `${s.name.replace(/ \(\d+\)$/, "")} (${i})`;
    seen.add(s.name);
  }
  return { sources: found.sort((a, b) => a.name.localeCompare(b.name, "en")), ignored };
}

/** A folder whose only content is one folder (e.g. alice/alice-hw/...): the inner one is the submission. */
async function unwrap(dir: string, lang: Lang): Promise<string> {
  for (let depth = 0; depth < 3; depth++) {
    const entries: { name: string; isDir: boolean }[] = [];
    try {
      // Two entries are enough to know: a folder of 100,000 files is not read to its end.
      for await (const e of await opendir(dir)) {
        if (IGNORED.has(e.name) || e.name.startsWith(".")) continue;
        entries.push({ name: e.name, isDir: e.isDirectory() });
        if (entries.length > 1) break;
      }
    } catch (e) {
      throw new Error(t(lang, "folderUnreadable", { dir: path.basename(dir), reason: reasonOf(e) }));
    }
    if (entries.length !== 1 || !entries[0].isDir || /^exercise-\d+$/.test(entries[0].name)) return dir;
    dir = path.join(dir, entries[0].name);
  }
  return dir;
}

export interface PreparedSubmission {
  source: SubmissionSource;
  dir: string;
  /** Said in the student's results (e.g. a folder name that is not UTF-8). */
  note?: string;
  cleanup(): Promise<void>;
}

// A folder graded from a copy takes what a zip may hold.
const COPY_LIMITS = { files: 2000, bytes: 50 * 1024 * 1024, depth: 8, entries: 10000 };

/** A gradable folder for the submission (a zip is unpacked, a raw-named folder copied, into a temp folder first). */
export async function prepareSubmission(source: SubmissionSource, lang: Lang): Promise<PreparedSubmission> {
  if (source.kind === "problem") throw new Error(source.message);
  if (source.kind === "folder") return { source, dir: await unwrap(source.path, lang), cleanup: async () => {} };
  const tmp = await makeTempDir("udp-grader-zip-");
  try {
    if (source.kind === "zip") await extractZip(source.path, tmp.dir, lang);
    else if (source.kind === "files") for (const f of source.files) await copyFile(f.from, path.join(tmp.dir, f.name));
    else {
      const walk = await walkSubmission(source.raw, COPY_LIMITS);
      if (walk.unreadable.some((u) => u.name === ".")) throw new Error(t(lang, "folderUnreadable", { dir: source.name, reason: walk.unreadable[0].reason }));
      for (const d of walk.dirs) await mkdir(under(tmp.dir, d), { recursive: true });
      for (const f of walk.files) await copyFile(f.real, under(tmp.dir, f.rel)).catch(() => {}); // the grading's own copy says what it could not read
    }
  } catch (e) {
    await tmp.cleanup();
    throw e;
  }
  return { source, dir: await unwrap(tmp.dir, lang), note: source.kind === "raw-folder" ? source.note : undefined, cleanup: tmp.cleanup };
}
