// A teacher's private checks and cases (--private DIR, GRADER_PRIVATE) and per-check visibility, through
// the real CLI: hidden checks count, and nothing of their cases (inputs, expected values, case ids,
// clause, hint) reaches any output. test/fixtures/private/ has an exercise-01 part whose every secret
// string contains a marker; one hidden case expects a wrong network on purpose, so the reference fails it
// and its data would be printed if it were not redacted.
import { execa } from "execa";
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, readdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GradeResult } from "../grader/generated/result.js";
import { grade, gradeJson, root, testOf } from "./helpers/cli.js";
import { fixturesDir, removeTemps, tempDir } from "./helpers/fixtures.js";
import { resultSchemaErrors } from "./helpers/result-schema.js";
import { inCodeCache } from "../grader/core/code-cache.js";

const privateDir = path.join(fixturesDir, "private");
const reference = path.join(root, "solutions", "exercise-01", "ip_classify.py");
// Every secret of the private folder contains one of these (the case ids and texts "marker-q7z", the
// addresses given and expected).
const MARKERS = [/marker-q7z/i, /10\.77\.77/, /10\.88\.88/, /10\.66\.66/];
const FAST = ["--sandbox", "none"];

function leaks(text: string): string[] {
  return MARKERS.filter((m) => m.test(text)).map(String);
}

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await allFiles(p)));
    else out.push(p);
  }
  return out;
}

/**
 * A copy of the built project (the CLI finds its exercises beside itself) with exercise-01's
 * exercise.json and cases.json edited: how a test grades an exercise that exercises/ does not have.
 */
async function projectCopy(editExercise: (data: Record<string, unknown>) => void, editCases: (data: Record<string, unknown>) => void = () => {}): Promise<string> {
  const copy = await tempDir("private-project-");
  for (const rel of ["bin", "dist", "package.json", "schemas", "exercises", "solutions", path.join("grader", "python")]) await cp(path.join(root, rel), path.join(copy, rel), { recursive: true, filter: (src) => !inCodeCache(src) });
  await symlink(path.join(root, "node_modules"), path.join(copy, "node_modules"));
  for (const [name, edit] of [["exercise.json", editExercise], ["cases.json", editCases]] as const) {
    const file = path.join(copy, "exercises", "exercise-01", name);
    const data = JSON.parse(await readFile(file, "utf8"));
    edit(data);
    await writeFile(file, JSON.stringify(data, null, 2));
  }
  return copy;
}

/** The CLI of a project copy. */
async function cli(copy: string, args: string[]) {
  return execa("node", [path.join(copy, "bin", "grade.js"), ...args], { reject: false, cwd: copy });
}

let referenceDir = "";
let shapeDir = "";

beforeAll(async () => {
  referenceDir = await tempDir("private-ref-");
  await cp(reference, path.join(referenceDir, "ip_classify.py"));
  shapeDir = await tempDir("private-shape-");
  await cp(path.join(fixturesDir, "exercise-01", "shape-extra-key", "ip_classify.py"), path.join(shapeDir, "ip_classify.py"));
});
afterAll(removeTemps);

