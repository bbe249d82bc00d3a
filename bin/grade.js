#!/usr/bin/env node
// Thin launcher: the CLI is TypeScript compiled to dist/ by `npm install` (prepare) or `npm run build`, and
// bundled into dist/cli/ when esbuild is there (else the files tsc wrote run).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const exists = (url) => existsSync(fileURLToPath(url));
const bundled = new URL("../dist/cli/main.js", import.meta.url);
const dir = exists(bundled) ? "../dist/cli/" : "../dist/grader/cli/";
const entry = new URL(`${dir}main.js`, import.meta.url);
if (!exists(entry)) {
  process.stderr.write("grade: the grader is not built yet; run `npm install` (or `npm run build`) in the udp-grader folder first.\n");
  process.exit(2);
}
// The sandbox host starts (on another core) while the CLI's own modules load.
await (await import(new URL(`${dir}prestart.js`, import.meta.url).href)).prestartForCommandLine(process.argv.slice(2));
await import(entry.href);
