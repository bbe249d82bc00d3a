// Extracts a student's .zip with yauzl, refusing what a grader must not unpack: paths that climb out of
// the folder (zip-slip), absolute paths, symbolic links, and zip bombs (too many entries, too many
// bytes, or an absurd compression ratio). A refusal is that student's problem only.
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import yauzl from "yauzl";
import { t, type Lang } from "../core/i18n.js";
import { isUtf8 } from "node:buffer";
import { displayName } from "../submission/walk.js";

export class ZipRefused extends Error {}

export const ZIP_LIMITS = { entries: 2000, bytes: 50 * 1024 * 1024, ratio: 200 };

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

function openZip(file: string): Promise<yauzl.ZipFile> {
  // Names are decoded here (entryName), not by yauzl: it reads a name without the UTF-8 flag as CP437,
  // which turns the GBK names of a Chinese Windows zip into nonsense.
  return new Promise((resolve, reject) => yauzl.open(file, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: false }, (err, zip) => (err ? reject(err) : resolve(zip!))));
}

/** An entry's name: UTF-8 when flagged or valid (Info-ZIP's Unicode path field first), else GBK, else \xNN escapes. */
export function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  const unicode = entry.extraFields.find((f) => f.id === 0x7075 && f.data.length >= 6 && f.data[0] === 1);
  if ((entry.generalPurposeBitFlag & 0x800) !== 0 || isUtf8(raw)) return raw.toString("utf8");
  if (unicode && isUtf8(unicode.data.subarray(5))) return unicode.data.subarray(5).toString("utf8");
  return displayName(raw);
}

export async function extractZip(file: string, dest: string, lang: Lang = "en", limits = ZIP_LIMITS): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch (e) {
    throw new ZipRefused(`${path.basename(file)} is not a readable zip file (${(e as Error).message})`);
  }
  let entries = 0;
  let total = 0;
  const root = path.resolve(dest);
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (msg: string) => reject(new ZipRefused(`${path.basename(file)}: ${msg}`));
      // yauzl itself rejects absolute and ".." paths: say what that means.
      zip.on("error", (e: Error) => fail(/invalid relative path|absolute path/.test(e.message) ? `${e.message.replace(/^.*?: /, "an entry ")} points outside the folder (zip-slip; refused)` : e.message));
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        if (++entries > limits.entries) return fail(`more than ${limits.entries} entries (refused)`);
        // Checked first: an encrypted entry's bytes are not its content (yauzl would say "size mismatch").
        if (entry.isEncrypted()) return reject(new ZipRefused(t(lang, "zipEncrypted", { zip: path.basename(file) })));
        const name = entryName(entry).replace(/\\/g, "/");
        if (name.includes("\0")) return fail(`an entry's name holds a NUL byte (refused)`);
        const target = path.resolve(root, name);
        if (path.isAbsolute(name) || /^[a-zA-Z]:/.test(name) || (target !== root && !target.startsWith(root + path.sep))) return fail(`the entry "${name}" points outside the folder (zip-slip; refused)`);
        if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) return fail(`the entry "${name}" is a symbolic link (refused)`);
        if (/\/$/.test(name)) {
          mkdir(target, { recursive: true }).then(() => zip.readEntry(), reject);
          return;
        }
        total += entry.uncompressedSize;
        if (total > limits.bytes) return fail(`more than ${limits.bytes / 1024 / 1024} MiB once unpacked (refused)`);
        if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.ratio) return fail(`the entry "${name}" looks like a zip bomb (compressed ${limits.ratio}:1 or more; refused)`);
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return fail(err?.message ?? "unreadable entry");
          // Count the real bytes too: the sizes in a zip's directory can lie.
          let written = 0;
          const guard = new Transform({
            transform(chunk: Buffer, _enc, cb) {
              written += chunk.length;
              cb(written > entry.uncompressedSize || written > limits.bytes ? new ZipRefused(`${path.basename(file)}: "${name}" is larger than it says (refused)`) : null, chunk);
            },
          });
          mkdir(path.dirname(target), { recursive: true })
            .then(() => pipeline(stream, guard, createWriteStream(target, { flags: "wx" })))
            .then(() => zip.readEntry(), (e: Error) => fail(e.message));
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}