describe.concurrent("grade --private DIR", () => {
  it("merges the private checks by id and counts the hidden check's score", async () => {
    const { result: plain } = await gradeJson("exercise-01", referenceDir, FAST);
    const { run, result } = await gradeJson("exercise-01", referenceDir, [...FAST, "--private", privateDir]);
    expect(run.stderr).toBe("");
    expect(resultSchemaErrors(result)).toEqual([]);
    const hidden = testOf(result, "teacher-extra");
    // One of its two cases expects a wrong network: half of its 10 points.
    expect(hidden).toMatchObject({ visibility: "hidden", status: "failed", score: 5, max_score: 10, clause: "", hint: "", cases: [] });
    expect(hidden.total_cases).toBeUndefined();
    expect(testOf(result, "leading-zeros").max_score).toBe(9); // overridden points
    expect(testOf(result, "network-host-null-for-d-e")).toMatchObject({ visibility: "after_due_date", clause: "", cases: [] }); // overridden visibility
    expect(testOf(result, "class-boundaries").visibility).toBe("visible");
    expect(result.max_score).toBe(plain.max_score + 10 + 2);
    expect(result.score).toBeCloseTo(result.tests.reduce((a, t) => a + t.score, 0), 2);
    // A private case added to a visible check counts there, as a placeholder.
    const accepts = testOf(result, "accepts-valid");
    expect(accepts.total_cases).toBe(testOf(plain, "accepts-valid").total_cases! + 1);
    expect(accepts.cases.map((c) => c.id)).toEqual(["hidden"]);
    expect(plain.tests.every((t) => t.visibility === "visible")).toBe(true);
    expect(plain.private_checks).toBeUndefined();
  });

  it("the markers would show without redaction (the test can fail): the same check and cases made public", async () => {
    const priv = JSON.parse(await readFile(path.join(privateDir, "exercise-01", "exercise.json"), "utf8"));
    const cases = JSON.parse(await readFile(path.join(privateDir, "exercise-01", "cases.json"), "utf8"));
    const copy = await projectCopy(
      (data) => void (data.checks as unknown[]).push({ ...priv.checks[0], visibility: "visible" }),
      (data) => void (data.cases as unknown[]).push(...cases.cases),
    );
    const r = await cli(copy, ["exercise-01", referenceDir, ...FAST, "--format", "json"]);
    const result = JSON.parse(r.stdout) as GradeResult;
    expect(testOf(result, "teacher-extra").score).toBe(5);
    for (const m of ["10.77.77.77", "10.77.77.0", "marker-q7z-case-a", "MARKER-q7z-CLAUSE", "10.88.88.88"]) expect(r.stdout).toContain(m);
  });

  // The shape variant answers with an extra key: the visible shape check fails on every call, the hidden
  // calls included, so their cases would show there.
  it.each([
    ["the reference", () => referenceDir],
    ["a variant that fails the visible shape check on every call", () => shapeDir],
  ])("shows no hidden input, expected value, case id, clause or hint in any format: %s", async (_name, dirOf) => {
    const dir = dirOf();
    const out = await tempDir("private-out-");
    const summary = path.join(out, "summary.md");
    const files = { json: path.join(out, "r.json"), junit: path.join(out, "r.xml") };
    const runs = [
      await grade(["exercise-01", dir, ...FAST, "--private", privateDir, "--lang", "en", "-v"]),
      await grade(["exercise-01", dir, ...FAST, "--private", privateDir, "--lang", "zh", "-v"]),
      await grade(["exercise-01", dir, ...FAST, "--private", privateDir, "--format", "json"]),
      await grade(["exercise-01", dir, ...FAST, "--private", privateDir, "--format", "junit"]),
      await grade(["exercise-01", dir, ...FAST, "--private", privateDir, "--format", "github", "--json", files.json, "--junit", files.junit], { env: { GITHUB_STEP_SUMMARY: summary } }),
      // In Actions, the human format adds annotations and the step summary too.
      await grade(["exercise-01", dir, ...FAST, "--private", privateDir], { env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary } }),
    ];
    for (const r of runs) {
      expect(r.exitCode, r.stderr).toBe(1);
      expect(r.stdout).toMatch(/Teacher's extra check|老师的附加检查|teacher-extra/);
      expect(leaks(r.stdout + r.stderr), r.stdout).toEqual([]);
    }
    for (const f of [summary, files.json, files.junit]) {
      const text = await readFile(f, "utf8");
      expect(text.length).toBeGreaterThan(0);
      expect(leaks(text), f).toEqual([]);
    }
    expect(runs[0].stdout).toContain("A hidden check: only its result and points are shown");
    expect(runs[1].stdout).toContain("隐藏检查");
    if (dir !== shapeDir) return;
    // The hidden calls count in the visible shape check, as placeholders.
    const result = JSON.parse(runs[2].stdout) as GradeResult;
    const { result: plain } = await gradeJson("exercise-01", shapeDir, FAST);
    const shape = testOf(result, "answer-shape");
    expect(shape.status).toBe("failed");
    expect(shape.total_cases).toBe(testOf(plain, "answer-shape").total_cases! + 3);
    expect(shape.cases.filter((c) => c.id === "hidden").length).toBeGreaterThan(0);
  });

  it("--only can pick a hidden check; it stays redacted", async () => {
    const { result } = await gradeJson("exercise-01", referenceDir, [...FAST, "--private", privateDir, "--only", "teacher-extra"]);
    expect(result.tests.map((t) => t.id)).toEqual(["teacher-extra"]);
    expect(result.tests[0]).toMatchObject({ score: 5, visibility: "hidden", cases: [] });
    expect(leaks(JSON.stringify(result))).toEqual([]);
  });

  it("GRADER_PRIVATE works like --private (and --private wins)", async () => {
    const { run, result } = await gradeJson("exercise-01", referenceDir, FAST, { GRADER_PRIVATE: privateDir });
    expect(run.stderr).toBe("");
    expect(testOf(result, "teacher-extra").score).toBe(5);
    const all = await grade(["all", referenceDir, ...FAST, "--format", "json"], { env: { GRADER_PRIVATE: privateDir } });
    const results = JSON.parse(all.stdout) as GradeResult | GradeResult[];
    const ex01 = (Array.isArray(results) ? results : [results]).find((r) => r.exercise === "exercise-01")!;
    expect(testOf(ex01, "teacher-extra").visibility).toBe("hidden");
    const other = await tempDir("private-other-");
    await mkdir(path.join(other, "exercise-02"));
    await writeFile(path.join(other, "exercise-02", "exercise.json"), JSON.stringify({ id: "exercise-02" }));
    const { result: overridden } = await gradeJson("exercise-01", referenceDir, [...FAST, "--private", other], { GRADER_PRIVATE: privateDir });
    expect(overridden.tests.some((t) => t.id === "teacher-extra")).toBe(false);
  });
});

