// One running Python harness (grader/python/function_harness.py) for one submission: start it, import the
// module, send calls, and tell apart "answered", "took too long" and "the process died".
import { randomUUID } from "node:crypto";
import type { ProcessOutcome, RunningProcess } from "../../runner/process.js";
import { PYTHON_FLAGS } from "../../python/interpreter.js";
import type { SandboxSession } from "../../sandbox/session.js";
import type { ProcessSnapshot, ProcessWatch, Unwatchable } from "../../sandbox/proc-watch.js";
import { afterPendingIo } from "../../core/after-pending-io.js";

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
  /** The answer to a "calls" request: one record per argument list, in order. */
  batch?: HarnessReply[];
}

/** What the grader saw from outside the harness (/proc) around one call. */
export interface Observed {
  /** Sockets open after the call that were not open once the module was imported (when asked for). */
  leakedSockets?: number;
  /** Why nothing could be observed here (no /proc): the checks that need it cannot be made. */
  unavailable?: string;
}

export type Exchange =
  | { kind: "answer"; reply: HarnessReply; observed: Observed }
  /** `starting`: the interpreter itself had not started yet (the limit was the start's, not the request's). */
  | { kind: "timeout"; starting?: boolean }
  | { kind: "died"; outcome: ProcessOutcome }
  /** The call returned while threads or processes it started still ran: no key sent, the harness stopped. */
  | { kind: "lingering"; threads: number; processes: number };

type Pending =
  | { stage: "returned"; id: string; resolve: (e: Exchange) => void; onReturned: () => void; onProgress: () => void }
  | { stage: "record"; key: string; resolve: (e: Exchange) => void; onRecord: (r: HarnessReply) => void }
  /** Looking at the harness from outside: any line now (a second "returned", a copy of the record) is stray. */
  | { stage: "looking"; resolve: (e: Exchange) => void };

/**
 * How long the harness's interpreter may take to start, before the import limit starts counting: only a
 * machine far past its capacity comes near it (Python starts in ~30 ms; a few seconds at load 40).
 */
export const HARNESS_START_SECONDS = 60;
/** Waits (ms) between looks at a harness that seemed not alone right after a call (see snapshot). */
const SETTLE_WAITS_MS = [1, 2, 5, 10, 20, 20];

export class HarnessSession {
  private buffer = "";
  private pending?: Pending;
  private closed = false;
  private watch?: Promise<ProcessWatch | Unwatchable>;
  /** Sockets open once the module was imported (the first record): any other one open after a call is the student's. */
  private baseline?: Set<string>;
  /** Lines on the answer channel that were not the grader's answers (a student writing to fd 4). */
  strayLines = 0;
  /** The harness said it is ready (its first line, written before any student code runs). */
  private ready = false;
  private onReady?: () => void;

  private constructor(private readonly proc: RunningProcess, private readonly session: SandboxSession, private readonly countsSockets: boolean) {
    proc.pipes[1].on("data", (chunk: Buffer) => this.onData(chunk.toString("utf8")));
    // The request pipe is a socket pair: anything the program writes back into it is read and dropped, so a
    // program that floods it cannot block itself into a time-out that looks like ours.
    proc.pipes[0].on("data", () => {});
    void proc.done.then((outcome) => {
      this.closed = true;
      this.settle({ kind: "died", outcome });
    });
  }

