// A batch of calls ("calls") is timed call by call: a batch that is slow in total but whose every call is
// quick comes back whole; a call that hangs still ends the batch; progress lines forged by the student's
// code buy no more time than the calls would have had one by one. The sleeps are far from the limits.
import { afterAll, describe, expect, it } from "vitest";
import type { HarnessSession } from "../grader/kinds/function-call/harness-session.js";
import { withHarness } from "./helpers/harness.js";
import { removeTemps } from "./helpers/fixtures.js";

afterAll(removeTemps);

const LIMIT_MS = 1500;

const MODULE = `
import json, os, sys, time

def slow(x):
    time.sleep(0.25)
    return x + 1

def hang(x):
    if x == 3:
        time.sleep(3600)
    return x

def forges(x):
    # Finds the batch's id in the harness's frames and keeps writing progress lines for it, forever.
    f = sys._getframe()
    while f is not None and "id" not in f.f_locals.get("req", {}):
        f = f.f_back
    line = ("\\n" + json.dumps({"progress": f.f_locals["req"]["id"]}) + "\\n").encode()
    while True:
        os.write(4, line)
        time.sleep(0.1)
`;

const withModule = (body: (h: HarnessSession) => Promise<void>) => withHarness(MODULE, ["slow", "hang", "forges"], body);

const batch = (fn: string, n: number) => ({ op: "calls", fn, argsList: Array.from({ length: n }, (_, i) => [i]) });

describe.concurrent("a batch of calls under the case limit", () => {
  it("12 calls of 0.25 s each (3 s in all, twice the limit) come back whole", () =>
    withModule(async (h) => {
      const r = await h.exchange(batch("slow", 12), LIMIT_MS, { calls: 12 });
      expect(r.kind).toBe("answer");
      expect(r.kind === "answer" && r.reply.batch?.map((b) => b.value)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    }));

  it("timed as a whole (no `calls`), the same batch is a time-out (what the limit used to count)", () =>
    withModule(async (h) => {
      expect(await h.exchange(batch("slow", 12), LIMIT_MS)).toEqual({ kind: "timeout" });
    }));

  it("a call that hangs ends the batch with a time-out", () =>
    withModule(async (h) => {
      expect(await h.exchange(batch("hang", 6), LIMIT_MS, { calls: 6 })).toEqual({ kind: "timeout" });
    }));

  it("progress lines forged in a call that never returns buy at most the calls' own limits", () =>
    withModule(async (h) => {
      const started = performance.now();
      expect(await h.exchange(batch("forges", 2), LIMIT_MS, { calls: 2 })).toEqual({ kind: "timeout" });
      // Not a timing assertion: a cap that did not hold would never end (the test's own limit would).
      expect(performance.now() - started).toBeGreaterThanOrEqual(2 * LIMIT_MS - 50);
    }));
});
