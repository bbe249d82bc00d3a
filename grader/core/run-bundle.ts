// `node run-bundle.js BUNDLE`: runs one of the grader's CommonJS bundles (the sandbox host) with its V8 code
// cache (code-cache.ts).
import { loadBundle } from "./code-cache.js";

const bundle = process.argv[2];
if (!bundle) {
  process.stderr.write("usage: node run-bundle.js BUNDLE\n");
  process.exit(2);
}
process.argv.splice(1, 1); // the bundle sees itself as the script, as `node BUNDLE` would show it
loadBundle(bundle, "run");
