// The command that replays a generated case: the same seed draws the same inputs, and --only keeps the
// output to the one check. The folder is quoted for a POSIX shell (student folder names can be anything):
// plain names as they are, others in single quotes, and names with control characters as $'...' with
// \xNN escapes (\uXXXX for C1 controls and the bidi overrides that reorder what a terminal shows), so the
// line can be pasted back and never carries a raw control character to a terminal.
const CONTROL = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/;

export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  if (!CONTROL.test(s)) return `'${s.replace(/'/g, `'\\''`)}'`;
  const escaped = (ch: string) => {
    const code = ch.charCodeAt(0);
    if (ch === "\\" || ch === "'") return "\\" + ch;
    return code < 0x80 ? "\\x" + code.toString(16).padStart(2, "0") : "\\u" + code.toString(16).padStart(4, "0");
  };
  return `$'${s.replace(new RegExp(`[\\\\']|${CONTROL.source}`, "g"), escaped)}'`;
}

export function replayCommand(exerciseId: string, submission: string, seed: number, checkId: string): string {
  return `grade ${exerciseId} ${shellQuote(submission)} --seed ${seed} --only ${checkId}`;
}
