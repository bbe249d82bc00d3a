// The CLI's named commands, read from the raw command line before yargs (or the CLI's bundle) loads: by the
// launcher (bin/grade.js), to pick the code cache a run uses, and by the head start (prestart.ts), to guess
// whether a sandbox host is worth starting ahead. No imports: the launcher loads this before anything else.
// A test checks these names against the commands `grade --help` lists.

/** Each named command (the first word that is not an option), and whether it grades a submission at once. */
export const NAMED_COMMANDS: Readonly<Record<string, { gradesAtOnce: boolean }>> = {
  list: { gradesAtOnce: false },
  // Every exercise, one after the other, in this process: a grading of one exercise at a time.
  all: { gradesAtOnce: true },
  init: { gradesAtOnce: false },
  // Grades in a second Node (bin/grade.js says why), which starts its own hosts.
  batch: { gradesAtOnce: false },
  merge: { gradesAtOnce: false },
  // Grades when Gradescope runs it with --submission; writing the package (the teacher's use) does not.
  gradescope: { gradesAtOnce: true },
  gradebook: { gradesAtOnce: false },
  // yargs' own: the shell completion script, and `grade help`.
  completion: { gradesAtOnce: false },
  help: { gradesAtOnce: false },
};

/** The command a raw command line names: its first word that is not an option (an exercise id if none of the above). */
export function firstWord(args: readonly string[]): string | undefined {
  return args.find((a) => !a.startsWith("-"));
}

/** Does the command line name one of the commands above (not an exercise to grade)? */
export const isNamedCommand = (word: string | undefined): boolean => word !== undefined && Object.hasOwn(NAMED_COMMANDS, word);