  /** `countsSockets`: some call will ask for the sockets it left open (the baseline is then taken after import). */
  static start(session: SandboxSession, countsSockets = true): HarnessSession {
    // No overall limit: every exchange has its own.
    const proc = session.launch({ args: [...PYTHON_FLAGS, session.supportFile("function_harness.py")], timeoutMs: 0, extraPipes: 2 });
    return new HarnessSession(proc, session, countsSockets);
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
   * `calls`: the request makes that many calls ("calls"): `timeoutMs` then times each of them, as the
   * harness's "progress" after each call restarts it, and the request as a whole gets at most `calls` times it.
   */
  exchange(request: Record<string, unknown>, timeoutMs: number, options: { sockets?: boolean; startMs?: number; calls?: number } = {}): Promise<Exchange> {
    if (this.closed) return this.proc.done.then((outcome) => ({ kind: "died", outcome }) as Exchange);
    return new Promise<Exchange>((resolve) => {
      let settled = false;
      const finish = (e: Exchange) => {
        clearTimeout(timer);
        this.onReady = undefined;
        settled = true;
        resolve(e);
      };
      // The time is up only once what the harness already wrote has been read (see afterPendingIo): a
      // grader kept off the CPU past the limit must not take an answer that came in time for a timeout.
      // Only the latest timer counts (a "ready" read meanwhile has started the request's own).
      let timer: NodeJS.Timeout | undefined;
      let armed = 0;
      // When the request's own limit ends at the latest: a "progress" line (which the student's code could
      // also write) never buys more than the calls would have had one by one.
      let requestEnd = Infinity;
      const arm = (starting: boolean, ms: number) => {
        if (!starting && requestEnd === Infinity) requestEnd = performance.now() + timeoutMs * (options.calls ?? 1);
        clearTimeout(timer);
        const mine = ++armed;
        timer = setTimeout(() =>
          afterPendingIo(() => {
            if (settled || mine !== armed) return;
            this.pending = undefined;
            finish(starting ? { kind: "timeout", starting } : { kind: "timeout" });
            void this.stop();
          }), ms);
      };
      // With `startMs`, a harness not yet started first gets that long to start (the request waits in the
      // pipe meanwhile), and `timeoutMs` counts from its "ready": the limit times the request only.
      const waitStart = options.startMs !== undefined && !this.ready;
      arm(waitStart, waitStart ? options.startMs! : timeoutMs);
      if (waitStart) this.onReady = () => arm(false, timeoutMs);
      const onProgress = () => {
        if (!settled && requestEnd !== Infinity) arm(false, Math.max(0, Math.min(timeoutMs, requestEnd - performance.now())));
      };
      void this.send(request, options, finish, () => settled, onProgress);
    });
  }

  private async send(request: Record<string, unknown>, options: { sockets?: boolean }, finish: (e: Exchange) => void, settled: () => boolean, onProgress: () => void): Promise<void> {
    const id = randomUUID();
    const returned: Pending = { stage: "returned", id, resolve: finish, onReturned: () => void this.afterReturn(this.looking(finish), options, finish), onProgress };
    if (settled()) return;
    if (this.closed) return finish(await this.proc.done.then((outcome) => ({ kind: "died", outcome }) as Exchange));
    this.pending = returned;
    this.proc.pipes[0].write(JSON.stringify({ ...request, id }) + "\n");
  }

  /**
   * A look at the harness's process from outside. Python's join() returns a moment before the kernel has
   * removed the thread (its task entry stays until the thread's own exit has run), so a call that joined
   * every thread it started can still show them right after it returned, more often on a loaded machine. A
   * look that finds more than the harness alone is taken again a few times (~60 ms at most in all) before it
   * counts: nothing changes for a call that really left code running, which is still refused.
   */
  private async snapshot(withSockets: boolean): Promise<ProcessSnapshot | Unwatchable | undefined> {
    const w = await this.watcher();
    if (!("snapshot" in w)) return w;
    let snap = w.snapshot(withSockets);
    for (const waitMs of SETTLE_WAITS_MS) {
      if (!snap || (snap.threads <= 1 && snap.others === 0)) break;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      snap = w.snapshot(withSockets);
    }
    return snap;
  }

  /** Threads or processes of the student's still running: their answer is not taken, the harness is stopped. */
  private lingering(snap: ProcessSnapshot | Unwatchable | undefined, finish: (e: Exchange) => void): boolean {
    if (!snap || !("threads" in snap) || (snap.threads <= 1 && snap.others === 0)) return false;
    this.pending = undefined;
    finish({ kind: "lingering", threads: snap.threads - 1, processes: snap.others });
    void this.stop();
    return true;
  }

  /** From now until the look is over, any line that comes is stray. */
  private looking(finish: (e: Exchange) => void): Pending {
    this.pending = { stage: "looking", resolve: finish };
    return this.pending;
  }

  /** The harness says it is done: look from outside, then send the key (or stop it, if it is not alone). */
  private async afterReturn(looking: Pending, options: { sockets?: boolean }, finish: (e: Exchange) => void): Promise<void> {
    const snap = await this.snapshot(false);
    if (this.pending !== looking || this.lingering(snap, finish)) return; // (timed out or died meanwhile)
    const key = randomUUID();
    const record: Pending = { stage: "record", key, resolve: finish, onRecord: (reply) => void this.afterRecord(this.looking(finish), reply, options, finish) };
    this.pending = record;
    this.proc.pipes[0].write(JSON.stringify({ op: "report", key }) + "\n");
  }

  /**
   * The record with the key came. When sockets are counted, look again (a "returned" can be written early by
   * the student's code; the record only comes once the harness has the key), and count the sockets now open
   * that were not open once the module was imported (the baseline, taken at the first record). Otherwise
   * nothing to look at: the key was only sent to a harness found alone.
   */
  private async afterRecord(looking: Pending, reply: HarnessReply, options: { sockets?: boolean }, finish: (e: Exchange) => void): Promise<void> {
    const first = !this.baseline && this.countsSockets;
    if (!options.sockets && !first) {
      this.pending = undefined;
      return finish({ kind: "answer", reply, observed: {} });
    }
    const snap = await this.snapshot(true);
    if (this.pending !== looking || this.lingering(snap, finish)) return;
    this.pending = undefined;
    if (first) this.baseline = snap && "sockets" in snap && snap.sockets ? snap.sockets : new Set(["unreadable"]);
    const observed: Observed = snap && "unavailable" in snap ? { unavailable: snap.unavailable } : {};
    if (options.sockets && !observed.unavailable) {
      const now = snap && "sockets" in snap ? snap.sockets : undefined;
      const base = this.baseline;
      if (now && base && !base.has("unreadable")) observed.leakedSockets = [...now].filter((s) => !base.has(s)).length;
      else observed.unavailable = "the program's sockets could not be read";
    }
    finish({ kind: "answer", reply, observed });
  }

  private onData(text: string): void {
    this.buffer += text;
    let nl: number;
    while ((nl = this.buffer.indexOf("\n")) >= 0) {
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      if (!line) continue;
      let record: (HarnessReply & { returned?: string; progress?: string }) | undefined;
      try {
        record = JSON.parse(line) as HarnessReply & { returned?: string; progress?: string };
      } catch {
        record = undefined;
      }
      if (record && !this.ready && (record as { ready?: unknown }).ready === true) {
        this.ready = true;
        this.onReady?.();
        this.onReady = undefined;
        continue;
      }
      const p = this.pending;
      if (record && p?.stage === "returned" && record.returned === p.id) p.onReturned();
      else if (record && p?.stage === "returned" && record.progress === p.id) p.onProgress();
      else if (record && p?.stage === "record" && record.key === p.key) p.onRecord(record);
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
