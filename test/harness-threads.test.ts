// A call that starts threads and joins them before it returns leaves nothing running: its answer is taken.
// Python's join() returns a moment before the kernel has removed the thread (its /proc/<pid>/task entry
// lingers), so a single look in /proc right after "returned" once called such a correct call "still running"
// now and then (a thread pool per call, exercise-02: 8 of 15 gradings lost points). A thread still running
// for real is still refused (test/hostile-function-call.test.ts has the hostile ones).
import { afterAll, describe, expect, it } from "vitest";
import type { HarnessSession } from "../grader/kinds/function-call/harness-session.js";
import { withHarness } from "./helpers/harness.js";
import { removeTemps } from "./helpers/fixtures.js";

afterAll(removeTemps);

const MODULE = `
import threading, time
from concurrent.futures import ThreadPoolExecutor

def pooled(x):
    with ThreadPoolExecutor(max_workers=4) as pool:
        return sum(pool.map(lambda v: v * 2, range(8))) + x

def joined(x):
    ts = [threading.Thread(target=time.sleep, args=(0.001,)) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return x

def leaves(x):
    threading.Thread(target=time.sleep, args=(30,), daemon=True).start()
    return x
`;

const withModule = (body: (h: HarnessSession) => Promise<void>) => withHarness(MODULE, ["pooled", "joined", "leaves"], body);

describe("threads a call started and joined", () => {
  it("are not taken for threads still running (150 calls each of a pool per call and of joined threads)", () =>
    withModule(async (h) => {
      const kinds: string[] = [];
      for (let i = 0; i < 150; i++) {
        for (const fn of ["pooled", "joined"]) kinds.push((await h.exchange({ op: "call", fn, args: [i] }, 10_000)).kind);
      }
      expect(kinds.filter((k) => k !== "answer"), "calls not answered").toEqual([]);
    }));

  it("a thread left running is still refused", () =>
    withModule(async (h) => {
      const e = await h.exchange({ op: "call", fn: "leaves", args: [1] }, 10_000);
      expect(e.kind).toBe("lingering");
      expect(e.kind === "lingering" && e.threads).toBe(1);
    }));
});
