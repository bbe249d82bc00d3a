// Runs one tcp-server case: its steps on named grader connections through the probe, each expectation
// judged as it comes. Returns what went wrong, in words, with what was expected and what came.
import { setTimeout as sleep } from "node:timers/promises";
import type { Case, Step } from "../../generated/tcp-server-cases.js";
import { t, type Lang } from "../../core/i18n.js";
import type { ProbeClient } from "../../probe/client.js";
import { preview } from "../socket/payload.js";
import { endpointText } from "../socket/transcript.js";
import { describeLine, describePayload, lineProblem, lineText, payloadBytes, sizedBytes } from "./lines.js";
import type { ServerLife } from "./server.js";

export interface CaseRun {
  problems: string[];
  expected: string[];
  got: string[];
  /** Probe connection name → label for the transcript. */
  names: Map<string, string>;
}

const MIB = 1024 * 1024;
/** Bytes allowed per expected line beyond its own size (a wrong reply is still shown whole up to this). */
const LINE_ROOM = 64 * 1024;
/** The wait for a reply from a server that has never sent a byte (see ServerLife.quiet). */
const QUIET_MS = 250;

export class StepRunner {
  private readonly open = new Set<string>();
  readonly run: CaseRun = { problems: [], expected: [], got: [], names: new Map() };

  constructor(
    private readonly probe: ProbeClient,
    private readonly server: ServerLife,
    private readonly launch: { id: string; host: string },
    private readonly c: Case,
    private readonly replySeconds: number,
    private readonly lang: Lang,
    private readonly grader: string,
  ) {}

  private probeName(conn: string): string {
    return `${this.launch.id}/${this.c.id}/${conn}`;
  }

  /** Runs every step until the first one that fails (later steps build on it); then closes the connections. */
  async all(): Promise<CaseRun> {
    try {
      for (const step of this.c.steps) {
        const before = this.run.problems.length;
        await this.step(step);
        if (this.run.problems.length > before) break;
      }
      if (!this.run.problems.length) await this.leftovers();
    } finally {
      for (const name of this.open) await this.probe.call("tcpClose", { conn: name });
    }
    return this.run;
  }

  private fail(problem: string): void {
    this.run.problems.push(problem);
  }

  private async step(s: Step): Promise<void> {
    const l = this.lang;
    if (s.waitMs) return void (await sleep(s.waitMs));
    if (s.alive) {
      if (!this.server.running) this.fail(t(l, "serverGone", { how: await this.server.exitWords() }));
      return;
    }
    const conn = s.conn!;
    const name = this.probeName(conn);
    this.run.names.set(name, `${this.grader} ${conn}`);
    if (s.connect) {
      const host = s.connect.host ?? this.launch.host;
      const to = endpointText({ host, port: this.server.port });
      const r = await this.probe.call("tcpConnect", { conn: name, host, port: this.server.port, timeoutMs: this.replySeconds * 1000 });
      if (r.ok) this.open.add(name);
      if (s.connect.refused && r.ok) this.fail(t(l, "tcpConnectAccepted", { conn, to }));
      if (!s.connect.refused && !r.ok) this.fail(t(l, "tcpConnectFailed", { conn, to, error: r.error }) + (await this.endedWords(true)));
      return;
    }
    if (s.send !== undefined) {
      const bytes = payloadBytes(s.send);
      const seconds = this.replySeconds + bytes.length / 2e6;
      const r = await this.probe.call("tcpSend", { conn: name, data: bytes.toString("base64"), chunks: s.chunks, delayMs: s.delayMs, timeoutMs: seconds * 1000 });
      if (r.blocked) this.fail(t(l, "tcpSendBlocked", { conn, sent: r.sent, total: bytes.length, seconds: seconds.toFixed(1) }));
      else if (r.error) this.fail(t(l, "tcpSendFailed", { conn, error: r.error, sent: r.sent, total: bytes.length }) + (await this.endedWords(true)));
      return;
    }
    if (s.shutdown) return void (await this.probe.call("tcpShutdown", { conn: name }));
    if (s.close) {
      this.open.delete(name);
      return void (await this.probe.call("tcpClose", { conn: name, reset: s.close === "reset" }));
    }
    if (s.expect) await this.expect(conn, name, s.expect);
  }

  private async endedWords(wait = false): Promise<string> {
    // A refused connection or a failed send often means the server is on its way out: a moment to see it.
    const until = performance.now() + (wait ? 500 : 0);
    while (this.server.running && performance.now() < until) await sleep(10);
    if (this.server.running) return "";
    return " " + t(this.lang, "serverGone", { how: await this.server.exitWords() });
  }

