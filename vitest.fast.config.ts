import { defineConfig } from "vitest/config";

// `npm run test:fast`: the unit tests of the pure parts (test/unit/: schemas and plain-word errors, Python
// values, scoring, the case languages and templates, exercise data, shards), which start no Python, no
// grading and no build. A test that grades through the CLI belongs in test/, not test/unit/.
export default defineConfig({
  cacheDir: ".vitest-tmp/vite",
  test: {
    include: ["test/unit/**/*.test.ts"],
    testTimeout: 30_000,
    // No Python for these tests: a unit test that starts one fails instead of slowly passing.
    env: { GRADER_PYTHON: "/nonexistent/python-is-not-for-unit-tests" },
  },
});
