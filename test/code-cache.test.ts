// The V8 code caches of the grader's bundles (grader/core/code-cache.ts): a bundle runs the same with a cache,
// without one, with a refused or damaged one, and where none can be written; a rebuilt bundle never meets
// the cache of the old one; the cache is kept beside the bundle, never elsewhere. And the real ones: the
// CLI's grading writes and then uses its cache; the build wrote the sandbox host's, and V8 takes it.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bwrapProblem } from "../grader/sandbox/bwrap-session.js";
import { grade, root } from "./helpers/cli.js";

const loader = path.join(root, "dist/grader/core/code-cache.js");
const base = mkdtempSync(path.join(tmpdir(), "code-cache-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A CommonJS bundle that uses require, module.exports and __filename, as the CLI's does. */
const BUNDLE = `
const path = require("node:path");
module.exports.name = path.basename(__filename);
module.exports.answer = async () => require("node:os").EOL === "\\n" ? 42 : 0;
`;

/** Loads `bundle` in a fresh Node (as the launcher does) and prints what happened. */
function load(bundle: string, variant = "test", exitCode = 0): { cache: string; name: string; answer: number; status: number | null; stderr: string } {
  const script = `
    const { loadBundle } = await import(${JSON.stringify(loader)});
    const b = loadBundle(${JSON.stringify(bundle)}, ${JSON.stringify(variant)}, (code) => code !== 2);
    console.log(JSON.stringify({ cache: b.cache, name: b.exports.name, answer: await b.exports.answer() }));
    process.exitCode = ${exitCode};`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  return { ...JSON.parse(r.stdout), status: r.status, stderr: r.stderr };
}

const cacheFiles = (dir: string) => (existsSync(path.join(dir, ".v8-cache")) ? readdirSync(path.join(dir, ".v8-cache")) : []);

describe("a bundle with its code cache", () => {
  it("runs the same without a cache, writes one, and then uses it", () => {
    const dir = mkdtempSync(path.join(base, "b-"));
    const bundle = path.join(dir, "b.cjs");
    writeFileSync(bundle, BUNDLE);
    expect(load(bundle)).toEqual({ cache: "none", name: "b.cjs", answer: 42, status: 0, stderr: "" });
    expect(cacheFiles(dir)).toHaveLength(1);
    expect(cacheFiles(dir)[0]).toMatch(/^b\.cjs\.test\.[0-9a-f]{16}\.bin$/);
    expect(load(bundle)).toEqual({ cache: "used", name: "b.cjs", answer: 42, status: 0, stderr: "" });
    // Each variant has its own.
    expect(load(bundle, "other").cache).toBe("none");
    expect(cacheFiles(dir)).toHaveLength(2);
  });

  it("a rebuilt bundle does not meet the old cache", () => {
    const dir = mkdtempSync(path.join(base, "b-"));
    const bundle = path.join(dir, "b.cjs");
    writeFileSync(bundle, BUNDLE);
    load(bundle);
    // Same length, other code, same time: a new cache, not the old one's compiled functions.
    const { mtime } = statSync(bundle);
    writeFileSync(bundle, BUNDLE.replace("42", "43"));
    utimesSync(bundle, mtime, mtime);
    expect(load(bundle)).toEqual({ cache: "none", name: "b.cjs", answer: 43, status: 0, stderr: "" });
    expect(load(bundle).answer).toBe(43);
  });

  it("a damaged cache is refused by V8, the bundle still runs, and the cache is written again", () => {
    const dir = mkdtempSync(path.join(base, "b-"));
    const bundle = path.join(dir, "b.cjs");
    writeFileSync(bundle, BUNDLE);
    load(bundle);
    const file = path.join(dir, ".v8-cache", cacheFiles(dir)[0]);
    writeFileSync(file, Buffer.from("not a V8 code cache, just bytes of the right kind of length ".repeat(20)));
    expect(load(bundle)).toEqual({ cache: "refused", name: "b.cjs", answer: 42, status: 0, stderr: "" });
    expect(load(bundle).cache).toBe("used");
  });

  it("where no cache can be written, the bundle runs without one", () => {
    const dir = mkdtempSync(path.join(base, "b-"));
    const bundle = path.join(dir, "b.cjs");
    writeFileSync(bundle, BUNDLE);
    writeFileSync(path.join(dir, ".v8-cache"), "a file where the cache folder would go");
    expect(load(bundle)).toEqual({ cache: "none", name: "b.cjs", answer: 42, status: 0, stderr: "" });
    expect(load(bundle).cache).toBe("none");
    expect(readdirSync(dir).sort()).toEqual([".v8-cache", "b.cjs"]);
  });

  it("a run that ends with exit code 2 writes none", () => {
    const dir = mkdtempSync(path.join(base, "b-"));
    const bundle = path.join(dir, "b.cjs");
    writeFileSync(bundle, BUNDLE);
    expect(load(bundle, "test", 2)).toMatchObject({ cache: "none", status: 2, stderr: "" });
    expect(cacheFiles(dir)).toEqual([]);
  });
});

describe("the grader's own caches", () => {
  const cliCache = path.join(root, "dist/cli/.v8-cache");
  it("a grading writes the CLI's cache for its exercise beside the bundle, and the next one uses it", async () => {
    // GRADER_TRACE prints whether the cache was used; a first run may find it written by another test already.
    const first = await grade(["exercise-02", path.join(root, "solutions/exercise-02"), "--sandbox", "none"], { env: { GRADER_TRACE: "1" } });
    expect(first.exitCode).toBe(0);
    expect(readdirSync(cliCache).some((f) => /^grade\.cjs\.grade-exercise-02\.[0-9a-f]{16}\.bin$/.test(f))).toBe(true);
    const second = await grade(["exercise-02", path.join(root, "solutions/exercise-02"), "--sandbox", "none"], { env: { GRADER_TRACE: "1" } });
    expect(second.exitCode).toBe(0);
    expect(second.stderr).toMatch(/code cache grade-exercise-02: used/);
    expect(readdirSync(cliCache).every((f) => f.endsWith(".bin") || f.endsWith(".tmp"))).toBe(true);
  });

  it("the build wrote the sandbox host's cache, and V8 takes it", async () => {
    if (await bwrapProblem()) return; // no sandbox here, no host to cache (the build says so)
    const bundle = path.join(root, "dist/grader/sandbox/host.bundle.cjs");
    const files = readdirSync(path.join(path.dirname(bundle), ".v8-cache")).filter((f) => /^host\.bundle\.cjs\.run\.[0-9a-f]{16}\.bin$/.test(f));
    expect(files).toHaveLength(1);
    const check = `
      const vm = require("node:vm"), fs = require("node:fs"), Module = require("node:module");
      const s = new vm.Script(Module.wrap(fs.readFileSync(${JSON.stringify(bundle)}, "utf8")), { filename: ${JSON.stringify(bundle)}, cachedData: fs.readFileSync(${JSON.stringify(path.join(path.dirname(bundle), ".v8-cache", files[0]))}) });
      console.log(s.cachedDataRejected ? "refused" : "taken");`;
    expect(execFileSync(process.execPath, ["-e", check], { encoding: "utf8" }).trim()).toBe("taken");
  });
});
