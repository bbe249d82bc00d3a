import { defineConfig } from "vitest/config";

export default defineConfig({
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
