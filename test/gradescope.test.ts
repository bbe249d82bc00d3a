// `grade gradescope … --out autograder.zip`: the package Gradescope runs. The zip is unpacked into a temp
// folder standing for /autograder (AUTOGRADER_ROOT), its run_autograder grades a submission there end to
// end, and results.json is checked field by field against Gradescope's specification.
import { execa } from "execa";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdir, readFile, stat, symlink } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grade, gradeJson, root } from "./helpers/cli.js";
import { fixturesDir, removeTemps, tempDir } from "./helpers/fixtures.js";

// The grader writes the zip itself (yazl); the test opens it with Info-ZIP's unzip, as Gradescope would.
const haveZip = ["unzip"].every((cmd) => ["/usr/bin", "/bin", "/usr/local/bin"].some((d) => existsSync(path.join(d, cmd))));
const privateDir = path.join(fixturesDir, "private");
let zipFile = "";

beforeAll(async () => {
  if (!haveZip) {
    console.warn("\nNOTICE: unzip is not installed: the Gradescope package was not opened (apt-get install unzip).\n");
    if (process.env.CI) throw new Error("CI must build the Gradescope package (see .ci/run)");
    return;
  }
  zipFile = path.join(await tempDir("gs-"), "autograder.zip");
  const r = await grade(["gradescope", "exercise-01", "exercise-02", "--out", zipFile, "--private", privateDir, "--lang", "en"]);
  expect(r.exitCode, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/wrote .*autograder\.zip/);
}, 120_000);
afterAll(removeTemps);

/** An /autograder folder as Gradescope lays it out: source/ (the zip, after setup.sh) and submission/. */
async function autograderRoot(files: Record<string, string>): Promise<string> {
  const dir = await tempDir("gs-root-");
  await execa("unzip", ["-q", zipFile, "-d", path.join(dir, "source")]);
  // What setup.sh's `npm ci --omit=dev` installs (no network in tests): the project's own dependencies.
  await symlink(path.join(root, "node_modules"), path.join(dir, "source", "grader", "node_modules"));
  await mkdir(path.join(dir, "submission"));
  for (const [name, from] of Object.entries(files)) await cp(from, path.join(dir, "submission", name));
  return dir;
}

async function runAutograder(dir: string): Promise<{ exitCode: number; stdout: string; results: any }> {
  const run = await execa("bash", [path.join(dir, "source", "run_autograder")], { env: { AUTOGRADER_ROOT: dir }, reject: false, timeout: 180_000 });
  const results = JSON.parse(await readFile(path.join(dir, "results", "results.json"), "utf8"));
  return { exitCode: run.exitCode ?? -1, stdout: String(run.stdout), results };
}

const checks = (id: string) => JSON.parse(readFileSync(path.join(root, "exercises", id, "exercise.json"), "utf8")).checks as { id: string; points: number }[];

