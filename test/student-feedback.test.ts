// The text a student reads, through the real CLI, in both languages (issue 13).
import path from "node:path";
import { describe, expect, it } from "vitest";
import { grade, gradeJson, root, testOf } from "./helpers/cli.js";

const fixture = (name: string) => path.join(root, "test", "fixtures", "student", name);
const fast = ["--sandbox", "none"];

describe("schema messages agree with the expected value", () => {
  it("{'valid': 'true'} on a valid address is told to be a bool, never False, in separate sentences", async () => {
    const { result } = await gradeJson("exercise-01", fixture("exercise-01-valid-as-string"), fast);
    const kase = testOf(result, "accepts-valid").cases[0];
    expect(kase.expected).toContain("True");
    expect(kase.message).not.toMatch(/must be False/);
    expect(kase.message).toContain("Wrong value for `valid`. `valid` must be a bool (True or False); got 'true'.");
    // The shape check names only what the right answer keeps too.
    const shape = testOf(result, "answer-shape").cases[0];
    expect(shape.message).not.toMatch(/must be False|not allowed/);
    const zh = await grade(["exercise-01", fixture("exercise-01-valid-as-string"), "--lang", "zh", ...fast]);
    expect(zh.stdout).toContain("`valid` 的值不正确。`valid` 应为 bool（True 或 False）；实际为 'true'。");
    expect(zh.stdout).not.toMatch(/应为 False/);
  });
});

describe("a check scaled by `requires` says so, in every format", () => {
  const dir = path.join(root, "test", "fixtures", "exercise-01", "range-1-256");
  it("human (en, zh), json, junit and github", async () => {
    const { result } = await gradeJson("exercise-01", dir, fast);
    const scaled = testOf(result, "rejects-bad-syntax");
    expect(scaled.passed_cases).toBe(scaled.total_cases);
    expect(scaled.scaled?.requires.map((r) => r.id)).toEqual(["accepts-valid"]);
    expect(scaled.scaled!.percent).toBeLessThan(100);
    expect(scaled.note).toMatch(/^\d+\/\d+ cases passed, counted as [\d.]+ % because it builds on 'Accepts valid addresses' \(at [\d.]+ %\)\.$/);
    const en = await grade(["exercise-01", dir, "--lang", "en", ...fast]);
    expect(en.stdout).toMatch(/^~ Rejects malformed addresses +[\d.]+\/8 /m);
    expect(en.stdout).not.toMatch(/^✗ Rejects malformed/m);
    const zh = await grade(["exercise-01", dir, "--lang", "zh", ...fast]);
    expect(zh.stdout).toMatch(/^~ 拒绝格式错误的地址/m);
    expect(zh.stdout).toMatch(/通过了 \d+\/\d+ 个用例，按 [\d.]+% 计分，因为它以「接受合法地址」（[\d.]+%）为前提。/);
    const junit = await grade(["exercise-01", dir, "--lang", "en", "--format", "junit", ...fast]);
    expect(junit.stdout).toMatch(/message="\d+\/\d+ cases passed, counted as/);
    const github = await grade(["exercise-01", dir, "--lang", "en", "--format", "github", ...fast]);
    expect(github.stdout).toMatch(/::warning [^\n]*::\d+\/\d+ cases passed, counted as [\d.]+ %25 because it builds on 'Accepts valid addresses' \(at [\d.]+ %25\)\.$/m);
  });
});
