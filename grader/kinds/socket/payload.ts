// Datagram payloads as cases describe them, turned into bytes; and bytes turned back into something a
// student can read.
import type { Payload } from "../../generated/udp-server-cases.js";

export type { Payload };

/** Letters and digits: one byte each in UTF-8 and never escaped in JSON, so the size comes out exact. */
const FILLER = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** The longest filler a datagram can need (the largest UDP payload over IPv4). */
const MAX_FILL = 65_507;
let filler = "";

/** `n` characters that vary (a fixed LCG: the same text every run), so a truncated or altered copy shows. */
function fillerText(n: number): string {
  if (!filler) {
    let seed = 12345;
    const chars: string[] = [];
    for (let i = 0; i < MAX_FILL; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      chars.push(FILLER[seed % FILLER.length]);
    }
    filler = chars.join("");
  }
  return filler.slice(0, n);
}

/** Splits an RFC 6901 JSON pointer ("/a/0/b~1c") into its keys; "" is the whole value. */
function pointerKeys(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new Error(`JSON pointer ${JSON.stringify(pointer)} does not start with /`);
  return pointer.slice(1).split("/").map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The value at a JSON pointer, or undefined where there is none. */
export function atPointer(value: unknown, pointer: string): unknown {
  let v = value;
  for (const k of pointerKeys(pointer)) v = v !== null && typeof v === "object" && Object.prototype.hasOwnProperty.call(v, k) ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** A copy of `value` with the value at `pointer` replaced (the pointer must lead to an existing value). */
function withAt(value: unknown, keys: string[], replacement: unknown): unknown {
  if (!keys.length) return replacement;
  const [k, ...rest] = keys;
  if (Array.isArray(value)) return value.map((x, i) => (String(i) === k ? withAt(x, rest, replacement) : x));
  const o = value as Record<string, unknown>;
  return { ...o, [k]: withAt(o[k], rest, replacement) };
}

type JsonPayload = Extract<Payload, { json: unknown }>;

/** What is wrong with a JSON payload's `fill` (its pointer leads to no string, or the JSON is already longer). */
export function fillProblems(p: JsonPayload): string[] {
  if (!p.fill) return [];
  if (p.padTo !== undefined) return ["\"fill\" and \"padTo\" in one payload"];
  let prefix: unknown;
  try {
    prefix = atPointer(p.json, p.fill.at);
  } catch (e) {
    return [(e as Error).message];
  }
  if (typeof prefix !== "string") return [`fill.at ${JSON.stringify(p.fill.at)} does not lead to a string of the JSON`];
  if (Buffer.byteLength(JSON.stringify(p.json, null, p.indent)) > p.fill.to) return [`JSON longer than its fill.to (${p.fill.to} bytes)`];
  return [];
}

/**
 * The JSON value a payload sends: with `fill`, the string at `fill.at` is extended with filler text until
 * the datagram is exactly `fill.to` bytes (a sized request in the protocol's own words: a long text to send
 * back, say). Call fillProblems first: a payload that cannot be filled is sent as written.
 */
export function sentJson(p: JsonPayload): unknown {
  if (!p.fill || fillProblems(p).length) return p.json;
  const prefix = atPointer(p.json, p.fill.at) as string;
  const n = p.fill.to - Buffer.byteLength(JSON.stringify(p.json, null, p.indent));
  return withAt(p.json, pointerKeys(p.fill.at), prefix + fillerText(n));
}

/** The string at `pointer` in the JSON a payload sends (after its fill), if there is one: what a reply may have to carry back. */
export function sentStringAt(p: Payload, pointer: unknown): string | undefined {
  if (!("json" in p) || typeof pointer !== "string") return undefined;
  try {
    const v = atPointer(sentJson(p), pointer);
    return typeof v === "string" ? v : undefined;
  } catch {
    return undefined;
  }
}

/** JSON text padded with blanks before its last character to `size` bytes (the same value, a longer datagram). */
function padJson(text: string, size: number | undefined): Buffer {
  const bytes = Buffer.from(text, "utf8");
  if (!size || bytes.length >= size) return bytes;
  return Buffer.concat([bytes.subarray(0, bytes.length - 1), Buffer.alloc(size - bytes.length, " "), bytes.subarray(bytes.length - 1)]);
}

/** The bytes to send; `json` values must already have their placeholders filled in. */
export function payloadBytes(p: Payload): Buffer {
  if ("json" in p) return padJson(JSON.stringify(sentJson(p), null, p.indent), p.padTo);
  if ("utf8" in p) return Buffer.from(p.utf8, "utf8");
  if ("hex" in p) return Buffer.from(p.hex.replace(/\s+/g, ""), "hex");
  return Buffer.from(p.parts.map((x) => x.utf8.repeat(x.times ?? 1)).join(""), "utf8");
}

// ignoreBOM: a byte order mark stays in the text (TextDecoder drops it by default), where JSON.parse refuses
// it, as Python's json.loads does: JSON text must not start with one (RFC 8259).
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Decodes a datagram as UTF-8 JSON: the value, or why it is not one. */
export function parseJsonDatagram(bytes: Buffer): { ok: true; value: unknown } | { ok: false; why: string } {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { ok: false, why: "not UTF-8" };
  }
  if (text.startsWith("\uFEFF")) return { ok: false, why: "a byte order mark (EF BB BF) before the JSON" };
  try {
    JSON.parse(text);
  } catch {
    return { ok: false, why: "not JSON" };
  }
  return { ok: true, value: JSON.parse(markIntegralFloats(text)) };
}

// In valid JSON, outside strings there are only numbers, literals, punctuation and blanks: so this finds
// every string (skipped whole, escapes included) and every number.
const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * Python reads 1.0 or 1e3 as a float where JSON.parse sees the integers 1 and 1000. Such numbers become
 * {"$pyType": "float", "$repr": "1.0"} markers (as the function harness reports floats), so a float where
 * the contract wants an int (a count, say) is seen as what the student's Python program sent.
 */
function markIntegralFloats(text: string): string {
  return text.replace(TOKENS, (tok) => (tok.startsWith('"') || !/[.eE]/.test(tok) || !Number.isInteger(Number(tok)) ? tok : JSON.stringify({ $pyType: "float", $repr: tok })));
}

/** The first bytes as text for a transcript; bytes that are not UTF-8 become \xNN. */
export function preview(bytes: Buffer, maxChars = 100): string {
  let out = "";
  try {
    // Shown as the text it is; only control characters are escaped.
    out = strictUtf8.decode(bytes.subarray(0, maxChars * 4)).replace(/[\u0000-\u001f\u007f]/g, (c) => (c === "\n" ? "\\n" : c === "\t" ? "\\t" : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`));
  } catch {
    for (const b of bytes.subarray(0, maxChars)) out += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return out.length > maxChars ? out.slice(0, maxChars) + "…" : out;
}
