// The command that replays a generated case: the same seed draws the same inputs, and --only keeps the
// output to the one check. The folder is quoted for a POSIX shell (student folder names can be anything).
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function replayCommand(exerciseId: string, submission: string, seed: number, checkId: string): string {
  return `grade ${exerciseId} ${shellQuote(submission)} --seed ${seed} --only ${checkId}`;
}
