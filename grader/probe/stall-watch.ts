// The probe's own stalls. The probe times what it receives when it reads it: a process that the machine
// does not run for a while (every core busy, a fork bomb graded beside it) reads a client's datagrams late
// and all at once, and a correct client's timing then looks wrong. A timer that ticks every TICK_MS shows
// those gaps; a case that failed on timing while the probe stalled is run again (udp-client/case-run.ts).
const TICK_MS = 25;
/** A gap this much longer than a tick counts as a stall. */
const STALL_MS = 150;
/** Kept: the newest ones (a case asks about the last few seconds). */
const KEPT = 256;

export class StallWatch {
  private last: number;
  private readonly stalls: { end: number; ms: number }[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly now: () => number) {
    this.last = now();
    this.timer = setInterval(() => {
      const at = this.now();
      const late = at - this.last - TICK_MS;
      if (late >= STALL_MS) {
        this.stalls.push({ end: at, ms: Math.round(late) });
        if (this.stalls.length > KEPT) this.stalls.shift();
      }
      this.last = at;
    }, TICK_MS);
    this.timer.unref(); // never what keeps a process alive
  }

  /** The longest stall that ended at or after `since` (probe clock), the current one included; 0 if none. */
  longestSince(since: number): number {
    const current = this.now() - this.last - TICK_MS;
    const ended = this.stalls.filter((s) => s.end >= since).map((s) => s.ms);
    return Math.max(0, current >= STALL_MS ? Math.round(current) : 0, ...ended);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
