// Part of `npm run build`, after tsc:
// - the processes the grader starts for every graded submission (the sandbox host, the probe agent) are
//   bundled into one file each: Node loads a bundle in ~20 ms, against ~85 ms for the same code as ~150
//   separate modules (mostly execa's), and that start is on the critical path of every sandboxed grading;
// - the CLI is bundled into one CommonJS file, dist/cli/grade.cjs, which bin/grade.js runs through V8's
//   code cache (grader/core/code-cache.ts): a grading no longer compiles ~1 MB of the CLI at every start.
//   The sandbox host is a CommonJS bundle too, and its cache is written here (seed-host-cache.mjs): inside
//   the sandbox nothing of the grader is writable;
// - the JSON Schemas are compiled into standalone validators (schemas-standalone.mjs), and the course's
//   exercises validated once (check-exercises.mjs).
// Without esbuild (installed without dev dependencies) the grader runs the files tsc wrote: the same code,
// slower to start.
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const entries = ["dist/grader/probe/agent.js"];

await import("./schemas-standalone.mjs");
await import("./check-exercises.mjs");

let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  process.stderr.write("udp-grader: esbuild is not installed; the CLI and the sandbox host run unbundled (slower to start).\n");
  process.exit(0);
}
const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
  // Bundled CommonJS dependencies (cross-spawn, which) call require() for Node's own modules.
  // Some name __filename/__dirname (write-file-atomic): the bundle's own file stands in.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __bundleFilename.replace(/[\\/][^\\/]*$/, '');",
  },
  define: { __filename: "__bundleFilename", __dirname: "__bundleDirname" },
  // Packages with native parts or files of their own read at run time stay in node_modules.
  external: ["@dodona/*", "tree-sitter", "tree-sitter-*", "puppeteer-core"],
};
for (const entry of entries) {
  // Beside the entry, so paths computed from import.meta.url stay the same.
  await esbuild.build({ ...common, entryPoints: [path.join(root, entry)], outfile: path.join(root, entry.replace(/\.js$/, ".bundle.js")) });
}
// CommonJS bundles run through vm.Script with a code cache: import.meta.url is the bundle's own file (each
// sits where paths computed from it come out the same), and the caches of an earlier build go. Such a script
// cannot import() (Node 20 loses the callback when the script comes from a cache): every import() becomes a
// require, and dolos-core, an ES module that require() cannot load in Node 20, is bundled too.
const commonJs = {
  ...common,
  format: "cjs",
  supported: { "dynamic-import": false },
  external: common.external.filter((e) => e !== "@dodona/*"),
  banner: { js: "const __bundleImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { "import.meta.url": "__bundleImportMetaUrl" },
};
const sandboxDir = path.join(root, "dist/grader/sandbox");
rmSync(path.join(sandboxDir, ".v8-cache"), { recursive: true, force: true });
rmSync(path.join(sandboxDir, "host.bundle.js"), { force: true });
await esbuild.build({ ...commonJs, entryPoints: [path.join(sandboxDir, "host.js")], outfile: path.join(sandboxDir, "host.bundle.cjs") });
// The CLI: its entry (the launcher's head start, then the commands) in one file.
const cliDir = path.join(root, "dist", "cli");
rmSync(cliDir, { recursive: true, force: true });
await esbuild.build({ ...commonJs, entryPoints: [path.join(root, "dist/grader/cli/bundle-entry.js")], outfile: path.join(cliDir, "grade.cjs") });
await import("./seed-host-cache.mjs");
