#!/usr/bin/env node
// Thin launcher: the CLI is TypeScript compiled to dist/ by `npm install` (prepare) or `npm run build`, and
// bundled into dist/cli/grade.cjs when esbuild is there (else the files tsc wrote run).
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
// A batch grades a class in one process for minutes: with a young generation of 2 MB (instead of up to 16)
// and an old one that grows in steps of 10 % (instead of 2×), its peak memory is about half (100 ×
// exercise-01: 155 → 89 MB) at the same speed. Node reads those flags only as it starts, so a batch runs in
// a second Node started with them (~60 ms, once per batch). Any argument "batch" counts (a folder of that
// name only costs that start).
const BATCH_FLAGS = ["--max-semi-space-size=2", "--heap-growing-percent=10"];
if (args.length === 1 && args[0] === "--version") {
  // Needs nothing of the CLI: answered before any of it loads (a bare Node start, ~40 ms less). The grader's
  // own package.json, as the CLI's --version reads it, never the one nearest the working folder.
  process.stdout.write(`${JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version}\n`);
} else if (args.includes("batch") && !process.execArgv.includes(BATCH_FLAGS[0])) {
  runWithFlags(BATCH_FLAGS);
} else {
  await run();
}

function runWithFlags(flags) {
  const child = spawn(process.execPath, [...process.execArgv, ...flags, fileURLToPath(import.meta.url), ...args], { stdio: "inherit" });
  // Ctrl-C reaches both processes (one group); a signal sent to this one alone is passed on. The batch
  // exits on the first SIGINT, so one that arrives twice changes nothing.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("error", (e) => {
    process.stderr.write(`grade: could not start Node for the batch: ${e.message}\n`);
    process.exit(2);
  });
  child.on("exit", (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 2);
  });
}

async function run() {
  const exists = (url) => existsSync(fileURLToPath(url));
  // The one-file bundle (scripts/bundle.mjs), run with its V8 code cache (dist/grader/core/code-cache.js);
  // else the modules tsc wrote.
  const bundle = new URL("../dist/cli/grade.cjs", import.meta.url);
  if (exists(bundle)) {
    const { loadBundle } = await import(new URL("../dist/grader/core/code-cache.js", import.meta.url).href);
    const names = await import(new URL("../dist/grader/cli/command-names.js", import.meta.url).href);
    // A run that stopped with exit code 2 (a usage error, no grading) does not write the cache.
    const cli = loadBundle(fileURLToPath(bundle), cacheVariant(args, names), (code) => code !== 2).exports;
    // The sandbox host starts (on another core) while the CLI parses and loads the exercise.
    await cli.prestartForCommandLine(args);
    await cli.runCli();
    return;
  }
  const entry = new URL("../dist/grader/cli/main.js", import.meta.url);
  if (!exists(entry)) {
    process.stderr.write("grade: the grader is not built yet; run `npm install` (or `npm run build`) in the udp-grader folder first.\n");
    process.exit(2);
  }
  await (await import(new URL("../dist/grader/cli/prestart.js", import.meta.url).href)).prestartForCommandLine(args);
  await import(entry.href);
}

/**
 * Which code cache a command line uses: a cache holds what the run that wrote it compiled, and a grading of
 * each exercise (its kind's driver), a batch and the other commands run different parts of the CLI. An
 * exercise has its own cache only where the course has a folder of that name (a mistyped one shares "grade").
 * `names`: dist/grader/cli/command-names.js (the commands, one list for the launcher and the CLI).
 */
function cacheVariant(argv, names) {
  if (argv.includes("--help") || argv.includes("-h")) return "help";
  const first = names.firstWord(argv);
  // A named command has its own cache, but `all` grades exercises as a grading does.
  if (names.isNamedCommand(first) && first !== "all") return first;
  const exercises = process.env.GRADER_EXERCISES ?? fileURLToPath(new URL("../exercises", import.meta.url));
  return first && /^[A-Za-z0-9_-]{1,40}$/.test(first) && existsSync(`${exercises}/${first}/exercise.json`) ? `grade-${first}` : "grade";
}
