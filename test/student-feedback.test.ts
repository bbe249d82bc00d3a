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
