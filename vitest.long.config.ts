import { defineConfig } from "vitest/config";

// The long sweeps (`npm run test:long`, also run by .ci/run): every reference and correct variant on many
// seeds, and the socket references again and again while every core is busy. Too long for `npm test`.
export default defineConfig({
  cacheDir: ".vitest-tmp/vite",
  test: {
    include: ["test/long/**/*.test.ts"],
    testTimeout: 1_800_000,
    hookTimeout: 60_000,
    maxWorkers: 1,
  },
});
