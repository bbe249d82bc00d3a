// A udp-client case that runs several copies of the program "at once" (exercise-04's two-clients-at-once,
// which tells a client that binds a fixed port) must really run them at the same time. Started side by side,
// the second copy can start later than the first one's whole exchange on a busy machine: a clean-clone CI
// run had `binds-port-plus-one` keep `ephemeral-port` that way. The case's server now holds each reply until
// every copy has sent or ended (`awaitCopiesMs`), and a run where that wait ran out is run once more.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gradeJson, root, testOf } from "./helpers/cli.js";
import { fixturesDir, removeTemps, tempDir } from "./helpers/fixtures.js";
import { caseRules } from "../grader/kinds/udp-client/case-rules.js";
import type { Case } from "../grader/generated/udp-client-cases.js";

afterAll(() => removeTemps());

/** The reference client, its copy named "… #2" starting `seconds` late (the grader's second copy's TEXT). */
async function referenceStartingLate(seconds: number): Promise<string> {
  const dir = await tempDir();
  const reference = await readFile(path.join(root, "solutions", "exercise-04", "udp_client.py"), "utf8");
  const marker = "    with socket.socket(family, kind, proto) as sock:\n";
  expect(reference).toContain(marker);
  const late = `    if text.endswith(" #2"):\n        time.sleep(${seconds})\n${marker}`;
  await writeFile(path.join(dir, "udp_client.py"), reference.replace(marker, late));
  return dir;
}

describe("copies of a program run at once", () => {
  it("a fixed port is caught although the second copy starts after the first one's reply would have come", async () => {
    const { result } = await gradeJson("exercise-04", path.join(fixturesDir, "exercise-04", "binds-port-plus-one-second-starts-late"), ["--only", "ephemeral-port"]);
    expect(testOf(result, "ephemeral-port").score).toBe(0);
    expect(result.warnings ?? []).not.toContainEqual(expect.stringMatching(/did not/));
  }, 120_000);

  it("a correct client whose second copy starts later than the wait keeps its points, and the grading says the copies ran apart", async () => {
    const { result } = await gradeJson("exercise-04", await referenceStartingLate(1.9), ["--only", "ephemeral-port", "--lang", "en"]);
    const check = testOf(result, "ephemeral-port");
    expect(check.score, check.cases.find((c) => c.status === "failed")?.message).toBe(check.max_score);
    const warning = (result.warnings ?? []).find((w) => /should run at the same time did not/.test(w));
    expect(warning).toMatch(/two-clients-at-once/);
  }, 120_000);

  it("the wait for the other copies is refused in a case with one copy", () => {
    const c = { id: "k", checks: ["x"], host: "127.0.0.1", text: "t", server: [{ awaitCopiesMs: 500 }, { reply: { json: { ok: true } } }], expect: { stdout: "reply" } } as unknown as Case;
    expect(caseRules(["{host}", "{port}", "{text}"])(c)).toContain("case k: awaitCopiesMs needs clients > 1");
    expect(caseRules(["{host}", "{port}", "{text}"])({ ...c, clients: 2 })).not.toContainEqual(expect.stringMatching(/awaitCopiesMs/));
  });
});
