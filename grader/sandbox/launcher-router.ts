// Which launcher starts and feeds each student program in the sandbox host: the host's own, on its main
// thread, or the launcher thread once the grader has asked for one (launcher-thread.ts says why); and what
// becomes of that thread's programs and requests should it fail. Every request gets exactly one answer and
// every program one exit, whatever happens to the thread: the grader waits for both.
import { notStarted, type HostEvent } from "./host-protocol.js";
import type { Launcher, LauncherMessage, LauncherRequest } from "./launcher-thread.js";

/** The launcher thread as the router uses it (a worker_threads Worker; a stand-in in the tests). */
export interface LauncherThreadHandle {
  postMessage(message: LauncherRequest | { stopAll: true }): void;
  on(event: "message", listener: (m: LauncherMessage) => void): unknown;
  on(event: "error", listener: (e: Error) => void): unknown;
  on(event: "exit", listener: (code: number) => void): unknown;
}

interface ThreadState {
  handle: LauncherThreadHandle;
  ready: boolean;
  /** Requests for it before it was ready, in order. */
  waiting: LauncherRequest[];
  /** Requests posted to it and not answered yet, by id. */
  posted: Map<number, LauncherRequest>;
}

/** An answer line of a launcher: `{"id":N,...}`; a program's end: `{"event":"exit","proc":N,...}` (launcher-thread.ts writes both). */
const ANSWER_ID = /^\{"id":(\d+),/;
const EXIT_PROC = /^\{"event":"exit","proc":(\d+),/;

export class LauncherRouter {
  private thread?: ThreadState;
  /** Programs the thread started or was asked to: their write, end and stop go there too. */
  private readonly inThread = new Set<number>();
  private stopping = false;
  private stoppedAll = () => {};

  constructor(
    private readonly local: Launcher,
    /** One line for the host's stdout (an answer or an event). */
    private readonly send: (line: string) => void,
    private readonly startThread: () => LauncherThreadHandle,
    /** Says on the host's stderr what went wrong (the grader shows it if the host fails). */
    private readonly warn: (text: string) => void,
  ) {}

  /** From now on programs start in the launcher thread (started now, if not yet). */
  useThread(): void {
    if (this.thread) return;
    const t: ThreadState = { handle: this.startThread(), ready: false, waiting: [], posted: new Map() };
    this.thread = t;
    t.handle.on("message", (m) => {
      if ("line" in m) {
        const id = ANSWER_ID.exec(m.line)?.[1];
        if (id !== undefined) t.posted.delete(Number(id));
        const ended = EXIT_PROC.exec(m.line)?.[1];
        if (ended !== undefined) this.inThread.delete(Number(ended));
        this.send(m.line);
      } else if ("ready" in m) {
        t.ready = true;
        for (const req of t.waiting.splice(0)) this.post(t, req);
      } else this.stoppedAll();
    });
    t.handle.on("error", (e) => this.failed(t, `the sandbox host's launcher thread failed: ${e.message}`));
    // A thread that ends without an error, before it was told to stop, has failed all the same.
    t.handle.on("exit", (code) => this.failed(t, `the sandbox host's launcher thread ended (exit code ${code})`));
  }

  handle(req: LauncherRequest): void {
    const proc = (req.args as { proc?: number }).proc;
    const t = this.thread;
    if (req.command === "spawn" && t && proc !== undefined) this.inThread.add(proc);
    if (!t || proc === undefined || !this.inThread.has(proc)) this.local.handle(req);
    else if (t.ready) this.post(t, req);
    else t.waiting.push(req);
  }

  /** Stops every program of both launchers; resolves once they have all been stopped. */
  async stopAll(): Promise<void> {
    await this.local.stopAll();
    const t = this.thread;
    if (!t) return;
    this.stopping = true;
    t.waiting.length = 0; // programs not started yet never will be
    await new Promise<void>((resolve) => {
      this.stoppedAll = resolve;
      t.handle.postMessage({ stopAll: true });
    });
  }

  private post(t: ThreadState, req: LauncherRequest): void {
    t.posted.set(req.id, req);
    t.handle.postMessage(req);
  }

  /**
   * The thread is gone: its programs end as not started (the grader reports them), the requests it had
   * are answered with why, those it had not seen yet go to the host's own launcher, and so do new ones.
   */
  private failed(t: ThreadState, why: string): void {
    if (this.thread !== t) return; // already handled (a failed thread also exits)
    this.thread = undefined;
    if (this.stopping) return this.stoppedAll(); // it was told to stop; what ran in it is over either way
    this.warn(`sandbox host: ${why}`);
    const waiting = t.waiting.splice(0);
    const notPosted = new Set(waiting.map((req) => (req.args as { proc: number }).proc));
    for (const proc of this.inThread) {
      if (!notPosted.has(proc)) this.send(JSON.stringify({ event: "exit", proc, outcome: notStarted(why) } satisfies HostEvent));
    }
    this.inThread.clear();
    for (const req of t.posted.values()) this.send(JSON.stringify({ id: req.id, ok: false, error: why }));
    t.posted.clear();
    for (const req of waiting) this.local.handle(req);
  }
}
