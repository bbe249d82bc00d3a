#!/usr/bin/env node
// Thin launcher: the CLI is TypeScript compiled to dist/ by `npm install` (prepare) or `npm run build`.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = new URL("../dist/grader/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write("grade: the grader is not built yet; run `npm install` (or `npm run build`) in the udp-grader folder first.\n");
  process.exit(2);
}
// The sandbox host starts (on another core) while the CLI's own modules load, ~0.2 s on this one.
(await import(new URL("../dist/grader/cli/prestart.js", import.meta.url).href)).prestartForCommandLine(process.argv.slice(2));
await import(entry.href);
