// Short tails of what a student's program printed, for feedback (every kind uses it).

/**
 * The end of a program's output, at most about `chars` characters. A Python traceback that runs deep into
 * the standard library would lose the student's own line to the cut: the innermost frame outside Python's
 * own files (and the source line under it) is kept, above the tail.
 */
export function tailOf(text: string, chars = 600): string {
  const s = text.trimEnd();
  if (s.length <= chars) return s;
  const cut = s.length - chars;
  const tail = s.slice(cut);
  const frames = [...s.matchAll(/^ *File "([^"]*)", line \d+.*(?:\n(?! *File ")[^\n]*)?/gm)].filter((m) => !isPythonsOwn(m[1]));
  const own = frames.at(-1);
  if (!own || own.index! + own[0].length > cut) return "…" + tail;
  const keep = own[0];
  return "…\n" + keep + "\n…" + s.slice(Math.min(s.length, cut + keep.length + 3));
}

/** A file of Python itself (the standard library, a frozen module), not the student's. */
const isPythonsOwn = (file: string) => /[\\/]lib[\\/]python\d|^<frozen |^<string>$|[\\/]site-packages[\\/]|[\\/]Lib[\\/]/.test(file);
