// Part of `npm run build`: bundles the processes the grader starts for every graded submission (the
// sandbox host, the probe agent) into one file each. Node loads a bundle in ~20 ms, against ~85 ms for
// the same code as ~150 separate modules (mostly execa's), and that start is on the critical path of
// every sandboxed grading. Without esbuild (installed without dev dependencies) the grader uses the
// unbundled files: the same code, a little slower to start.
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const entries = ["dist/grader/sandbox/host.js", "dist/grader/probe/agent.js"];

let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  process.stderr.write("udp-grader: esbuild is not installed; the sandbox host runs unbundled (slower to start).\n");
  process.exit(0);
}
for (const entry of entries) {
  await esbuild.build({
    entryPoints: [path.join(root, entry)],
    // Beside the entry, so paths computed from import.meta.url stay the same.
    outfile: path.join(root, entry.replace(/\.js$/, ".bundle.js")),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    // Bundled CommonJS dependencies (cross-spawn, which) call require() for Node's own modules.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
}
