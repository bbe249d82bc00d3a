// A message checksum that an exercise can name in its data (`messages.checksum`): the CRC-32 of the
// message's canonical JSON without its checksum field, where canonical means what Python writes with
// json.dumps(value, sort_keys=True, separators=(",", ":")) (ensure_ascii on). One exact definition,
// so a student's program and the grader compute the same number.

const TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** zlib.crc32 of the bytes. */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A string as Python's json.dumps writes it with ensure_ascii: only printable ASCII stays as it is. */
function pyString(s: string): string {
  const short: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f" };
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const code = s.charCodeAt(i); // UTF-16 units: an astral character comes out as its surrogate pair, as in Python
    out += short[ch] ?? (code < 0x20 || code > 0x7e ? `\\u${code.toString(16).padStart(4, "0")}` : ch);
  }
  return out + '"';
}

/** Python's json.dumps(value, sort_keys=True, separators=(",", ":")) for the JSON values a datagram carries. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : value > 0 ? "Infinity" : value < 0 ? "-Infinity" : "NaN";
  if (typeof value === "string") return pyString(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${pyString(k)}:${canonicalJson(o[k])}`)
    .join(",")}}`;
}

/** The checksum of an object: CRC-32 of the canonical JSON of every key but `field`. */
export function checksumOf(object: Record<string, unknown>, field: string): number {
  const rest = Object.fromEntries(Object.entries(object).filter(([k]) => k !== field));
  return crc32(Buffer.from(canonicalJson(rest), "utf8"));
}

/** Why an object's checksum field is wrong, or undefined when it is right. */
export function checksumProblem(object: Record<string, unknown>, field: string): { got: unknown; expected: number } | undefined {
  const expected = checksumOf(object, field);
  return object[field] === expected ? undefined : { got: object[field], expected };
}
