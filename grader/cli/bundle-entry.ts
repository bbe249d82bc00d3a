// The entry of the CLI's one-file bundle (scripts/bundle.mjs, run by bin/grade.js through its code cache):
// the launcher's head start, then the CLI itself. Without the bundle the launcher imports both modules.
export { prestartForCommandLine } from "./prestart.js";

/** Runs the CLI (main.ts parses the command line as it loads). */
export async function runCli(): Promise<void> {
  await import("./main.js");
}
