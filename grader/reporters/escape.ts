// Student-controlled text (what a program printed, exception text, returned values, file and folder
// names) must never act on whoever reads a report: no terminal control sequences (clear screen, colours,
// OSC 52 clipboard writes, OSC 8 links, window titles, bell, a CR that overwrites a line), no bidi
// overrides that reorder what is shown, no line breaks where one line is expected. Each output family
// has its own function here; reporters call them where student text enters.
import type { GradeResult } from "../generated/result.js";

/**
 * Characters made visible: C0 controls (tab and newline are decided by the caller), DEL, C1 controls
 * (U+009B is a CSI on terminals that take 8-bit controls), bidi embeddings/overrides/isolates and marks,
 * line/paragraph separators, the non-characters U+FFFE/U+FFFF and lone surrogates (forbidden in XML).
 */
const UNSAFE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g;
const UNSAFE_LINE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g;

/** How one unsafe character is shown: `\r`, `\x1b`, `\u202e` (the notation of a Python string). */
function shown(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === "\r") return "\\r";
  if (ch === "\n") return "\\n";
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** Text that may span lines (stdout, a traceback): newlines and tabs stay, every other control is shown. */
export function visibleText(s: string): string {
  return s.replace(UNSAFE, shown);
}

/** One line (a folder or file name, a progress line): a newline is shown as `\n` too. */
export function visibleLine(s: string): string {
  return s.replace(UNSAFE_LINE, shown);
}

/** Fields of a result that name one thing and so must stay on one line. */
const ONE_LINE = new Set(["submission", "entry", "file", "exercise", "id", "replay", "from", "to", "preview"]);

function deep(value: unknown, key: string): unknown {
  if (typeof value === "string") return ONE_LINE.has(key) ? visibleLine(value) : visibleText(value);
  if (Array.isArray(value)) return value.map((v) => deep(v, key));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deep(v, k)]));
  return value;
}

/**
 * A copy of the result with every string made safe to print. Every string, not only the fields known to
 * carry student text today: the grader's own words contain no controls, so this changes nothing else, and
 * a field added later is covered without anyone remembering to.
 */
export function visibleResult(r: GradeResult): GradeResult {
  return deep(r, "") as GradeResult;
}

/**
 * JSON on a terminal: JSON.stringify already writes C0 controls as \u00XX; the others (C1, bidi, line
 * separators) are written the same way, which leaves the value unchanged for any JSON reader.
 */
export function jsonSafe(json: string): string {
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
