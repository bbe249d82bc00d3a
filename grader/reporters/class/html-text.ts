// Text from a student (output, exception text, file and folder names) put into an HTML page. Escaping
// `<&>"'` is not enough: HTML forbids control characters, noncharacters and lone surrogates, and a page
// holding them is invalid (a validator reports every one; a browser shows nothing or garbage). Each is
// replaced by something visible, so the teacher sees that the student printed it.

/** A visible stand-in for a character HTML does not allow in text. */
function visible(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code < 0x20) return String.fromCodePoint(0x2400 + code); // ␀ … ␟ (Unicode's control pictures)
  if (code === 0x7f) return "\u2421"; // ␡
  const hex = code.toString(16).toUpperCase().padStart(4, "0");
  return code <= 0x9f ? `\\x${hex.slice(2)}` : `\\u${hex}`; // C1 controls, noncharacters, lone surrogates
}

// Tab, newline and carriage return are allowed; every other C0 control, DEL, the C1 controls, the
// noncharacters (U+FDD0-FDEF and the last two code points of every plane) and lone surrogates are not.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Student text made safe for an HTML page: forbidden characters shown, markup characters escaped. */
export function escapeHtml(s: string): string {
  return s.replace(FORBIDDEN, visible).replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

/** The same replacement for text that is not HTML (Markdown feedback): no character there may hide. */
export function visibleText(s: string): string {
  return s.replace(FORBIDDEN, visible);
}
