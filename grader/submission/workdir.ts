// The grader never runs code in the student's own folder: it copies the submission to a private temp folder
// first (so a program that deletes or rewrites its files changes nothing of the student's).
import { lstat, readdir, realpath, copyFile, mkdir, stat } from "node:fs/promises";
import { existsSync, lstatSync, readdirSync } from "node:fs";
import path from "node:path";
import { GraderError } from "../core/errors.js";
import { makeTempDir } from "../runner/temp-dirs.js";
import { t, type Lang } from "../core/i18n.js";
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

const SKIP_DIRS = new Set([".git", "node_modules", "__pycache__", ".venv", "venv", ".idea", ".vscode", ".mypy_cache", ".pytest_cache"]);
const LIMITS = { files: 200, bytes: 10 * 1024 * 1024, depth: 3 };

export async function assertSubmissionDir(dir: string): Promise<string> {
  const abs = path.resolve(dir);
  const st = await stat(abs).catch(() => undefined);
  if (!st) throw new GraderError("SUBMISSION_NOT_FOUND", "errFolderMissing", { dir: abs });
  if (!st.isDirectory()) {
    throw new GraderError("SUBMISSION_NOT_FOUND", "errNotAFolder", { dir: abs });
  }
  return abs;
}

/** The entry file is DIR/entry, or DIR/<exercise-id>/entry for students who keep one folder per exercise. */
export function locateEntry(submission: string, exerciseId: string, entry: string): string | undefined {
  for (const base of [submission, path.join(submission, exerciseId)]) {
    if (existsSync(path.join(base, entry)) || isDanglingLink(path.join(base, entry))) return base;
  }
  return undefined;
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

/** An empty private folder for the copy, removed at exit at the latest. */
export function createWorkDir(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  return makeTempDir("udp-grader-");
}

/** Copies the submission into `dir` (an empty folder, see createWorkDir), within the copy limits. */
export async function prepareWorkDir(submissionDir: string, exerciseId: string, entry: string, lang: Lang, dir: string): Promise<WorkDir> {
  const submission = await assertSubmissionDir(submissionDir);
  const base = locateEntry(submission, exerciseId, entry);
  if (!base) {
    throw new SubmissionProblem(t(lang, "entryMissing", { entry, dir: submission, alt: path.join(submission, exerciseId) }));
  }
  const realBase = await realpath(base);
  const entrySource = path.join(base, entry);
  const entryReal = await realpath(entrySource).catch(() => undefined);
  if (!entryReal || !isInside(realBase, entryReal)) throw new SubmissionProblem(t(lang, "entrySymlinkOutside", { entry }));
  if (!(await stat(entryReal)).isFile()) throw new SubmissionProblem(t(lang, "entryNotFile", { entry }));

  const warnings: string[] = [];
  const budget = { files: LIMITS.files, bytes: LIMITS.bytes };
  // The entry file first, so that the copy limits can never leave it out.
  await copyFile(entryReal, path.join(dir, entry));
  budget.files--;
  budget.bytes -= (await stat(entryReal)).size;
  await copyTree(realBase, base, dir, 0, budget, warnings, lang);
  return {
    submission,
    dir,
    entryPath: path.join(dir, entry),
    warnings,
  };
}

function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** Copies regular files (links only when they resolve inside the submission), within size limits. */
async function copyTree(realRoot: string, from: string, to: string, depth: number, budget: { files: number; bytes: number; warned?: boolean }, warnings: string[], lang: Lang): Promise<void> {
  const entries = await readdir(from, { withFileTypes: true });
  for (const e of entries) {
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    const real = await realpath(src).catch(() => undefined);
    if (!real || !isInside(realRoot, real)) {
      if ((await lstat(src)).isSymbolicLink()) warnings.push(t(lang, "warnLinkSkipped", { name: e.name }));
      continue;
    }
    const st = await stat(real);
    if (st.isDirectory()) {
      if (SKIP_DIRS.has(e.name) || e.name.startsWith(".") || depth >= LIMITS.depth) continue;
      await mkdir(dst);
      await copyTree(realRoot, src, dst, depth + 1, budget, warnings, lang);
    } else if (st.isFile()) {
      if (depth === 0 && existsSync(dst)) continue; // the entry file, copied already
      if (budget.files <= 0 || budget.bytes < st.size) {
        if (!budget.warned) warnings.push(t(lang, "warnNotCopied", { files: LIMITS.files, mib: LIMITS.bytes / 1024 / 1024, name: e.name }));
        budget.warned = true;
        continue;
      }
      budget.files--;
      budget.bytes -= st.size;
      await copyFile(real, dst);
    }
  }
}
