// The probe's stall watch (grader/probe/stall-watch.ts): gaps between its timer's ticks longer than a stall
// are reported, the one still going on included; ordinary ticks are not.
import { afterEach, describe, expect, it, vi } from "vitest";
import { StallWatch } from "../../grader/probe/stall-watch.js";

afterEach(() => vi.useRealTimers());

describe("the probe's stall watch", () => {
  it("reports the longest gap since a moment, and nothing for a steady timer", () => {
    vi.useFakeTimers();
    let clock = 1000;
    const watch = new StallWatch(() => clock);
    const tick = (ms: number) => {
      clock += ms;
      vi.advanceTimersByTime(25);
    };
    for (let i = 0; i < 20; i++) tick(25);
    expect(watch.longestSince(0)).toBe(0);
    // Ticks a little late (a busy event loop) are not stalls.
    for (let i = 0; i < 5; i++) tick(120);
    expect(watch.longestSince(0)).toBe(0);
    const before = clock;
    tick(3525); // the process was not run for 3.5 s
    for (let i = 0; i < 5; i++) tick(25);
    expect(watch.longestSince(before)).toBe(3500);
    expect(watch.longestSince(clock + 1)).toBe(0); // stalls that ended before `since` do not count
    // A stall still going on (no tick yet) counts too.
    clock += 800;
    expect(watch.longestSince(clock - 1)).toBe(775);
    watch.stop();
  });
});
