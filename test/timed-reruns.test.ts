// A timed case that fails once is run again (a busy machine can make a correct client miss a late reply).
// What decides whether the second run is taken is the verdicts a busy machine can change: not those on the
// bytes of the request (its shape), which fail both times for a program that adds a key to it. Before, such
// a program lost a timed case's check for good to one stall (two clean-clone CI runs lost exercise-04's
// `extra-id-key` and `exit-1-only-if-ok-false` checks that way). The fixture gives up after 0.8 s the first
// time it runs with a TEXT, as a starved client would.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gradeJson, testOf } from "./helpers/cli.js";
import { fixturesDir } from "./helpers/fixtures.js";

describe("timed cases run again", () => {
  it("a second run that passes the timed checks is taken although the request's shape fails in both", async () => {
    const dir = path.join(fixturesDir, "exercise-04", "extra-key-gives-up-early-once");
    const { result } = await gradeJson("exercise-04", dir, ["--only", "late-reply,request-shape"]);
    const late = testOf(result, "late-reply");
    expect(late.score, late.cases.find((c) => c.status === "failed")?.message).toBe(late.max_score);
    expect(testOf(result, "request-shape").score).toBe(0);
    // Said, with the cases that were run again (the first run of each late reply gave up at 0.8 s).
    const warning = (result.warnings ?? []).find((w) => /failed once and passed when run again/.test(w));
    expect(warning).toMatch(/late-reply-1000ms/);
    expect(warning).toMatch(/late-reply-1500ms/);
  }, 120_000);
});
