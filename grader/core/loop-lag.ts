// How late this process has run its timers, over the last minute or so: a sampler wakes every SAMPLE_MS and
// keeps how late each wake-up came. A process kept off the CPU for a second (a starved machine) shows it as
// one late wake-up. A failed case whose verdict can hang on timing asks how late the grader ran since the
// case began: if it was starved, so may the program have been, and the case is run once more rather than
// charged to the student. One sampler per process (the grader's, and the probe's in the sandbox).

const SAMPLE_MS = 25;
/** Samples kept: about 100 s at SAMPLE_MS (longer than a case may run). */
const KEEP = 4096;
/** A wake-up this recent reported the stall that may just have held up what the thread sees now (a loaded
 * machine may run the thread's next callback a little after the wake-up). */
const JUST_ENDED_MS = 4 * SAMPLE_MS;

class LoopLag {
  private readonly at = new Float64Array(KEEP);
  private readonly late = new Float64Array(KEEP);
  private count = 0;
  private started = false;
  /** When the next wake-up is due: past it, the loop is standing still right now. */
  private due = 0;

  /** Starts sampling (once; the timer never keeps the process alive). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.due = performance.now() + SAMPLE_MS;
    const tick = () => {
      const now = performance.now();
      const i = this.count++ % KEEP;
      this.at[i] = now;
      this.late[i] = Math.max(0, now - this.due);
      this.due = now + SAMPLE_MS;
      setTimeout(tick, SAMPLE_MS).unref();
    };
    setTimeout(tick, SAMPLE_MS).unref();
  }

  /** The longest the timers stood still after `since` (performance.now() time), in ms; 0 when not sampling. */
  maxSince(since: number): number {
    let max = 0;
    for (let k = 1; k <= Math.min(this.count, KEEP); k++) {
      const i = (this.count - k) % KEEP;
      if (this.at[i] < since) break;
      // A wake-up `late` ms late at `at` stood still from at - late: only the part after `since` counts.
      max = Math.max(max, Math.min(this.late[i], this.at[i] - since));
    }
    return Math.round(max);
  }

  /**
   * How long the timers have stood still just now: the stall going on (its wake-up not yet come), and the
   * one the latest wake-up reported if it came within JUST_ENDED_MS; up to `maxMs`. Something this thread has
   * just seen may have come that much earlier. Stalls further back do not count: the loop ran between, and
   * would have seen it then (on a loaded machine every wake-up is a little late, and those add up).
   */
  stallEndingNow(maxMs: number): number {
    if (!this.started) return 0;
    const now = performance.now();
    const latest = (this.count - 1) % KEEP;
    const justEnded = this.count > 0 && now - this.at[latest] < JUST_ENDED_MS ? this.late[latest] : 0;
    return Math.round(Math.min(Math.max(0, now - this.due) + justEnded, maxMs));
  }
}

export const loopLag = new LoopLag();