  private async expect(conn: string, name: string, e: NonNullable<Step["expect"]>): Promise<void> {
    const l = this.lang;
    if (e.silentMs) {
      this.run.expected.push(t(l, "tcpStepSilent", { conn, ms: e.silentMs }));
      const r = await this.probe.call("tcpRead", { conn: name, lines: 1, timeoutMs: e.silentMs });
      const bytes = Buffer.from(r.data, "base64");
      if (bytes.length) {
        this.run.got.push(preview(bytes, 120));
        this.fail(t(l, "tcpNotSilent", { conn, preview: preview(bytes, 80) }));
      }
      return;
    }
    const want = e.lines ?? [];
    if (want.length) {
      this.run.expected.push(`${conn}: ${want.map((w) => describeLine(w, l)).join(" ⏎ ")}`);
      // Long lines take longer: at least 2 MB/s on top of the reply time.
      const size = want.reduce((n, w) => n + (typeof w === "object" && "sized" in w ? sizedBytes(w.sized).length : 0), 0);
      const ms = this.server.quiet ? QUIET_MS : this.replySeconds * 1000 + size / 2000;
      // One line at a time within one deadline, so a wrong line fails at once instead of after the wait for
      // the lines that will never come; each read has room for its line, not for whatever a flood sends.
      const until = performance.now() + ms;
      const lines: Buffer[] = [];
      const received: Buffer[] = [];
      let last: { closed: boolean; error?: string } = { closed: false };
      let partial = Buffer.alloc(0);
      let flooded = false;
      while (lines.length < want.length) {
        const w = want[lines.length];
        const room = (typeof w === "object" && "sized" in w ? sizedBytes(w.sized).length : 0) + LINE_ROOM;
        const r = await this.probe.call("tcpRead", { conn: name, lines: 1, timeoutMs: Math.max(0, until - performance.now()), maxBytes: room });
        const bytes = Buffer.from(r.data, "base64");
        received.push(bytes);
        last = r;
        if (bytes.length && bytes[bytes.length - 1] === 10) {
          lines.push(bytes);
          const p = lineProblem(w, lineText(bytes), l);
          if (p) {
            this.noteGot(conn, received);
            return this.fail(want.length > 1 ? t(l, "tcpLineNumber", { n: lines.length, problem: p }) : p);
          }
          continue;
        }
        partial = bytes;
        flooded = bytes.length >= room;
        break;
      }
      const total = this.noteGot(conn, received);
      if (lines.length < want.length) {
        const words = [t(l, "tcpMissingLines", { conn, want: want.length, got: lines.length, seconds: (ms / 1000).toFixed(1) })];
        if (partial.length) words.push(t(l, "tcpPartialLine", { bytes: partial.length, preview: preview(partial, 60) }));
        if (last.error) words.push(t(l, "tcpResetEarly", { error: last.error }));
        else if (last.closed) words.push(t(l, "tcpClosedEarly"));
        if (flooded) words.push(t(l, "tcpFlooded", { conn, bytes: total }));
        return this.fail(words.join("; ") + (await this.endedWords()));
      }
    }
    if (e.closed) {
      this.run.expected.push(t(l, "tcpStepExpectClose", { conn }));
      const r = await this.probe.call("tcpRead", { conn: name, timeoutMs: this.replySeconds * 1000, maxBytes: MIB });
      const bytes = Buffer.from(r.data, "base64");
      if (bytes.length) return this.fail(t(l, "tcpBytesBeforeClose", { conn, bytes: bytes.length, preview: preview(bytes, 80) }));
      if (!r.closed) return this.fail(t(l, "tcpNotClosed", { conn, seconds: this.replySeconds }));
    }
  }

  /** What came on a connection for one expectation, for `got`; its size. Counts toward the quiet rule. */
  private noteGot(conn: string, received: Buffer[]): number {
    const bytes = Buffer.concat(received);
    if (bytes.length) this.server.answered = true;
    else this.server.silentExpects++;
    this.run.got.push(`${conn}: ${bytes.length ? preview(bytes, 160) : t(this.lang, "tcpNothingYet")}`);
    return bytes.length;
  }

  /** Bytes that arrived and no step asked for (a second reply, a reply to a partial line) are a mistake too. */
  private async leftovers(): Promise<void> {
    for (const name of this.open) {
      const r = await this.probe.call("tcpRead", { conn: name, timeoutMs: 0, maxBytes: MIB });
      const bytes = Buffer.from(r.data, "base64");
      if (bytes.length) this.fail(t(this.lang, "tcpExtraBytes", { conn: name.split("/").pop()!, bytes: bytes.length, preview: preview(bytes, 80) }));
    }
  }
}

/** The case's steps in words, for `given`. */
export function stepsText(c: Case, lang: Lang, host: string, port: number): string {
  return c.steps
    .map((s) => {
      const conn = s.conn ?? "";
      if (s.waitMs) return t(lang, "tcpStepWait", { ms: s.waitMs });
      if (s.alive) return t(lang, "tcpStepAlive");
      if (s.connect) return s.connect.refused ? t(lang, "tcpStepConnectTo", { conn, to: endpointText({ host: s.connect.host ?? host, port }) }) : t(lang, "tcpStepConnect", { conn });
      if (s.send !== undefined) {
        const chunks = s.chunks ? t(lang, "tcpStepChunks", { sizes: s.chunks.join(", "), ms: s.delayMs ?? 0 }) : "";
        return t(lang, "tcpStepSend", { conn, text: describePayload(s.send, lang) }) + chunks;
      }
      if (s.shutdown) return t(lang, "tcpStepShutdown", { conn });
      if (s.close) return t(lang, s.close === "reset" ? "tcpStepReset" : "tcpStepClose", { conn });
      const e = s.expect!;
      if (e.silentMs) return t(lang, "tcpStepSilent", { conn, ms: e.silentMs });
      const lines = e.lines?.length ? t(lang, "tcpStepExpect", { conn, lines: e.lines.map((x) => describeLine(x, lang)).join(" ⏎ ") }) : "";
      return [lines, e.closed ? t(lang, "tcpStepExpectClose", { conn }) : ""].filter(Boolean).join("; ");
    })
    .join("; ");
}
