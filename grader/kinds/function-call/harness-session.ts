// One running Python harness (grader/python/function_harness.py) for one submission: start it, import the
// module, send calls, and tell apart "answered", "took too long" and "the process died".
import { randomUUID } from "node:crypto";
import type { ProcessOutcome, RunningProcess } from "../../runner/process.js";
import { PYTHON_FLAGS } from "../../python/interpreter.js";
import type { SandboxSession } from "../../sandbox/session.js";

export interface RaisedInfo {
  type: string;
  mro: string[];
  message: string;
  where?: string;
  line?: string;
  offset?: number;
  traceback?: string;
}

export interface HarnessReply {
  nonce: string;
  ok: boolean;
  stdout: string;
  stderr: string;
  seconds: number;
  value?: unknown;
  repr?: string;
  raised?: RaisedInfo;
  error?: RaisedInfo;
  missing?: string[];
  leakedSockets?: number | null;
}

export type Exchange =
  | { kind: "answer"; reply: HarnessReply }
  | { kind: "timeout" }
  | { kind: "died"; outcome: ProcessOutcome };

export class HarnessSession {
  private buffer = "";
  private pending?: { nonce: string; resolve: (e: Exchange) => void };
  private closed = false;
  /** Lines on the answer channel that were not the grader's answers (a student writing to fd 4). */
  strayLines = 0;

  private constructor(private readonly proc: RunningProcess) {
    proc.pipes[1].on("data", (chunk: Buffer) => this.onData(chunk.toString("utf8")));
    // The request pipe is a socket pair: anything the program writes back into it is read and dropped, so a
    // program that floods it cannot block itself into a time-out that looks like ours.
    proc.pipes[0].on("data", () => {});
    void proc.done.then((outcome) => {
      this.closed = true;
      this.settle({ kind: "died", outcome });
    });
  }

  static start(session: SandboxSession): HarnessSession {
    // No overall limit: every exchange has its own.
    const proc = session.launch({ args: [...PYTHON_FLAGS, session.supportFile("function_harness.py")], timeoutMs: 0, extraPipes: 2 });
    return new HarnessSession(proc);
  }

  get alive(): boolean {
    return !this.closed;
  }

  /** Sends one request; resolves when its answer arrives, the limit passes (the process is then stopped) or it dies. */
  exchange(request: Record<string, unknown>, timeoutMs: number): Promise<Exchange> {
    if (this.closed) return this.proc.done.then((outcome) => ({ kind: "died", outcome }) as Exchange);
    const nonce = randomUUID();
    return new Promise<Exchange>((resolve) => {
      const timer = setTimeout(() => {
        this.settle({ kind: "timeout" });
        void this.stop();
      }, timeoutMs);
      this.pending = {
        nonce,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      };
      this.proc.pipes[0].write(JSON.stringify({ ...request, nonce }) + "\n");
    });
  }

  private onData(text: string): void {
    this.buffer += text;
    let nl: number;
    while ((nl = this.buffer.indexOf("\n")) >= 0) {
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      if (!line) continue;
      let record: HarnessReply | undefined;
      try {
        record = JSON.parse(line) as HarnessReply;
      } catch {
        record = undefined;
      }
      if (record && this.pending && record.nonce === this.pending.nonce) this.settle({ kind: "answer", reply: record });
      else this.strayLines++;
    }
    if (this.buffer.length > 1 << 20) this.buffer = ""; // a flood without newlines: drop it
  }

  private settle(e: Exchange): void {
    const p = this.pending;
    this.pending = undefined;
    p?.resolve(e);
  }

  stdoutTail(chars = 800): string {
    return this.proc.stdout.lastChars(chars);
  }

  stderrTail(chars = 800): string {
    return this.proc.stderr.lastChars(chars);
  }

  /** Closes the request pipe (the harness exits by itself), then makes sure the whole group is gone. */
  async stop(): Promise<ProcessOutcome> {
    if (!this.closed) this.proc.pipes[0].end();
    return this.proc.stop();
  }
}
