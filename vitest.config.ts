import { defineConfig } from "vitest/config";

export default defineConfig({
  // Vite's cache outside node_modules: a test run that writes into node_modules makes npm's record of the
  // installed tree (node_modules/.package-lock.json) look stale, and every `npx grade` then re-reads the
  // whole tree (~0.5 s). The scripts also load this file with --configLoader runner, which writes no
  // temporary copy of it into node_modules/.vite-temp.
  cacheDir: ".vitest-tmp/vite",
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/long/**", "**/node_modules/**"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Test files grade real Python programs over real sockets; two at a time suits a 2-core machine (three
    // were no faster, and made client cases miss their reply windows).
    maxWorkers: 2,
    // GitHub's workflow parser imports a JSON file without an import attribute: let Vite load it.
    server: { deps: { inline: ["@actions/workflow-parser"] } },
  },
});
