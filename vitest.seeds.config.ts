import { defineConfig } from "vitest/config";

// The long sweeps (`npm run test:seeds`, also run by .ci/run): every reference and correct variant on many
// seeds, also while every core is busy. Too long for `npm test`, which runs a few seeds of each.
export default defineConfig({
  test: {
    include: ["test/seeds/**/*.test.ts"],
    testTimeout: 1_800_000,
    hookTimeout: 60_000,
    maxWorkers: 1,
  },
});
