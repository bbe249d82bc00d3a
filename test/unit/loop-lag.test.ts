// The grader's measure of its own starvation (core/loop-lag.ts): a stretch in which the process ran no
// timers shows as that long, and only the part after the moment asked about counts.
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { loopLag } from "../../grader/core/loop-lag.js";

/** Keeps this thread busy for `ms` (no timer can run meanwhile): a stall, as a starved machine makes one. */
function stall(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe("loopLag", () => {
  it("sees a stall of the event loop, counted from the moment asked about", async () => {
    loopLag.start();
    await sleep(100);
    const before = performance.now();
    stall(300);
    const midway = before + 200;
    await sleep(80); // the first wake-up after the stall records it
    // No wake-up could come during the 300 ms: at least that much minus one sampling period was late.
    expect(loopLag.maxSince(before)).toBeGreaterThanOrEqual(270);
    // Asked from within the stall, only what came after counts: its last 100 ms (and no more than all of it).
    expect(loopLag.maxSince(midway)).toBeGreaterThanOrEqual(99);
    expect(loopLag.maxSince(midway)).toBeLessThan(loopLag.maxSince(before));
    // Nothing sampled after now yet.
    expect(loopLag.maxSince(performance.now() + 1000)).toBe(0);
  });
});

describe("loopLag.stallEndingNow", () => {
  it("counts the stall going on now or just ended, and not one the loop has run freely since", async () => {
    loopLag.start();
    await sleep(100);
    stall(400);
    // Asked at the end of a stall, before its late wake-up: it counts all the same.
    const ongoing = loopLag.stallEndingNow(1000);
    expect(ongoing).toBeGreaterThanOrEqual(370);
    // Capped at what is asked.
    stall(300);
    expect(loopLag.stallEndingNow(150)).toBe(150);
    // A loaded machine may hold this thread up anywhere below: each of the next two is tried three times,
    // and must hold at least once (an implementation that never counts, or always does, fails all three).
    const after: number[] = [];
    const justEnded: number[] = [];
    for (let k = 0; k < 3; k++) {
      await sleep(100);
      // The loop has run freely since the last stall: it delays nothing seen now.
      after.push(loopLag.stallEndingNow(1000));
      stall(300);
      // Its late wake-up runs before this callback (timers, then the check phase): it counts.
      await new Promise((r) => setImmediate(r));
      justEnded.push(loopLag.stallEndingNow(1000));
    }
    expect(Math.min(...after)).toBeLessThan(100);
    expect(Math.max(...justEnded)).toBeGreaterThanOrEqual(270);
  });
});
