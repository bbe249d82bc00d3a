// The student's server for one launch (chain) of a udp-server exercise: its start on a port the probe
// chose, readiness (its first case's datagram, or the exercise's own ping), restarts after it ended (spare
// copies started ahead for a server that serves one datagram per run), and how it ended, in words.
// It judges no case: the launch run asks it, and charges what it learns (see ending.ts).
import type { Case } from "../../generated/udp-server-cases.js";
import { t, type Lang } from "../../core/i18n.js";
import type { ProbeClient } from "../../probe/client.js";
import type { DatagramRecord, Endpoint } from "../../probe/protocol.js";
import type { RunningProcess } from "../../runner/process.js";
import type { DriverContext } from "../types.js";
import { payloadBytes } from "../socket/payload.js";
import { commandText, startScript, tailOf } from "../socket/student-program.js";
import { describeExitWithTime } from "../exit-words.js";
import type { GraderSockets, Launch } from "./sockets.js";
import type { UdpServerExercise, UdpServerLimits } from "../../generated/exercise.js";

/** Restarts after a life in which the server answered nothing (a crash, a hang): few, they only cost time. */
const MAX_SILENT_RESTARTS = 5;
/** Waiting for a fresh server: resend a case's first datagram after these waits (ms), then every last one; a Python start is ~40 ms. */
export const READY_POLL_MS = [10, 20, 40, 80, 150];
/**
 * The grader's own pings to a fresh server, closer together while a Python server is likely to come up (a
 * ping sent before it binds is lost; one sent after is answered): its start is seen within ~10–20 ms, not up
 * to 80. Only the case's datagram is resent more sparingly: each copy it answers counts for that sender.
 */
const PING_POLL_MS = [10, 10, 10, 10, 20, 20, 40, 80, 150];
/** Replies to the grader's own polls and pings are looked for in slices this long, so a server's end is seen at once. */
const ALIVE_SLICE_MS = 50;
/** Copies of a server that serves one datagram per run started ahead of the cases that will need them. */
const MAX_SPARES = 3;
/** After the server is seen gone: how long a reply it sent just before may still take to arrive. */
export const EXIT_GRACE_MS = 20;

export type Limits = UdpServerLimits;

export class ServerLife {
  private readonly lang: Lang;
  private readonly entry: string;
  private readonly probe: ProbeClient;
  server?: RunningProcess;
  serverAt!: Endpoint;
  /**
   * The current server has not answered anything yet. Its first case's first datagram doubles as the
   * readiness check (sent until answered), so a server that serves one datagram and ends is graded on
   * that datagram instead of spending it on a ping of the grader's.
   */
  fresh = false;
  /** Replies the current server sent (to cases and pings), and the most any of its lives sent. */
  private lifeAnswers = 0;
  private lifeCaseAnswers = 0;
  private mostInALife = 0;
  restarts = 0;
  silentRestarts = 0;
  private restartsAfterServing = 0;
  /**
   * A server that has ended after serving will likely end after the next case too: its next copy is
   * started while the current one is graded, so a server that serves one datagram per run costs
   * little more time than one that keeps serving.
   */
  private readonly spares: { server: RunningProcess; at: Endpoint }[] = [];
  /** Cases of this launch not started yet (no spare is started for a case that will not come). */
  casesLeft = 0;
  private readonly ending: Promise<unknown>[] = [];
  lastEnd = "";
  /** The last case run on the current server. */
  lastCase?: Case;
  /** The probe socket that polls the servers (its answers count for no case). */
  private readySocket = "";
  private readonly ping: string;

  constructor(
    private readonly ctx: DriverContext<UdpServerExercise>,
    private readonly launch: Launch,
    private readonly limits: Limits,
    private readonly sockets: GraderSockets,
  ) {
    this.lang = ctx.lang;
    this.entry = ctx.exercise.data.entry;
    this.probe = ctx.session.probe;
    // The protocol's own ping, from the exercise's data (the schema requires it for this kind).
    this.ping = payloadBytes(ctx.exercise.data.ping).toString("base64");
  }

  /** IPv6 loopback is missing on some machines (containers): then its cases are skipped, not failed. */
  async hostUsable(): Promise<boolean> {
    const r = await this.probe.call("canBind", { host: this.launch.host, port: 0 });
    return r.ok;
  }

