// V8 code caches for the grader's own CommonJS bundles (the CLI, the sandbox host). Node 20
// keeps no compiled code between runs (Node 22's compile cache is not there), so every start compiled the
// CLI's bundle again (~100 ms of CPU in a grading) and the sandbox host's (~25 ms, on every sandboxed
// grading's path). A CommonJS bundle run through vm.Script takes V8's cached data instead: the functions an
// earlier run compiled, which V8 itself refuses when its version or flags differ.
//
// The cache lives beside the bundle, in `.v8-cache/` (never in a shared /tmp, where another user could plant
// one: cached data is code), and is named after a hash of the bundle's text (~1 ms), so a rebuilt bundle
// never meets an old cache (V8's own check compares only the text's length). It is written at exit by the
// first run that found none (or had it refused), where that folder is writable; elsewhere (an install others
// own) the bundle is compiled as before.
// Node's own modules only: the launcher loads this before anything else.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";

/** The folder of a bundle's caches. */
export const cacheDirOf = (bundle: string) => path.join(path.dirname(bundle), ".v8-cache");

/**
 * Is `file` one of the code caches or inside their folder? A copy of the built grader leaves them out: they
 * belong to this machine's Node, and a grading running beside the copy may be renaming one into place.
 */
export const inCodeCache = (file: string) => file.split(/[\\/]/).includes(".v8-cache");

/** Which cache a run reads and writes: `variant` separates runs that compile different parts (a grading, a batch, --help). */
export function cacheFileOf(bundle: string, source: string, variant: string): string {
  const hash = createHash("sha256").update(source).digest("hex").slice(0, 16);
  return path.join(cacheDirOf(bundle), `${path.basename(bundle)}.${variant}.${hash}.bin`);
}

/** What happened to the cache in this run (for the tests and GRADER_TRACE). */
export type CacheUse = "used" | "none" | "refused";

export interface LoadedBundle {
  exports: Record<string, unknown>;
  cache: CacheUse;
}

/**
 * Runs the CommonJS bundle `bundle` (as `require` would) with its code cache; returns its exports. The
 * bundle must not import(): a script compiled from a cache loses its dynamic-import callback in Node 20
 * (the build turns every import() into a require).
 * `writeIf`: whether a run that ended with this exit code writes the cache (a run that stopped on a usage
 * error compiled too little of what its variant runs to be worth keeping).
 */
export function loadBundle(bundle: string, variant: string, writeIf: (exitCode: number) => boolean = () => true): LoadedBundle {
  const requireHere = createRequire(bundle);
  const source = readFileSync(bundle, "utf8");
  const cacheFile = cacheFileOf(bundle, source, variant);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // none yet
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const cache: CacheUse = !cachedData ? "none" : script.cachedDataRejected ? "refused" : "used";
  if (process.env.GRADER_TRACE) process.stderr.write(`[trace] code cache ${variant}: ${cache}\n`);
  // At exit the script holds everything this run compiled: a cache of the parts it actually ran.
  if (cache !== "used") process.once("exit", (code) => writeIf(code) && writeCache(cacheFile, () => script.createCachedData()));
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...a: unknown[]) => void).call(module.exports, module.exports, requireHere, module, bundle, path.dirname(bundle));
  return { exports: module.exports, cache };
}

/** Writes a cache whole or not at all (gradings run side by side write the same file). Best effort. */
function writeCache(file: string, data: () => Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, data());
    renameSync(temp, file);
  } catch {
    // not writable here (an install others own, the sandbox's read-only view): compiled again next time
    try {
      rmSync(temp, { force: true });
    } catch {
      // there was no folder to write it in
    }
  }
}
