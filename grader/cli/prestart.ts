// Lets the launcher start a sandbox host before the CLI's modules load, when the command line will grade a
// submission at once. A guess from the raw arguments (yargs is not loaded yet): a wrong guess costs only
// a host nobody takes, which dies with the process.
import { lastOptionValue } from "./raw-args.js";
import { parseMinScore } from "./min-score.js";

function validMinScore(text: string | undefined): boolean {
  try {
    return text !== undefined && parseMinScore(text) !== undefined;
  } catch {
    return false;
  }
}

const NOT_GRADING = new Set(["list", "init", "batch", "merge", "completion", "help"]);

export function gradesAtOnce(args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  if (args.some((a) => a === "--help" || a === "-h" || a === "--version")) return false;
  const first = args.find((a) => !a.startsWith("-"));
  if (first !== undefined && NOT_GRADING.has(first)) return false;
  // A --min-score the CLI will refuse: it exits before grading, so no sandbox (nor its temp folder) is due.
  const minScore = lastOptionValue(args, "min-score");
  if (args.some((a) => a === "--min-score" || a.startsWith("--min-score=")) && !validMinScore(minScore)) return false;
  return (lastOptionValue(args, "sandbox") ?? env.GRADER_SANDBOX ?? "auto") !== "none";
}

export async function prestartForCommandLine(args: string[]): Promise<void> {
  try {
    // Loaded only here: a command line that grades nothing (--version, list) does not pay for it.
    if (gradesAtOnce(args)) (await import("../sandbox/host-launch.js")).prestartHost();
  } catch {
    // Only a head start: the grading starts its own sandbox, and reports what goes wrong there.
  }
}
