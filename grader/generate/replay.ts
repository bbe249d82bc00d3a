// The command that replays a generated case: the same seed draws the same inputs, and --only keeps the
// output to the one check. The folder is quoted for a POSIX shell (student folder names can be anything):
// plain names as they are, others in single quotes, and names with control characters as $'...' with
// \xNN escapes, so the line can be pasted back and never carries a raw control character to a terminal.
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  if (!/[\x00-\x1f\x7f]/.test(s)) return `'${s.replace(/'/g, `'\\''`)}'`;
  return `$'${s.replace(/[\\'\x00-\x1f\x7f]/g, (ch) => (ch === "\\" || ch === "'" ? "\\" + ch : "\\x" + ch.charCodeAt(0).toString(16).padStart(2, "0")))}'`;
}

export function replayCommand(exerciseId: string, submission: string, seed: number, checkId: string): string {
  return `grade ${exerciseId} ${shellQuote(submission)} --seed ${seed} --only ${checkId}`;
}
