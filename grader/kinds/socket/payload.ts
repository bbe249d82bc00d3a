// Datagram payloads as cases describe them, turned into bytes; and bytes turned back into something a
// student can read.
import type { Payload } from "../../generated/udp-server-cases.js";

export type { Payload };

/** An echo request of exactly `size` bytes whose text varies, so a truncated or altered copy shows. */
export function bigEchoRequest(size: number): { bytes: Buffer; text: string } {
  const head = '{"op": "echo", "text": "';
  const tail = '"}';
  const n = size - Buffer.byteLength(head) - Buffer.byteLength(tail);
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  let seed = 12345;
  let text = "";
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff; // fixed LCG: the same datagram every run
    text += alphabet[seed % alphabet.length];
  }
  return { bytes: Buffer.from(head + text + tail, "utf8"), text };
}

/** A count request of exactly `size` bytes: blanks inside the object, so a truncated copy is not JSON. */
export function bigCountRequest(size: number): Buffer {
  const head = '{"op": "count"';
  return Buffer.from(head + " ".repeat(size - head.length - 1) + "}", "utf8");
}

/** JSON text padded with blanks before its last character to `size` bytes (the same value, a longer datagram). */
function padJson(text: string, size: number | undefined): Buffer {
  const bytes = Buffer.from(text, "utf8");
  if (!size || bytes.length >= size) return bytes;
  return Buffer.concat([bytes.subarray(0, bytes.length - 1), Buffer.alloc(size - bytes.length, " "), bytes.subarray(bytes.length - 1)]);
}

/** The bytes to send; `json` values must already have their placeholders filled in. */
export function payloadBytes(p: Payload): Buffer {
  if ("json" in p) return padJson(JSON.stringify(p.json, null, p.indent), p.padTo);
  if ("utf8" in p) return Buffer.from(p.utf8, "utf8");
  if ("hex" in p) return Buffer.from(p.hex.replace(/\s+/g, ""), "hex");
  if ("bigCount" in p) return bigCountRequest(p.bigCount);
  if ("parts" in p) return Buffer.from(p.parts.map((x) => x.utf8.repeat(x.times ?? 1)).join(""), "utf8");
  return bigEchoRequest(p.bigEcho).bytes;
}

/** The text of the echo request inside a payload, if it is one (for the $sentText matcher). */
export function echoTextOf(p: Payload): string | undefined {
  if ("bigEcho" in p) return bigEchoRequest(p.bigEcho).text;
  if ("json" in p && p.json && typeof p.json === "object" && typeof (p.json as { text?: unknown }).text === "string") return (p.json as { text: string }).text;
  return undefined;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes a datagram as UTF-8 JSON: the value, or why it is not one. */
export function parseJsonDatagram(bytes: Buffer): { ok: true; value: unknown } | { ok: false; why: string } {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { ok: false, why: "not UTF-8" };
  }
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
