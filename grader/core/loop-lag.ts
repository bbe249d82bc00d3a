// How late this process has run its timers, over the last minute or so: a sampler wakes every SAMPLE_MS and
// keeps how late each wake-up came. A process kept off the CPU for a second (a starved machine) shows it as
// one late wake-up. A failed case whose verdict can hang on timing asks how late the grader ran since the
// case began: if it was starved, so may the program have been, and the case is run once more rather than
// charged to the student. One sampler per process (the grader's, and the probe's in the sandbox).

const SAMPLE_MS = 25;
/** Samples kept: about 100 s at SAMPLE_MS (longer than a case may run). */
const KEEP = 4096;

class LoopLag {
  private readonly at = new Float64Array(KEEP);
  private readonly late = new Float64Array(KEEP);
  private count = 0;
  private started = false;

  /** Starts sampling (once; the timer never keeps the process alive). */
  start(): void {
    if (this.started) return;
    this.started = true;
    let due = performance.now() + SAMPLE_MS;
    const tick = () => {
      const now = performance.now();
      const i = this.count++ % KEEP;
      this.at[i] = now;
      this.late[i] = Math.max(0, now - due);
      due = now + SAMPLE_MS;
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
}

export const loopLag = new LoopLag();
