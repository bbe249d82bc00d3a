// Part of `npm run build`, after tsc:
// - the processes the grader starts for every graded submission (the sandbox host, the probe agent) are
//   bundled into one file each: Node loads a bundle in ~20 ms, against ~85 ms for the same code as ~150
//   separate modules (mostly execa's), and that start is on the critical path of every sandboxed grading;
// - the CLI is bundled into dist/cli/ (bin/grade.js runs it): its entry holds only the argument parsing,
//   and each command's work is a chunk loaded once the command is chosen, so `grade --version` starts
//   about as fast as Node itself;
// - the JSON Schemas are compiled into standalone validators (schemas-standalone.mjs), and the course's
//   exercises validated once (check-exercises.mjs).
// Without esbuild (installed without dev dependencies) the grader runs the files tsc wrote: the same code,
// slower to start.
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const entries = ["dist/grader/sandbox/host.js", "dist/grader/probe/agent.js"];

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
// The CLI: its entry and the launcher's prestart, with the commands' code split into chunks loaded on demand.
const cliDir = path.join(root, "dist", "cli");
rmSync(cliDir, { recursive: true, force: true });
await esbuild.build({
  ...common,
  entryPoints: { main: path.join(root, "dist/grader/cli/main.js"), prestart: path.join(root, "dist/grader/cli/prestart.js") },
  outdir: cliDir,
  splitting: true,
  chunkNames: "chunk-[hash]",
});
