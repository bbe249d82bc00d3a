// The grader never runs code in the student's own folder: it copies the submission to a private temp folder
// first (so a program that deletes or rewrites its files changes nothing of the student's).
import { realpath, copyFile, mkdir, readFile, stat } from "node:fs/promises";
import { accessSync, constants, existsSync, lstatSync, opendirSync, readdirSync } from "node:fs";
import { createHash } from "node:crypto";
import { isUtf8 } from "node:buffer";
import path from "node:path";
import { GraderError } from "../core/errors.js";
import { t, type Lang } from "../core/i18n.js";
import { displayName, IGNORED, reasonOf, SKIP_DIRS, under, walkSubmission } from "./walk.js";
import { editDistance } from "../core/edit-distance.js";

export interface WorkDir {
  /** The submission folder as given, absolute. */
  submission: string;
  /** The private copy the program runs in. */
  dir: string;
  entryPath: string;
  warnings: string[];
}

/** Problems with the student's files: reported as a graded result with status "error", not as a crash. */
export class SubmissionProblem extends Error {}

// What is copied beside the entry file; `entries` bounds the directory entries read (the walk stops there).
const LIMITS = { files: 200, bytes: 10 * 1024 * 1024, depth: 3, entries: 5000 };

export async function assertSubmissionDir(dir: string): Promise<string> {
  const abs = path.resolve(dir);
  const st = await stat(abs).catch(() => undefined);
  if (!st) throw new GraderError("SUBMISSION_NOT_FOUND", "errFolderMissing", { dir: abs });
  if (!st.isDirectory()) {
    throw new GraderError("SUBMISSION_NOT_FOUND", "errNotAFolder", { dir: abs });
  }
  return abs;
}

/**
 * The folder holding the entry file: DIR/entry, DIR/<exercise-id>/entry (one folder per exercise), or
 * the one place below DIR (at most 3 folders down) that holds a file of that name (ex1/, "Exercise 1/",
 * 作业1/ ...). A folder that cannot be read counts as holding it, so that the copy says why it cannot.
 */
export function locateEntry(submission: string, exerciseId: string, entry: string): string | undefined {
  for (const base of [submission, path.join(submission, exerciseId)]) {
    if (existsSync(path.join(base, entry)) || isDanglingLink(path.join(base, entry))) return base;
  }
  try {
    accessSync(submission, constants.R_OK | constants.X_OK);
  } catch {
    return existsSync(submission) ? submission : undefined;
  }
  const found = findBelow(submission, (name) => name === entry);
  return found.length === 1 ? path.dirname(path.join(submission, found[0])) : undefined;
}

/** Relative paths of files below `dir` whose name passes `match` (bounded: depth 3, 2,000 entries). */
function findBelow(dir: string, match: (name: string) => boolean, limit = 20): string[] {
  const found: string[] = [];
  let entries = 0;
  const walk = (rel: string, depth: number): void => {
    let handle;
    try {
      handle = opendirSync(path.join(dir, rel), { encoding: "buffer" } as unknown as Parameters<typeof opendirSync>[1]);
    } catch {
      return;
    }
    const subdirs: string[] = [];
    try {
      for (let d = handle.readSync(); d && entries++ < 2000; d = handle.readSync()) {
        const raw = d.name as unknown as Buffer;
        const name = raw.toString("utf8");
        if (IGNORED.has(name) || name.startsWith(".") || SKIP_DIRS.has(name)) continue;
        if (d.isDirectory()) subdirs.push(name);
        else if (d.isFile() && match(name) && found.length < limit) found.push(rel ? `${rel}/${displayName(raw)}` : displayName(raw));
      }
    } finally {
      handle.closeSync();
    }
    if (depth < 3) for (const s of subdirs.sort()) walk(path.posix.join(rel, s), depth + 1);
  };
  walk("", 0);
  return found.filter((f) => f.includes("/")).sort();
}

/** Where the files are, when the entry file is not where it should be: for the "missing" message. */
export function whereFilesAre(submission: string, exerciseId: string, entry: string, lang: Lang, otherEntries: string[] = []): string {
  const same = findBelow(submission, (n) => n === entry);
  if (same.length > 1) return t(lang, "entryInSeveralPlaces", { entry, places: same.slice(0, 5).join(", ") });
  // Other exercises' files where they belong say nothing about where this one is.
  const py = findBelow(submission, (n) => /\.py$/i.test(n) && !otherEntries.includes(n)).concat(topLevelPy(submission).filter((f) => !otherEntries.includes(f)));
  return py.length ? t(lang, "pyFilesAre", { files: py.slice(0, 6).join(", "), more: py.length > 6 ? " …" : "" }) : "";
}

