// Keeps what a program prints up to a cap, and always keeps reading so the program never blocks on a full
// pipe. Past the cap only a short tail is kept, so feedback can show how the output ended.
const TAIL_BYTES = 4096;

export class CappedOutput {
  private head: Buffer[] = [];
  private headBytes = 0;
  private tail = Buffer.alloc(0);
  total = 0;

  constructor(readonly capBytes: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    const room = this.capBytes - this.headBytes;
    if (room > 0) {
      const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
      this.head.push(part);
      this.headBytes += part.length;
      if (part.length === chunk.length) return;
      chunk = chunk.subarray(part.length);
    }
    this.tail = Buffer.concat([this.tail, chunk]);
    if (this.tail.length > TAIL_BYTES) this.tail = this.tail.subarray(this.tail.length - TAIL_BYTES);
  }

  get capped(): boolean {
    return this.total > this.capBytes;
  }

  text(): string {
    const head = Buffer.concat(this.head).toString("utf8");
    if (!this.capped) return head;
    const dropped = this.total - this.headBytes - this.tail.length;
    return `${head}\n…[${dropped} bytes dropped]…\n${this.tail.toString("utf8")}`;
  }

  /** The last `chars` characters, for short feedback. */
  lastChars(chars: number): string {
    const all = this.capped ? this.tail.toString("utf8") : Buffer.concat(this.head).toString("utf8");
    return all.length <= chars ? all : "…" + all.slice(all.length - chars);
  }
}