describe.concurrent("a bad private folder: exit 2 and one clear line", () => {
  async function broken(edit: (dir: string) => Promise<void>): Promise<string> {
    const dir = await tempDir("private-bad-");
    await cp(privateDir, dir, { recursive: true });
    await edit(path.join(dir, "exercise-01"));
    return dir;
  }
  const editJson = async (file: string, change: (data: Record<string, unknown>) => void) => {
    const data = JSON.parse(await readFile(file, "utf8"));
    change(data);
    await writeFile(file, JSON.stringify(data));
  };
  type Cases = { cases: { id: string; checks: string[] }[] };

  it.each([
    ["not a folder", async () => "/nonexistent/private", /--private: \/nonexistent\/private is not a folder/],
    ["one exercise's folder instead of the folder of exercises", async () => path.join(privateDir, "exercise-01"), /has no exercise folder: it must hold <exercise>\/exercise\.json/],
    ["a folder that is no exercise", () => broken(async (d) => mkdir(path.join(d, "..", "exercise-1"))), /exercise-1 is not an exercise/],
    ["a case id already in the exercise", () => broken((d) => editJson(path.join(d, "cases.json"), (x) => void ((x as unknown as Cases).cases[1].id = "valid-1-2-3-4"))), /private-bad-\w+\/exercise-01\/cases\.json is not valid: case valid-1-2-3-4 appears twice/],
    ["a case id twice in the private file", () => broken((d) => editJson(path.join(d, "cases.json"), (x) => void ((x as unknown as Cases).cases[1].id = "marker-q7z-case-a"))), /cases\.json is not valid: case marker-q7z-case-a appears twice/],
    ["a case naming an unknown check", () => broken((d) => editJson(path.join(d, "cases.json"), (x) => void ((x as unknown as Cases).cases[0].checks = ["no-such-check"]))), /cases\.json is not valid: case marker-q7z-case-a names unknown check no-such-check/],
    ["a case file that is no case file", () => broken((d) => writeFile(path.join(d, "cases.json"), JSON.stringify({ cases: [{ id: "x" }] }))), /cases\.json is not valid/],
    ["an unknown visibility", () => broken((d) => editJson(path.join(d, "exercise.json"), (x) => void ((x.checks as { visibility?: string }[])[0].visibility = "secret"))), /exercise-01\/exercise\.json is not valid: \/checks\/0\/visibility/],
    ["a new check without a title", () => broken((d) => editJson(path.join(d, "exercise.json"), (x) => void delete (x.checks as { title?: unknown }[])[0].title)), /exercise\.json: the exercise with these private checks is not valid: check teacher-extra must have required property 'title'/],
    ["another exercise's id", () => broken((d) => editJson(path.join(d, "exercise.json"), (x) => void (x.id = "exercise-02"))), /id is "exercise-02" but the folder is "exercise-01"/],
    ["a missing case file", () => broken((d) => editJson(path.join(d, "exercise.json"), (x) => void (x.cases = "more.json"))), /more\.json does not exist/],
    ["not JSON", () => broken((d) => writeFile(path.join(d, "exercise.json"), "{")), /exercise\.json is not valid JSON/],
  ] as const)("%s", async (_name, make, message) => {
    const dir = await make();
    const r = await grade(["exercise-01", referenceDir, ...FAST, "--private", dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("a batch stops before grading anyone (not one problem per student)", async () => {
    const subs = await tempDir("private-subs-");
    await mkdir(path.join(subs, "alice"));
    await cp(reference, path.join(subs, "alice", "ip_classify.py"));
    const dir = await broken((d) => editJson(path.join(d, "cases.json"), (x) => void ((x as unknown as Cases).cases[0].checks = ["no-such-check"])));
    const out = path.join(await tempDir("private-bad-out-"), "out");
    for (const exercise of ["exercise-01", "all"]) {
      const r = await grade(["batch", exercise, subs, "--out", out, ...FAST, "--private", dir]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/names unknown check no-such-check/);
      expect(existsSync(out)).toBe(false);
    }
  });
});

describe.concurrent("grade batch --private", () => {
  it("writes no hidden case data in any output file, and Gradescope gets each test's visibility", async () => {
    const subs = await tempDir("private-class-");
    for (const [student, dir] of [["alice", referenceDir], ["bob", shapeDir]] as const) {
      await mkdir(path.join(subs, student));
      await cp(path.join(dir, "ip_classify.py"), path.join(subs, student, "ip_classify.py"));
    }
    const out = path.join(await tempDir("private-batch-"), "out");
    const r = await grade(["batch", "exercise-01", subs, "--out", out, ...FAST, "--private", privateDir, "--jobs", "2"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const files = await allFiles(out);
    for (const f of ["grades.csv", "summary.json", "report.html", "results/alice/exercise-01.json", "results/bob/exercise-01.json", "gradescope/alice/results.json", "gradescope/bob/results.json"]) {
      expect(files).toContain(path.join(out, f));
    }
    for (const f of files) expect(leaks(await readFile(f, "utf8")), f).toEqual([]);
    expect(await readFile(path.join(out, "grades.csv"), "utf8")).toContain("exercise-01 (/112)");
    const summary = JSON.parse(await readFile(path.join(out, "summary.json"), "utf8"));
    expect(summary.exercises[0].max_score).toBe(112);
    expect(summary.exercises[0].hardest_checks).toContainEqual(expect.objectContaining({ id: "teacher-extra", name: "Teacher's extra check", pass_rate: 0 }));
    expect(await readFile(path.join(out, "report.html"), "utf8")).toContain("Teacher&#39;s extra check");
    const gs = JSON.parse(await readFile(path.join(out, "gradescope", "alice", "results.json"), "utf8")) as { tests: { name: string; visibility: string; output: string }[] };
    expect(gs.tests.every((t) => ["visible", "hidden", "after_due_date", "after_published"].includes(t.visibility))).toBe(true);
    expect(gs.tests.find((t) => t.name.endsWith("Teacher's extra check"))?.visibility).toBe("hidden");
    expect(gs.tests.find((t) => t.name.endsWith("No network/host for classes D and E"))?.visibility).toBe("after_due_date");
    expect(gs.tests.filter((t) => t.visibility === "visible").length).toBe(gs.tests.length - 2);
    // Without the private folder, the results were graded against something else: graded again.
    const again = await grade(["batch", "exercise-01", subs, "--out", out, ...FAST]);
    expect(again.stderr).toMatch(/grading 2 \(0 up to date\)/);
    expect(await readFile(path.join(out, "grades.csv"), "utf8")).toContain("exercise-01 (/100)");
  });
});

describe.concurrent("an exercise that declares private checks (privateChecks)", () => {
  it("a student's run says what the teacher's run adds; the teacher's run does not", async () => {
    const copy = await projectCopy((data) => void (data.privateChecks = { count: 2, points: 20 }));
    const human = await cli(copy, ["exercise-01", referenceDir, ...FAST, "--lang", "en"]);
    expect(human.exitCode, human.stderr).toBe(0);
    expect(human.stdout).toContain("Your teacher's run adds 2 hidden check(s) worth 20 points, not graded here.");
    const zh = await cli(copy, ["exercise-01", referenceDir, ...FAST, "--lang", "zh"]);
    expect(zh.stdout).toContain("老师评分时还会加上 2 项隐藏检查（共 20 分）");
    const json = JSON.parse((await cli(copy, ["exercise-01", referenceDir, ...FAST, "--format", "json"])).stdout) as GradeResult;
    expect(json.private_checks).toEqual({ count: 2, points: 20 });
    expect(resultSchemaErrors(json)).toEqual([]);
    const teacher = await cli(copy, ["exercise-01", referenceDir, ...FAST, "--lang", "en", "--private", privateDir]);
    expect(teacher.stdout).not.toContain("Your teacher's run adds");
    expect(teacher.stdout).toContain("Teacher's extra check");
  });
});
