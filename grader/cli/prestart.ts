// Lets the launcher start work before the CLI's modules load, when the command line will grade a
// submission at once: asking `python3` which interpreter it is (a pyenv shim is slow), and a sandbox host.
// A guess from the raw arguments (yargs is not loaded yet): a wrong guess costs only a Python asked for
// nothing, or a host nobody takes, which dies with the process.
import { readFileSync } from "node:fs";
import path from "node:path";
import { lastOptionValue } from "./raw-args.js";
import { firstWord, isNamedCommand, NAMED_COMMANDS } from "./command-names.js";
import { exercisesDir } from "../core/paths.js";
import { startsProgramsAtOnce } from "../kinds/index.js";
import type { Kind } from "../kinds/types.js";
import { parseMinScore } from "./min-score.js";
import { probePython } from "../python/python-probe.js";

function validMinScore(text: string | undefined): boolean {
  try {
    return text !== undefined && parseMinScore(text) !== undefined;
  } catch {
    return false;
  }
}

/** Will this command line grade at once (in any sandbox)? */
export function gradesSoon(args: string[]): boolean {
  if (args.some((a) => a === "--help" || a === "-h" || a === "--version")) return false;
  const first = firstWord(args);
  if (isNamedCommand(first) && !NAMED_COMMANDS[first!].gradesAtOnce) return false;
  // A --min-score the CLI will refuse: it exits before grading, so no sandbox (nor its temp folder) is due.
  const minScore = lastOptionValue(args, "min-score");
  return !(args.some((a) => a === "--min-score" || a.startsWith("--min-score=")) && !validMinScore(minScore));
}

/** Will it grade at once in a sandbox (a host is worth starting)? */
export function gradesAtOnce(args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  return gradesSoon(args) && (lastOptionValue(args, "sandbox") ?? env.GRADER_SANDBOX ?? "auto") !== "none";
}

/** The kind of the exercise the command line names first, read from its exercise.json; undefined if none. */
function kindNamed(args: string[]): Kind | undefined {
  const id = firstWord(args);
  if (!id || !/^[\w-]+$/.test(id)) return undefined;
  try {
    return (JSON.parse(readFileSync(path.join(exercisesDir, id, "exercise.json"), "utf8")) as { kind?: Kind }).kind;
  } catch {
    return undefined;
  }
}

export async function prestartForCommandLine(args: string[]): Promise<void> {
  try {
    if (!gradesSoon(args)) return;
    // The host is the longer start (bwrap, then a Node inside): its module is asked for first, and loads
    // while Python is asked. Loaded only here: a command line that grades nothing (list) does not pay for it.
    const hostLaunch = gradesAtOnce(args) ? import("../sandbox/host-launch.js") : undefined;
    hostLaunch?.catch(() => {});
    // The same question the grading asks (resolvePython), answered once per run.
    const python = probePython(lastOptionValue(args, "python") ?? process.env.GRADER_PYTHON);
    if (!hostLaunch) return;
    // Its launcher thread, if the exercise needs one (the grading asks again, for an exercise not guessed here).
    const kind = kindNamed(args);
    (await hostLaunch).prestartHost(undefined, { launcherThread: kind !== undefined && startsProgramsAtOnce(kind) });
    // What the inner sandboxes mount of that Python (its libraries, from ldd), found while the CLI loads.
    const { librariesAhead } = await import("../sandbox/bwrap-args.js");
    void python.then((r) => ("info" in r ? librariesAhead(r.info) : undefined)).catch(() => {});
  } catch {
    // Only a head start: the grading starts its own sandbox and Python, and reports what goes wrong there.
  }
}