  /**
   * A socket of its own for the polls (tallies are per sender, so polling disturbs no case). It stays open
   * until the launch ends: a closed socket's port could be handed to a later grader socket, which would
   * then inherit this one's tally at the server.
   */
  async openReadySocket(): Promise<void> {
    this.readySocket = (await this.sockets.openSocket("ready")).probeName;
  }

  get exited(): boolean {
    return Boolean(this.server?.exited);
  }

  /** Has the current server answered anything (a case's datagram or a ping)? */
  get answeredAny(): boolean {
    return this.lifeAnswers > 0;
  }

  /** How the current server ended, in words (call once it has exited). */
  async exitWords(): Promise<string> {
    return describeExitWithTime(await this.server!.done, this.ctx.session.limits, this.lang);
  }

  /**
   * A server that answered something in its life used up at least one case's datagram, so restarting it is
   * bounded by the cases (a server that serves one datagram and ends is started once per case); a life that
   * answered nothing costs a restart from a small budget.
   */
  mayRestart(): boolean {
    if (this.lifeAnswers === 0) {
      if (this.silentRestarts >= MAX_SILENT_RESTARTS) return false;
      this.silentRestarts++;
    } else this.restartsAfterServing++;
    this.restarts++;
    return true;
  }

  /** The port comes from the probe, in the network the server runs in (not the grader's). */
  private async freePort(): Promise<number> {
    return (await this.probe.call("udpFreePort", { host: this.launch.host })).port;
  }

  /**
   * It has served exactly one datagram in each of several runs: the next case gets the next copy at once,
   * without waiting to see this one end (it does, and it could not serve a second datagram anyway).
   */
  servesOnce(): boolean {
    return this.restartsAfterServing >= 2 && this.mostInALife <= 1 && this.spares.length > 0;
  }

  /** Starts the server on a free port; it is `fresh` until it answers something. */
  async launchServer(): Promise<void> {
    // One that is still ending is stopped in the background (stop() waits for it).
    if (this.server && !this.server.exited) this.ending.push(this.server.stop());
    const next = this.spares.shift() ?? (await this.spawn());
    this.server = next.server;
    this.serverAt = next.at;
    // A fresh server has fresh tallies; what the ended one sent is dropped.
    this.sockets.resetCounts();
    await this.sockets.drainAll(this.serverAt);
    await this.probe.call("drain", { socket: this.readySocket });
    this.fresh = true;
    this.lifeAnswers = this.lifeCaseAnswers = 0;
    this.lastCase = undefined;
    // A few copies ahead once it serves one datagram per run: their starts overlap (a case then takes
    // less than a Python start); one ahead after a first end.
    const ahead = this.restartsAfterServing === 0 ? 0 : this.restartsAfterServing >= 2 && this.mostInALife <= 1 ? MAX_SPARES : 1;
    while (this.spares.length < Math.min(ahead, this.casesLeft)) this.spares.push(await this.spawn());
  }

  private async spawn(): Promise<{ server: RunningProcess; at: Endpoint }> {
    const port = await this.freePort();
    return { server: startScript(this.ctx.session, this.entry, [this.launch.host, String(port)]), at: { host: this.launch.host, port } };
  }

  command(): string {
    return commandText(this.entry, [this.launch.host, String(this.serverAt.port)]);
  }

  /** Why the current fresh server cannot be graded, once it has ended before answering anything. */
  private async endedEarly(): Promise<string> {
    const o = await this.server!.done;
    const err = tailOf(o.stderr);
    return t(this.lang, "serverExitedEarly", { how: describeExitWithTime(o, this.ctx.session.limits, this.lang), command: this.command() }) + (err ? `\n${err}` : "");
  }

  neverAnswered(seconds: number): string {
    const err = tailOf(this.server!.stderr.text());
    return t(this.lang, "serverNeverAnswered", { seconds, command: this.command(), host: this.launch.host }) + (err ? `\n${err}` : "");
  }

