// The bytes a tcp-server case sends, and the lines it expects back: built and matched from the case's data
// (the grader knows no protocol; an exercise's payloads and patterns say everything).
import type { Line, Payload, Sized } from "../../generated/tcp-server-cases.js";
import { pick, t, type Lang } from "../../core/i18n.js";
import { preview } from "../socket/payload.js";

/** head + fill repeated + tail, exactly `bytes` long (fill is ASCII, so cutting it never splits a character). */
export function sizedBytes(s: Sized): Buffer {
  const head = Buffer.from(s.head ?? "", "utf8");
  const tail = Buffer.from(s.tail ?? "", "utf8");
  const n = Math.max(0, s.bytes - head.length - tail.length);
  const fill = Buffer.alloc(n, s.fill, "ascii");
  return Buffer.concat([head, fill, tail]);
}

export function payloadBytes(p: Payload): Buffer {
  if (typeof p === "string") return Buffer.from(p, "utf8");
  if ("hex" in p) return Buffer.from(p.hex.replace(/\s+/g, ""), "hex");
  return sizedBytes(p.sized);
}

/** A payload for a person to read: short ones as text, sized ones by their start and length. */
export function describePayload(p: Payload, lang: Lang): string {
  if (typeof p === "object" && "sized" in p) return t(lang, "tcpSizedText", { start: preview(Buffer.from((p.sized.head ?? "") + p.sized.fill.repeat(3)), 24), n: p.sized.bytes });
  return preview(payloadBytes(p), 120);
}

export function describeLine(l: Line, lang: Lang): string {
  if (typeof l === "string") return JSON.stringify(l);
  if ("re" in l) return l.describe ? pick(lang, l.describe) : `/${l.re}/`;
  return t(lang, "tcpSizedText", { start: preview(Buffer.from((l.sized.head ?? "") + l.sized.fill.repeat(3)), 24), n: l.sized.bytes });
}

/** The line a server sent, without its "\n" (a "\r" before it is the line's: replies end in "\n" alone). */
export function lineText(bytes: Buffer): Buffer {
  return bytes.length && bytes[bytes.length - 1] === 10 ? bytes.subarray(0, bytes.length - 1) : bytes;
}

/** Why a received line does not match (undefined when it does). */
export function lineProblem(want: Line, got: Buffer, lang: Lang): string | undefined {
  if (typeof want === "object" && "sized" in want) {
    const expected = sizedBytes(want.sized);
    if (got.equals(expected)) return undefined;
    if (got.length !== expected.length) return t(lang, "tcpLineLength", { got: got.length, want: expected.length });
    let i = 0;
    while (i < got.length && got[i] === expected[i]) i++;
    return t(lang, "tcpLineDiffersAt", { at: i });
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(got);
  } catch {
    return t(lang, "tcpLineNotUtf8");
  }
  const matches = (s: string) => (typeof want === "string" ? s === want : new RegExp(`^(?:${want.re})$`, "su").test(s));
  if (matches(text)) return undefined;
  // Right but for a "\r" before the newline (as telnet sends lines): said apart.
  if (text.endsWith("\r") && matches(text.slice(0, -1))) return t(lang, "tcpLineCrlf");
  return t(lang, "tcpLineWrong", { want: typeof want === "string" ? JSON.stringify(want) : describeLine(want, lang) });
}