describe.skipIf(!haveZip)("grade gradescope", () => {
  it("puts setup.sh and run_autograder at the zip's root, executable, with the grader beside them", async () => {
    const dir = await tempDir("gs-unzip-");
    await execa("unzip", ["-q", zipFile, "-d", dir]);
    for (const script of ["setup.sh", "run_autograder"]) {
      expect((await stat(path.join(dir, script))).mode & 0o111, script).toBe(0o111);
      expect((await execa("bash", ["-n", path.join(dir, script)], { reject: false })).exitCode, `${script} parses`).toBe(0);
    }
    const setup = await readFile(path.join(dir, "setup.sh"), "utf8");
    expect(setup).toMatch(/apt-get install .*python3 bubblewrap/);
    expect(setup).toMatch(/setup_20\.x/);
    expect(setup).toMatch(/npm ci --omit=dev/);
    for (const f of ["grader/bin/grade.js", "grader/dist/grader/cli/main.js", "grader/exercises/exercise-01/cases.json", "grader/solutions/exercise-02/ports.py", "grader/package-lock.json", "private/exercise-01/exercise.json"]) {
      expect(existsSync(path.join(dir, f)), f).toBe(true);
    }
    expect(existsSync(path.join(dir, "grader/exercises/exercise-03")), "only the package's exercises").toBe(false);
    // The build's code caches belong to this machine's Node (grader/core/code-cache.ts).
    expect(existsSync(path.join(dir, "grader/dist/grader/sandbox/.v8-cache")), "no code cache in the package").toBe(false);
  });

  it("run_autograder grades /autograder/submission and writes results.json to Gradescope's specification", { timeout: 240_000 }, async () => {
    const dir = await autograderRoot({ "ip_classify.py": path.join(fixturesDir, "exercise-01", "accepts-256", "ip_classify.py") });
    const { exitCode, results } = await runAutograder(dir);
    expect(exitCode).toBe(0);
    // Top level: the fields the specification names, of the right types.
    expect(Object.keys(results).sort()).toEqual(["execution_time", "output", "output_format", "score", "stdout_visibility", "test_output_format", "tests"]);
    expect(typeof results.execution_time).toBe("number");
    expect(results.output_format).toBe("text");
    expect(results.test_output_format).toBe("text");
    expect(results.stdout_visibility).toBe("hidden");
    expect(results.output).toMatch(/^exercise-01 · Classify IPv4 addresses: [\d.]+\/112/);
    expect(results.output).toMatch(/exercise-02 .*: 0\/100 \(0 %\)\nNo ports\.py found/);
    // Tests: every check of both exercises (the private folder's included), in order.
    const expected = [...checks("exercise-01").map((c) => `exercise-01:${c.id}`), "exercise-01:teacher-extra", ...checks("exercise-02").map((c) => `exercise-02:${c.id}`)];
    expect(results.tests.map((t: { tags: string[] }) => t.tags.join(":"))).toEqual(expected);
    for (const test of results.tests) {
      expect(Object.keys(test).sort()).toEqual(["max_score", "name", "number", "output", "output_format", "score", "status", "tags", "visibility"]);
      expect(["passed", "failed"]).toContain(test.status);
      expect(test.status === "passed").toBe(test.score === test.max_score);
      expect(test.score).toBeGreaterThanOrEqual(0);
      expect(test.score).toBeLessThanOrEqual(test.max_score);
      expect(test.output_format).toBe("text");
      expect(typeof test.output).toBe("string");
      expect(test.name).toMatch(/^exercise-0[12]: \S/);
    }
    // Visibility per test, from the check (the private folder hides one and moves another after the due date).
    const byTag = (tag: string) => results.tests.find((t: { tags: string[] }) => t.tags.join(":") === tag);
    expect(byTag("exercise-01:teacher-extra").visibility).toBe("hidden");
    expect(byTag("exercise-01:teacher-extra").output).not.toMatch(/MARKER-q7z/);
    expect(byTag("exercise-01:network-host-null-for-d-e").visibility).toBe("after_due_date");
    expect(byTag("exercise-01:octet-range").visibility).toBe("visible");
    expect(byTag("exercise-01:octet-range").status).toBe("failed");
    expect(byTag("exercise-01:octet-range").output).toMatch(/256/);
    // Scores add up: the tests' to the top-level score, the maxima to the assignment's total (100 + 12 from the private
    // folder: a 10-point hidden check, leading-zeros raised from 7 to 9; exercise-02: 100).
    const sum = results.tests.reduce((a: number, t: { score: number }) => a + t.score, 0);
    expect(Math.abs(sum - results.score)).toBeLessThan(0.005);
    expect(results.tests.reduce((a: number, t: { max_score: number }) => a + t.max_score, 0)).toBe(212);
    expect(JSON.stringify(results)).not.toMatch(/MARKER-q7z/);
    // The same score as grading the folder directly.
    const direct = await gradeJson("exercise-01", path.join(dir, "submission"), ["--private", privateDir]);
    expect(byTag("exercise-01:octet-range").score).toBe(direct.result.tests.find((t) => t.id === "octet-range")!.score);
    expect(results.output).toContain(`${direct.result.score}/112`);
  });

  it("a submission with nothing in it is a graded zero for every test, not a failed run", { timeout: 120_000 }, async () => {
    const dir = await autograderRoot({});
    const { exitCode, results } = await runAutograder(dir);
    expect(exitCode).toBe(0);
    expect(results.score).toBe(0);
    expect(results.tests.every((t: { status: string; score: number }) => t.status === "failed" && t.score === 0)).toBe(true);
    expect(results.tests.reduce((a: number, t: { max_score: number }) => a + t.max_score, 0)).toBe(212);
  });

  it("bad arguments: exit 2 with one line", async () => {
    expect((await grade(["gradescope", "exercise-9", "--out", "x.zip"])).stderr).toMatch(/Unknown exercise/);
    const r = await grade(["gradescope", "exercise-01"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/Expected --out/);
  });
});
