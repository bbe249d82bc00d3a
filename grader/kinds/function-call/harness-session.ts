// One running Python harness (grader/python/function_harness.py) for one submission: start it, import the
// module, send calls, and tell apart "answered", "took too long" and "the process died".
import { randomUUID } from "node:crypto";
import type { ProcessOutcome, RunningProcess } from "../../runner/process.js";
import { PYTHON_FLAGS } from "../../python/interpreter.js";
import type { SandboxSession } from "../../sandbox/session.js";
import type { ProcessSnapshot, ProcessWatch, Unwatchable } from "../../sandbox/proc-watch.js";

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
  key: string;
  ok: boolean;
  stdout: string;
  stderr: string;
  seconds: number;
  value?: unknown;
  repr?: string;
  raised?: RaisedInfo;
  error?: RaisedInfo;
  missing?: string[];
}

/** What the grader saw from outside the harness (/proc) around one call. */
export interface Observed {
  /** Sockets opened during the call and still open after it (when asked for). */
  leakedSockets?: number;
  /** Why nothing could be observed here (no /proc): the checks that need it cannot be made. */
  unavailable?: string;
}

export type Exchange =
  | { kind: "answer"; reply: HarnessReply; observed: Observed }
  | { kind: "timeout" }
  | { kind: "died"; outcome: ProcessOutcome }
  /** The call returned while threads or processes it started still ran: no key sent, the harness stopped. */
  | { kind: "lingering"; threads: number; processes: number };

type Pending =
  | { stage: "returned"; id: string; resolve: (e: Exchange) => void; onReturned: () => void }
  | { stage: "record"; key: string; resolve: (e: Exchange) => void; onRecord: (r: HarnessReply) => void };

export class HarnessSession {
  private buffer = "";
  private pending?: Pending;
  private closed = false;
  private watch?: Promise<ProcessWatch | Unwatchable>;
  /** Lines on the answer channel that were not the grader's answers (a student writing to fd 4). */
  strayLines = 0;

  private constructor(private readonly proc: RunningProcess, private readonly session: SandboxSession) {
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
    return new HarnessSession(proc, session);
  }

  get alive(): boolean {
    return !this.closed;
  }

  /** The harness seen from outside; found once, after its first "returned" (by then it surely runs). */
  private watcher(): Promise<ProcessWatch | Unwatchable> {
    this.watch ??= this.session.watch(this.proc).catch((e: Error) => ({ unavailable: e.message }));
    return this.watch;
  }

  /**
   * Sends one request; resolves when its answer arrives, the limit passes (the process is then stopped) or
   * it dies. Between the harness's "returned" and its record, the grader looks at it from outside: only a
   * harness left alone gets the key its record must carry. `sockets`: count the sockets the request left open.
   */
  exchange(request: Record<string, unknown>, timeoutMs: number, options: { sockets?: boolean } = {}): Promise<Exchange> {
    if (this.closed) return this.proc.done.then((outcome) => ({ kind: "died", outcome }) as Exchange);
    return new Promise<Exchange>((resolve) => {
      let settled = false;
      const finish = (e: Exchange) => {
        clearTimeout(timer);
        settled = true;
        resolve(e);
      };
      const timer = setTimeout(() => {
        this.pending = undefined;
        finish({ kind: "timeout" });
        void this.stop();
      }, timeoutMs);
      void this.send(request, options, finish, () => settled);
    });
  }

  private async send(request: Record<string, unknown>, options: { sockets?: boolean }, finish: (e: Exchange) => void, settled: () => boolean): Promise<void> {
    const id = randomUUID();
    // The sockets open before the call: the harness is idle, waiting for this request.
    const before = options.sockets ? await this.snapshot(true) : undefined;
    const returned: Pending = { stage: "returned", id, resolve: finish, onReturned: () => void this.afterReturn(returned, options, before, finish) };
    if (settled()) return;
    if (this.closed) return finish(await this.proc.done.then((outcome) => ({ kind: "died", outcome }) as Exchange));
    this.pending = returned;
    this.proc.pipes[0].write(JSON.stringify({ ...request, id }) + "\n");
  }

  private async snapshot(withSockets: boolean): Promise<ProcessSnapshot | Unwatchable | undefined> {
    const w = await this.watcher();
    return "snapshot" in w ? w.snapshot(withSockets) : w;
  }

  /** The harness says it is done: look from outside, then send the key (or stop it, if it is not alone). */
  private async afterReturn(returned: Pending, options: { sockets?: boolean }, before: ProcessSnapshot | Unwatchable | undefined, finish: (e: Exchange) => void): Promise<void> {
    const after = await this.snapshot(Boolean(options.sockets));
    if (this.pending !== returned) return; // timed out or died meanwhile
    if (after && "threads" in after && (after.threads > 1 || after.others > 0)) {
      this.pending = undefined;
      finish({ kind: "lingering", threads: after.threads - 1, processes: after.others });
      void this.stop();
      return;
    }
    const observed: Observed = after && "unavailable" in after ? { unavailable: after.unavailable } : {};
    if (options.sockets && !observed.unavailable) {
      const [was, is] = [before && "sockets" in before ? before.sockets : undefined, after && "sockets" in after ? after.sockets : undefined];
      if (was && is) observed.leakedSockets = [...is].filter((s) => !was.has(s)).length;
      else observed.unavailable = "the program's sockets could not be read";
    }
    const key = randomUUID();
    this.pending = { stage: "record", key, resolve: finish, onRecord: (reply) => finish({ kind: "answer", reply, observed }) };
    this.proc.pipes[0].write(JSON.stringify({ op: "report", key }) + "\n");
  }

  private onData(text: string): void {
    this.buffer += text;
    let nl: number;
    while ((nl = this.buffer.indexOf("\n")) >= 0) {
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      if (!line) continue;
      let record: (HarnessReply & { returned?: string }) | undefined;
      try {
        record = JSON.parse(line) as HarnessReply & { returned?: string };
      } catch {
        record = undefined;
      }
      const p = this.pending;
      if (record && p?.stage === "returned" && record.returned === p.id) p.onReturned();
      else if (record && p?.stage === "record" && record.key === p.key) {
        this.pending = undefined;
        p.onRecord(record);
      } else this.strayLines++;
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
