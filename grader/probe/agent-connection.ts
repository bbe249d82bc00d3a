// A connection to an agent process (the probe agent, or the sandbox host) over its stdin/stdout: one JSON
// request per line, answers matched by id, and events (lines with an "event" field) handed to listeners.
import type { Readable, Writable } from "node:stream";

/** The agent's process pipes (execa's or node:child_process's). */
type AgentPipes = { stdin: Writable | null; stdout: Readable | null; stderr: Readable | null };

type Listener = (e: { event: string; [k: string]: unknown }) => void;

export class AgentConnection {
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners: Listener[] = [];
  private nextId = 1;
  /** The unfinished line: chunks since the last newline, joined only once its newline arrives. */
  private partial: Buffer[] = [];
  private ended = false;
  private stderr = "";

  /** `exited` settles once the process has ended. */
  constructor(
    private readonly child: AgentPipes,
    private readonly exited: PromiseLike<unknown>,
    private readonly name: string,
  ) {
    child.stdout!.on("data", (chunk: Buffer) => this.onData(chunk));
    child.stdin?.on("error", () => {}); // a process that died: its end is reported through `exited`
    child.stderr?.on("data", (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString("utf8")).slice(-2000)));
    void exited.then(() => {
      this.ended = true;
      for (const p of this.pending.values()) p.reject(new Error(`${this.name} ended${this.stderr ? `: ${this.stderr.trim()}` : ""}`));
      this.pending.clear();
    });
  }

  /**
   * Each chunk is searched for newlines once, and a line's chunks are joined once: linear in what arrives,
   * however long a line is (appending to one string and searching it all again per chunk was quadratic).
   */
  private onData(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl);
      const line = this.partial.length ? Buffer.concat([...this.partial.splice(0), piece]) : piece;
      start = nl + 1;
      this.onLine(line.toString("utf8"));
    }
    if (start < chunk.length) this.partial.push(chunk.subarray(start));
  }

  private onLine(line: string): void {
    if (!line.trim()) return;
    let msg: { id?: number; ok?: boolean; result?: unknown; error?: string; event?: string };
    try {
      msg = JSON.parse(line) as typeof msg;
    } catch {
      return; // not one of the agent's lines (it writes nothing else): nothing waits for it
    }
    if (msg.event) {
      for (const l of this.listeners) l(msg as { event: string });
      return;
    }
    const p = this.pending.get(msg.id!);
    this.pending.delete(msg.id!);
    if (msg.ok) p?.resolve(msg.result);
    else p?.reject(new Error(`${this.name}: ${msg.error}`));
  }

  /** Has the process ended? */
  get isEnded(): boolean {
    return this.ended;
  }

  /** What the process wrote to stderr last (up to 2,000 characters), e.g. why it could not start. */
  get lastStderr(): string {
    return this.stderr.trim();
  }

  request(command: string, args: unknown): Promise<unknown> {
    if (this.ended) return Promise.reject(new Error(`${this.name} ended${this.stderr ? `: ${this.stderr.trim()}` : ""}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.stdin!.write(JSON.stringify({ id, command, args }) + "\n");
    });
  }

  onEvent(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Closing its stdin tells the agent to clean up and exit. */
  async dispose(): Promise<void> {
    if (!this.ended) this.child.stdin!.end();
    await this.exited;
  }
}