function topLevelPy(dir: string): string[] {
  try {
    const handle = opendirSync(dir);
    const out: string[] = [];
    try {
      for (let d = handle.readSync(), n = 0; d && n < 2000; d = handle.readSync(), n++) if (d.isFile() && /\.py$/i.test(d.name)) out.push(d.name);
    } finally {
      handle.closeSync();
    }
    return out.sort();
  } catch {
    return [];
  }
}

/**
 * When the entry file is not there: a near miss to point at (ip_classifier.py for ip_classify.py, or the
 * right file a folder or two deeper), as a sentence; "" when there is none. `shown` is how the folder is named.
 */
export function nearMiss(submission: string, exerciseId: string, entry: string, shown: string, lang: Lang): string {
  const list = (dir: string) => {
    try {
      return readdirSync(dir, { withFileTypes: true });
    } catch {
      return [];
    }
  };
  const stem = entry.replace(/\.py$/i, "").toLowerCase();
  for (const base of [submission, path.join(submission, exerciseId)]) {
    const close = list(base).find((e) => e.isFile() && /\.py$/i.test(e.name) && (e.name.toLowerCase() === entry.toLowerCase() || editDistance(e.name.toLowerCase().replace(/\.py$/, ""), stem) <= Math.max(3, Math.floor(stem.length / 4))));
    if (close) return t(lang, "entryNearMiss", { found: path.join(shown, path.relative(submission, base), close.name), entry });
  }
  // The right file one or two folders deeper (an unzipped folder inside the folder, say).
  const queue: [string, number][] = [[submission, 0]];
  for (let seen = 0; queue.length && seen < 200; seen++) {
    const [dir, depth] = queue.shift()!;
    for (const e of list(dir)) {
      if (!e.isDirectory() || SKIP_DIRS.has(e.name) || e.name.startsWith(".")) continue;
      const sub = path.join(dir, e.name);
      if (existsSync(path.join(sub, entry))) {
        const folder = path.join(shown, path.relative(submission, sub));
        return t(lang, "entryDeeper", { found: path.join(folder, entry), exercise: exerciseId, dir: folder });
      }
      if (depth < 1) queue.push([sub, depth + 1]);
    }
  }
  return "";
}

// existsSync follows links; a dangling link still names the entry file, so report it rather than "missing".
function isDanglingLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Copies the submission into `dir` (an empty private folder, made by the sandbox session), within the copy limits. */
export async function prepareWorkDir(submissionDir: string, exerciseId: string, entry: string, lang: Lang, dir: string): Promise<WorkDir> {
  const submission = await assertSubmissionDir(submissionDir);
  const base = locateEntry(submission, exerciseId, entry);
  if (!base) {
    throw new SubmissionProblem(t(lang, "entryMissing", { entry, dir: submission, alt: path.join(submission, exerciseId) }));
  }
  const { entryReal, size } = await checkEntry(base, entry, lang);
  const warnings: string[] = [];
  // The entry file first, so that the copy limits can never leave it out.
  try {
    await copyFile(entryReal, path.join(dir, entry));
  } catch (e) {
    throw new SubmissionProblem(t(lang, "entryUnreadable", { entry, reason: reasonOf(e) }));
  }
  const walk = await walkSubmission(base, { ...LIMITS, files: LIMITS.files - 1, bytes: LIMITS.bytes - size }, Buffer.from(entry));
  // Names that are not UTF-8 (GBK from a Windows zip) are copied under their GBK reading: the name the
  // student wrote in their code, and one that every later step (the sandbox's copy, Python) can handle.
  const renamed: string[] = [];
  const utf8 = (rel: Buffer) => {
    if (isUtf8(rel)) return rel;
    const text = displayName(rel);
    renamed.push(text);
    return Buffer.from(text);
  };
  for (const d of walk.dirs) await mkdir(under(dir, utf8(d)), { recursive: true });
  const unreadable = [...walk.unreadable];
  for (const f of walk.files) {
    try {
      await copyFile(f.real, under(dir, utf8(f.rel)), constants.COPYFILE_EXCL);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") unreadable.push({ name: displayName(f.rel), reason: reasonOf(e) });
    }
  }
  if (renamed.length) warnings.push(t(lang, "warnRenamed", { n: renamed.length, names: renamed.slice(0, 3).join(", ") }));
  for (const name of walk.linksOutside) warnings.push(t(lang, "warnLinkSkipped", { name }));
  if (walk.notTaken) warnings.push(t(lang, "warnNotCopied", { files: LIMITS.files, mib: LIMITS.bytes / 1024 / 1024, name: walk.notTaken }));
  if (unreadable.length) {
    const shown = unreadable.slice(0, 3).map((u) => `${u.name} (${u.reason})`).join(", ");
    warnings.push(t(lang, "warnUnreadable", { n: unreadable.length, names: shown }));
  }
  return { submission, dir, entryPath: path.join(dir, entry), warnings };
}

