import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/long/**", "**/node_modules/**"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Test files grade real Python programs over real sockets, and about half of their time is waiting on
    // sockets and timers: three files at a time keep a 2-core machine busy without starving it.
    maxWorkers: 3,
    // GitHub's workflow parser imports a JSON file without an import attribute: let Vite load it.
    server: { deps: { inline: ["@actions/workflow-parser"] } },
  },
});
