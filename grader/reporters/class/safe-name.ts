// A file name for each student's own files (feedback/<name>.html): student names come from folder and zip
// names, so they may hold slashes, dots only, control characters, spaces, or be 250 bytes long. Letters
// and digits of any script stay (Chinese names stay readable); anything else becomes "_", and a name that
// had to change gets a short hash of the original so that two students never share a file.
import { createHash } from "node:crypto";

const MAX_BYTES = 80;

export function safeFileName(student: string): string {
  const cleaned = student.normalize("NFC").replace(/[^\p{L}\p{N}._-]+/gu, "_").replace(/^[._]+/, "").replace(/_+$/, "");
  let base = cleaned;
  while (Buffer.byteLength(base) > MAX_BYTES) base = [...base].slice(0, -1).join("");
  if (base === student && base.length > 0) return base;
  const hash = createHash("sha256").update(student).digest("hex").slice(0, 8);
  return `${base || "student"}-${hash}`;
}

/** student → file name for a whole class; unique even if two cleaned names meet (then both are hashed). */
export function safeFileNames(students: string[]): Map<string, string> {
  const names = new Map(students.map((s) => [s, safeFileName(s)]));
  const seen = new Map<string, number>();
  for (const n of names.values()) seen.set(n.toLowerCase(), (seen.get(n.toLowerCase()) ?? 0) + 1);
  for (const [s, n] of names) {
    if ((seen.get(n.toLowerCase()) ?? 0) > 1) names.set(s, `${n}-${createHash("sha256").update(s).digest("hex").slice(0, 8)}`);
  }
  return names;
}