/** The entry file, resolved and checked: inside the folder, a regular file, readable, of a sane size. */
async function checkEntry(base: string, entry: string, lang: Lang): Promise<{ entryReal: string; size: number }> {
  const realBase = await realpath(base).catch((e: unknown) => {
    throw new SubmissionProblem(t(lang, "folderUnreadable", { dir: base, reason: reasonOf(e) }));
  });
  const entryReal = await realpath(path.join(base, entry)).catch((e: NodeJS.ErrnoException) => {
    // Not a link that leads nowhere: the folder or the file cannot be read, or the path is too long.
    if (e.code === "ENOENT" || e.code === "ELOOP") return undefined;
    try {
      accessSync(base, constants.R_OK | constants.X_OK);
    } catch (denied) {
      throw new SubmissionProblem(t(lang, "folderUnreadable", { dir: base, reason: reasonOf(denied) }));
    }
    throw new SubmissionProblem(t(lang, "entryUnreadable", { entry, reason: reasonOf(e) }));
  });
  if (!entryReal || !isInside(realBase, entryReal)) throw new SubmissionProblem(t(lang, "entrySymlinkOutside", { entry }));
  const st = await stat(entryReal).catch((e: unknown) => {
    throw new SubmissionProblem(t(lang, "entryUnreadable", { entry, reason: reasonOf(e) }));
  });
  if (!st.isFile()) throw new SubmissionProblem(t(lang, "entryNotFile", { entry }));
  // Checked before copying: a (possibly sparse) file larger than the work space would fill it.
  if (st.size > LIMITS.bytes) throw new SubmissionProblem(t(lang, "entryTooLarge", { entry, mib: (st.size / 1024 / 1024).toFixed(1), max: LIMITS.bytes / 1024 / 1024 }));
  return { entryReal, size: st.size };
}

function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * A hash of what grading this exercise reads: the entry file and what the copy takes beside it, except
 * other exercises' entry files that nothing taken names (so an edit to exercise-02's file does not
 * regrade exercise-01, unless exercise-01 imports it). "missing" when there is no entry file.
 */
export async function hashForGrading(submission: string, exerciseId: string, entry: string, otherEntries: string[]): Promise<string> {
  const base = locateEntry(submission, exerciseId, entry);
  if (!base) return "missing";
  const h = createHash("sha256").update(base === submission ? "" : path.relative(submission, base)).update("\0");
  let entryReal: string;
  try {
    entryReal = (await checkEntry(base, entry, "en")).entryReal;
    h.update(await readFile(entryReal));
  } catch (e) {
    return `problem:${(e as Error).message}`; // graded (as that problem) once, then unchanged
  }
  const walk = await walkSubmission(base, LIMITS, Buffer.from(entry));
  const taken: { rel: Buffer; bytes: Buffer }[] = [];
  for (const f of walk.files) taken.push({ rel: f.rel, bytes: await readFile(f.real).catch(() => Buffer.from("\0unreadable")) });
  const others = new Set(otherEntries.filter((e) => e !== entry));
  const isOther = (rel: Buffer) => others.has(rel.toString("utf8"));
  const text = [await readFile(entryReal, "latin1"), ...taken.filter((f) => !isOther(f.rel) && /\.py$/.test(f.rel.toString("latin1"))).map((f) => f.bytes.toString("latin1"))].join("\n");
  for (const f of taken) {
    if (isOther(f.rel) && !new RegExp(`\\b${f.rel.toString("utf8").replace(/\.py$/, "")}\\b`).test(text)) continue;
    h.update(f.rel).update("\0").update(f.bytes).update("\0");
  }
  h.update(JSON.stringify([walk.unreadable, walk.linksOutside, walk.notTaken ?? ""]));
  return h.digest("hex");
}