  /** A reply from the current server to the ready socket, looked for while the server runs (up to ms). */
  private async pingReply(ms: number): Promise<boolean> {
    const until = performance.now() + ms;
    let r: DatagramRecord | null = null;
    while (performance.now() < until && !this.server!.exited) {
      r = await this.probe.call("recv", { socket: this.readySocket, timeoutMs: Math.min(ALIVE_SLICE_MS, Math.max(1, until - performance.now())) });
      if (r) break;
    }
    const late = r ?? (this.server!.exited ? await this.probe.call("recv", { socket: this.readySocket, timeoutMs: EXIT_GRACE_MS }) : null);
    if (late) this.answered(false);
    return Boolean(late);
  }

  /** The server answered (a case's datagram when forCase, else a ping): it is up and serving. */
  answered(forCase: boolean): void {
    this.lifeAnswers++;
    if (forCase) this.lifeCaseAnswers++;
    this.mostInALife = Math.max(this.mostInALife, this.lifeAnswers);
  }

  /**
   * Readiness by the grader's own ping, for a case that cannot tell (its first step expects no reply) and
   * for a server that ended before its first answer. A message if it never answers within `seconds`.
   */
  async pingReady(seconds: number): Promise<string | undefined> {
    const until = performance.now() + seconds * 1000;
    let pings = 0;
    while (performance.now() < until) {
      if (this.server!.exited) return this.endedEarly();
      const sentAt = performance.now();
      await this.probe.call("send", { socket: this.readySocket, to: this.serverAt, data: this.ping });
      const wait = PING_POLL_MS[Math.min(pings, PING_POLL_MS.length - 1)];
      pings++;
      if (await this.probe.call("recv", { socket: this.readySocket, timeoutMs: wait })) {
        this.answered(false);
        this.fresh = false;
        // Let a slow server work off the other pings first, so the cases do not queue behind them. Pings
        // sent before it bound are lost, so wait only a few round trips for each.
        const each = Math.min(this.limits.replySeconds * 1000, Math.max(20, 3 * (performance.now() - sentAt)));
        for (let n = 1; n < pings; n++) {
          if (!(await this.probe.call("recv", { socket: this.readySocket, timeoutMs: each }))) break;
          this.answered(false);
        }
        // One more ping: a server that ends after its first answer is gone before the case, not during it.
        await this.servedSoFar();
        return undefined;
      }
    }
    if (this.server!.exited) return this.endedEarly();
    return this.neverAnswered(seconds);
  }

  /**
   * After a case: a ping from the grader's polling socket. The server handles datagrams in order, so its
   * answer means it went back to serving after the case; a server that leaves after answering the case is
   * gone instead, and the next case is not blamed for it (see ending.ts). Waits at most replySeconds.
   */
  async servedSoFar(): Promise<void> {
    if (!this.server || this.server.exited) return;
    await this.probe.call("send", { socket: this.readySocket, to: this.serverAt, data: this.ping });
    await this.pingReply(this.limits.replySeconds * 1000);
  }

  /** The next datagram on a case socket within ms, looked for only while the server runs (and a moment after). */
  async recvWhileAlive(name: string, ms: number): Promise<DatagramRecord | null> {
    const until = performance.now() + ms;
    while (performance.now() < until && !this.server!.exited) {
      const r = await this.probe.call("recv", { socket: name, timeoutMs: Math.min(ALIVE_SLICE_MS, Math.max(1, until - performance.now())) });
      if (r) return r;
    }
    return this.server!.exited ? this.probe.call("recv", { socket: name, timeoutMs: EXIT_GRACE_MS }) : null;
  }

  /** Why the server is gone, in the words that help: one that only ever answered one datagram lacks its loop. */
  async goneWords(): Promise<string[]> {
    const how = await this.exitWords();
    if (this.lifeAnswers > 0 && this.mostInALife <= 1) return [t(this.lang, "serverServesOnce", { how })];
    const words = [t(this.lang, "serverGone", { how })];
    // Gone before this case sent anything, and no case ran on it: it ended after the readiness ping.
    if (this.lifeAnswers > 0 && this.lifeCaseAnswers === 0 && !this.lastCase) words.push(t(this.lang, "serverEndedAfterReady"));
    return words;
  }

  /** Stops the current server, the spares and any still ending. */
  async stop(): Promise<void> {
    await this.server?.stop();
    for (const s of this.spares) await s.server.stop();
    await Promise.all(this.ending);
  }
}
