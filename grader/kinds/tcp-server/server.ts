// One launch of a student's TCP server: a free port, the start, readiness (an accepted connection, or the
// exercise's own ping when its data names one), and restarts between cases. It knows no protocol.
import { setTimeout as sleep } from "node:timers/promises";
import type { Launch, TcpServerLimits, TcpServerSettings } from "../../generated/exercise.js";
import { t, type Lang } from "../../core/i18n.js";
import type { ProbeClient } from "../../probe/client.js";
import type { RunningProcess } from "../../runner/process.js";
import type { SandboxSession } from "../../sandbox/session.js";
import { describeExitWithTime } from "../exit-words.js";
import { startScript } from "../socket/student-program.js";
import { describeLine, describePayload, lineProblem, lineText, payloadBytes } from "./lines.js";

/** Connection attempts while the server starts: these waits (ms) between them, then the last one repeated. */
const POLL_MS = [10, 20, 40, 80, 150];
const QUIET_AFTER = 3;

export class ServerLife {
  proc?: RunningProcess;
  port = 0;
  /** Times the server ended and was started again for a later case. */
  restarts = 0;
  lastEnd = "";
  private polls = 0;
  /** A case has run on the current server (a fresh one has just shown it accepts). */
  private used = false;
  private pingUseless = false;
  /** Has the server ever sent a byte (to a case or a ping)? And how many expectations it left unanswered. */
  answered = false;
  silentExpects = 0;

  constructor(
    private readonly session: SandboxSession,
    private readonly probe: ProbeClient,
    private readonly entry: string,
    private readonly launch: Launch,
    private readonly settings: TcpServerSettings,
    private readonly limits: TcpServerLimits,
    private readonly lang: Lang,
  ) {}

  /**
   * A server that accepts connections and never sent one byte over several expectations (one that hangs
   * or never reads) is given a short wait from then on, so it costs seconds, not minutes. A server that
   * answers anything is never quiet.
   */
  get quiet(): boolean {
    return !this.answered && this.silentExpects >= QUIET_AFTER;
  }

  get running(): boolean {
    return Boolean(this.proc && !this.proc.exited);
  }

  async exitWords(): Promise<string> {
    return this.proc ? describeExitWithTime(await this.proc.done, this.session.limits, this.lang) : "";
  }

  /** Running and ready for a case: started (again) if needed. A message when it cannot be made ready. */
  async ensure(): Promise<string | undefined> {
    // A server that a case brought down may still be on its way out (the kernel accepts connections into
    // the backlog until the process is gone): the exercise's ping, when it has one, shows it went back to
    // serving; otherwise an accepted connection. Its end is then charged to that case, not to the next.
    if (this.running && this.used && !(await this.serving())) {
      const until = performance.now() + 1000;
      while (!this.proc!.exited && performance.now() < until) await sleep(10);
      if (!this.proc!.exited) {
        // Alive and accepting but not answering the ping (a server that does not speak it yet): no more
        // pings for it. Alive and not accepting: it closed its listening socket, so it is started again.
        if (await this.accepts()) this.pingUseless = true;
        else await this.proc!.stop();
      }
    }
    this.used = true;
    if (this.running) return undefined;
    if (this.proc) {
      this.lastEnd = await this.exitWords();
      this.restarts++;
    }
    this.port = await this.freePort();
    this.proc = startScript(this.session, this.entry, [this.launch.host, String(this.port)]);
    return this.waitReady();
  }

  private async serving(): Promise<boolean> {
    if (!this.settings.ready || this.pingUseless || this.quiet) return this.accepts();
    const conn = `${this.launch.id}/alive-${this.polls++}`;
    const r = await this.probe.call("tcpConnect", { conn, host: this.launch.host, port: this.port, timeoutMs: this.limits.replySeconds * 1000 });
    if (!r.ok) return false;
    try {
      return (await this.readyExchange(conn)) === undefined;
    } finally {
      await this.probe.call("tcpClose", { conn });
    }
  }

  private async accepts(): Promise<boolean> {
    const conn = `${this.launch.id}/alive-${this.polls++}`;
    const r = await this.probe.call("tcpConnect", { conn, host: this.launch.host, port: this.port, timeoutMs: this.limits.replySeconds * 1000 });
    if (r.ok) await this.probe.call("tcpClose", { conn });
    return r.ok;
  }

  /** The port comes from the probe, in the network the server runs in (not the grader's). */
  private async freePort(): Promise<number> {
    return (await this.probe.call("tcpFreePort", { host: this.launch.host })).port;
  }

  private async waitReady(): Promise<string | undefined> {
    const until = performance.now() + this.limits.startSeconds * 1000;
    for (let i = 0; performance.now() < until; i++) {
      if (this.proc!.exited) break;
      const conn = `${this.launch.id}/ready-${this.polls++}`;
      const r = await this.probe.call("tcpConnect", { conn, host: this.launch.host, port: this.port, timeoutMs: 500 });
      if (r.ok) {
        // Accepting is enough to start grading: a server that does not answer the ping yet gets each
        // case's own feedback rather than one "not ready".
        await this.probe.call("tcpClose", { conn });
        return undefined;
      }
      await sleep(POLL_MS[Math.min(i, POLL_MS.length - 1)]);
    }
    const how = this.proc!.exited ? t(this.lang, "tcpEndedHow", { how: await this.exitWords() }) : "";
    return t(this.lang, "tcpNeverListened", { seconds: this.limits.startSeconds, how });
  }

  /** The exercise's own ping: a connection that is accepted but never answered is not serving. */
  private async readyExchange(conn: string): Promise<string | undefined> {
    const ready = this.settings.ready;
    if (!ready) return undefined;
    await this.probe.call("tcpSend", { conn, data: payloadBytes(ready.send).toString("base64") });
    const got = await this.probe.call("tcpRead", { conn, lines: 1, timeoutMs: this.limits.replySeconds * 1000 });
    const bytes = Buffer.from(got.data, "base64");
    if (bytes.length) this.answered = true;
    else this.silentExpects++;
    // The ping asks only whether the server serves: a "\r" before its newline is each case's to judge.
    const line = lineText(bytes);
    const answer = line.length && line[line.length - 1] === 13 ? line.subarray(0, -1) : line;
    if (bytes.length && bytes[bytes.length - 1] === 10 && !lineProblem(ready.expect, answer, this.lang)) return undefined;
    return t(this.lang, "tcpReadyWrong", { send: describePayload(ready.send, this.lang), expect: describeLine(ready.expect, this.lang), seconds: this.limits.replySeconds });
  }

  async stop(): Promise<void> {
    await this.proc?.stop();
  }
}
