// One step of a udp-server case: send a datagram from a named grader socket (resent a bounded number of
// times, since loopback may drop under load; a fresh server's first datagram is resent until it is up) and
// judge what comes back against the step's pattern, or check that nothing does, or that the server runs.
import type { Step } from "../../generated/udp-server-cases.js";
import { t, type Lang } from "../../core/i18n.js";
import type { ProbeClient } from "../../probe/client.js";
import type { DatagramRecord, Endpoint } from "../../probe/protocol.js";
import { parseJsonDatagram, payloadBytes, preview } from "../socket/payload.js";
import { describePattern, matchPattern } from "../socket/pattern.js";
import { endpointText } from "../socket/transcript.js";
import type { CaseMatchers } from "./matchers.js";
import { EXIT_GRACE_MS, READY_POLL_MS, type Limits, type ServerLife } from "./server-life.js";
import type { GraderSockets, Launch } from "./sockets.js";

/** How long a step that must get no reply listens when its datagram found no socket to take it (see probe/unheard.ts). */
const UNHEARD_LISTEN_MS = 50;

/** How a step ended, for the case: a fresh server that ended before its first answer, or never answered at all. */
export type StepOutcome = { problems: string[]; expected?: string; got?: string; fresh?: "ended" | "silent" };

export class StepSender {
  private readonly probe: ProbeClient;

  constructor(
    private readonly life: ServerLife,
    private readonly sockets: GraderSockets,
    private readonly launch: Launch,
    private readonly limits: Limits,
    private readonly lang: Lang,
    probe: ProbeClient,
  ) {
    this.probe = probe;
  }

  /** Runs one step; `onReply` hears every reply that came (for the exercise's message-shape check). */
  async run(step: Step, matchers: CaseMatchers, onReply: (parsed: ReturnType<typeof parseJsonDatagram>, gotText: string) => void): Promise<StepOutcome> {
    const life = this.life;
    if (step.expect.alive) {
      if (life.exited) return { problems: await life.goneWords(), expected: t(this.lang, "serverStillRunning") };
      return { problems: [] };
    }
    const state = await this.sockets.socket(step.from!);
    const name = state.probeName;
    const serverAt = life.serverAt;
    const to: Endpoint = { host: step.to ?? this.launch.host, port: serverAt.port };
    const data = payloadBytes(step.send!).toString("base64");
    const problems: string[] = [];
    const extra = await this.sockets.drainAll(serverAt);
    if (extra) problems.push(t(this.lang, "extraDatagrams", { count: extra }));

    if (step.expect.noReply) {
      const sent = await this.probe.call("send", { socket: name, to, data, unheard: true });
      state.sent++;
      // A datagram the kernel dropped because no socket could take it gets no reply, ever: listen briefly
      // (a reply that still came fails the step; a later one, the drain after the case's last step).
      const listenMs = sent.unheard ? UNHEARD_LISTEN_MS : this.limits.replySeconds * 1000;
      const reply = await this.probe.call("recv", { socket: name, timeoutMs: listenMs });
      const gotText = reply ? preview(Buffer.from(reply.data, "base64"), 80) : t(this.lang, "noReplyWord");
      if (reply) problems.push(t(this.lang, "unexpectedReply", { detail: gotText }));
      return { problems, expected: t(this.lang, "noReplyWord"), got: gotText };
    }

    const pattern = (step.expect.reply as { json?: unknown }).json;
    const expected = describePattern(pattern, matchers.words(step));
    let reply: DatagramRecord | null = null;
    let tries = 0;
    const fresh = life.fresh;
    if (fresh) {
      // The server's first datagram: sent until it is answered (the server may still be starting), at most
      // startSeconds; the copies it may answer late are allowed for like resends.
      const until = performance.now() + this.limits.startSeconds * 1000;
      while (!reply && performance.now() < until && !life.exited) {
        await this.probe.call("send", { socket: name, to, data });
        state.sent++;
        reply = await this.probe.call("recv", { socket: name, timeoutMs: READY_POLL_MS[Math.min(tries, READY_POLL_MS.length - 1)] });
        tries++;
      }
      reply ??= life.exited ? await this.probe.call("recv", { socket: name, timeoutMs: EXIT_GRACE_MS }) : null;
    } else {
      // Loopback drops datagrams only under heavy load; a bounded number of resends keeps a correct server
      // from failing by chance ({"$count": ...} accounts for the resends).
      while (!reply && tries <= this.limits.retries && !life.exited) {
        tries++;
        await this.probe.call("send", { socket: name, to, data });
        state.sent++;
        reply = await life.recvWhileAlive(name, this.limits.replySeconds * 1000);
      }
    }
    // Every send that has not been answered yet may still be answered late.
    state.lateReplies += reply ? tries - 1 : tries;
    if (!reply) {
      if (fresh && life.exited) return { problems: [t(this.lang, "serverEndedFirst", { how: await life.exitWords() })], expected, got: t(this.lang, "noReplyWord"), fresh: "ended" };
      if (fresh) return { problems: [t(this.lang, "noReplySinceStart", { tries, seconds: this.limits.startSeconds })], expected, got: t(this.lang, "noReplyWord"), fresh: "silent" };
      if (tries > 0) problems.push(t(this.lang, "noReply", { tries, seconds: this.limits.replySeconds }));
      if (life.exited) problems.push(...(await life.goneWords()));
      return { problems, expected, got: t(this.lang, "noReplyWord") };
    }
    const bytes = Buffer.from(reply.data, "base64");
    const gotText = preview(bytes, 160);
    if (endpointText(reply.from) !== endpointText(serverAt)) {
      problems.push(t(this.lang, "replyFromElsewhere", { from: endpointText(reply.from), to: endpointText(serverAt) }));
    }
    // An answer, even from elsewhere: the server is up and serving.
    life.answered(true);
    life.fresh = false;
    const parsed = parseJsonDatagram(bytes);
    onReply(parsed, gotText);
    if (!parsed.ok) {
      problems.push(t(this.lang, "replyNotJson", { why: parsed.why }));
      return { problems, expected, got: gotText };
    }
    problems.push(...matchPattern(pattern, parsed.value, matchers.forStep(step, state), this.lang));
    state.replied++;
    return { problems, expected, got: gotText };
  }
}
