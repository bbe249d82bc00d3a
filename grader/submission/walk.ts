// A bounded walk over a student's folder: what the copy takes and the batch hashes. Paths are raw bytes
// (Buffers) so that names that are not UTF-8 (GBK names from Windows zips unpacked with `unzip`) are read
// and copied as they are; a folder that cannot be read, a name too long, a link that points away are
// noted and skipped, never thrown. The walk reads directories lazily and stops once the limits have
// refused the rest, so a folder of 100,000 files costs what its first few hundred entries cost.
import { opendir, realpath, stat, lstat } from "node:fs/promises";
import { isUtf8 } from "node:buffer";
import path from "node:path";

/** Folders that are never part of a submission (tools' caches, version control, editors). */
export const SKIP_DIRS = new Set([".git", "node_modules", "__pycache__", ".venv", "venv", ".idea", ".vscode", ".mypy_cache", ".pytest_cache"]);
/** Files and folders that operating systems add to a zip or a folder. */
export const IGNORED = new Set(["__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini"]);

export interface WalkLimits {
  files: number;
  bytes: number;
  depth: number;
  /** Directory entries read in all (a folder of 100,000 files is not read to its end). */
  entries: number;
}

export interface WalkedFile {
  /** Relative to the walk's root, "/"-separated bytes. */
  rel: Buffer;
  real: Buffer;
  size: number;
}

export interface Walk {
  /** Folders (relative), parents before children. */
  dirs: Buffer[];
  files: WalkedFile[];
  /** The first file the limits left out, if any. */
  notTaken?: string;
  unreadable: { name: string; reason: string }[];
  linksOutside: string[];
}

const SEP = Buffer.from("/");
const join = (a: Buffer, b: Buffer) => Buffer.concat([a, SEP, b]);

/** A name for people: UTF-8 as is; else GBK (the usual other encoding in this course) if it decodes; else \xNN escapes. */
export function displayName(name: Buffer): string {
  if (isUtf8(name)) return name.toString("utf8");
  try {
    return new TextDecoder("gbk", { fatal: true }).decode(name);
  } catch {
    return [...name].map((b) => (b < 0x80 ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`)).join("");
  }
}

/** Why a file could not be read, in plain words (en; the code stays for the curious). */
export function reasonOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENAMETOOLONG") return "its path is too long";
  if (code === "ELOOP") return "too many levels of links";
  if (code === "ENOENT") return "it disappeared";
  return code ?? String((e as Error)?.message ?? e);
}

function inside(root: Buffer, p: Buffer): boolean {
  return p.equals(root) || (p.length > root.length && p.subarray(0, root.length).equals(root) && p[root.length] === 0x2f);
}

/**
 * Walks `root` (a folder) in name order within each folder, depth first, taking regular files (and links
 * that resolve inside `root`) within the limits. `skip` leaves out a relative path (the entry file,
 * copied first by the caller).
 */
export async function walkSubmission(root: string | Buffer, limits: WalkLimits, skip?: Buffer): Promise<Walk> {
  const rootBuf = typeof root === "string" ? Buffer.from(root) : root;
  const realRoot = await realpath(rootBuf, { encoding: "buffer" });
  const w: Walk = { dirs: [], files: [], unreadable: [], linksOutside: [] };
  let entries = 0;
  let files = limits.files;
  let bytes = limits.bytes;
  let stopped = false;
  const leaveOut = (rel: Buffer) => {
    w.notTaken ??= displayName(rel);
  };

  async function dir(abs: Buffer, rel: Buffer | undefined, depth: number): Promise<void> {
    const names: Buffer[] = [];
    const links = new Set<Buffer>(); // from the directory entries' types: no extra call per name
    try {
      const handle = await opendir(abs, { encoding: "buffer" } as unknown as Parameters<typeof opendir>[1]);
      for await (const d of handle) {
        if (++entries > limits.entries) {
          // What was read is still taken (below); nothing further is read, here or in any later folder.
          leaveOut(rel ? join(rel, d.name as unknown as Buffer) : (d.name as unknown as Buffer));
          break; // closes the handle
        }
        names.push(d.name as unknown as Buffer);
        if (d.isSymbolicLink()) links.add(d.name as unknown as Buffer);
      }
    } catch (e) {
      w.unreadable.push({ name: rel ? displayName(rel) + "/" : ".", reason: reasonOf(e) });
      return;
    }
    names.sort(Buffer.compare);
    for (const name of names) {
      const text = name.toString("latin1");
      if (IGNORED.has(text)) continue;
      const a = join(abs, name);
      const r = rel ? join(rel, name) : name;
      if (stopped) {
        // Nothing more is taken, but a link out among the names already read is still said (a student
        // should know); the entries' types tell links apart without a call per name.
        if (links.has(name)) {
          const real = await realpath(a, { encoding: "buffer" }).catch(() => undefined);
          if (!real || !inside(realRoot, real)) w.linksOutside.push(displayName(r));
        }
        continue;
      }
      let real: Buffer;
      try {
        real = await realpath(a, { encoding: "buffer" });
      } catch (e) {
        const link = await lstat(a).then((s) => s.isSymbolicLink(), () => false);
        if (link && (e as NodeJS.ErrnoException).code === "ENOENT") w.linksOutside.push(displayName(r));
        else w.unreadable.push({ name: displayName(r), reason: reasonOf(e) });
        continue;
      }
      if (!inside(realRoot, real)) {
        w.linksOutside.push(displayName(r));
        continue;
      }
      let st;
      try {
        st = await stat(real);
      } catch (e) {
        w.unreadable.push({ name: displayName(r), reason: reasonOf(e) });
        continue;
      }
      if (st.isDirectory()) {
        if (SKIP_DIRS.has(text) || text.startsWith(".") || depth >= limits.depth) continue;
        w.dirs.push(r);
        await dir(a, r, depth + 1);
      } else if (st.isFile()) {
        if (skip && r.equals(skip)) continue;
        if (files <= 0) {
          leaveOut(r);
          stopped = true; // nothing more can be taken: no folder is read from now on
          continue;
        }
        if (st.size > bytes) {
          leaveOut(r);
          continue;
        }
        files--;
        bytes -= st.size;
        w.files.push({ rel: r, real, size: st.size });
      }
    }
  }
  await dir(rootBuf, undefined, 0);
  return w;
}

/** `rel` as a path under `dir` (bytes kept as they are). */
export function under(dir: string, rel: Buffer): Buffer {
  return Buffer.concat([Buffer.from(dir + path.sep), rel]);
}
