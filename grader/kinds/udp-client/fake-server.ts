// The fake server of one udp-client case, in the probe (so in the submission's own network): a socket on a
// port the probe's system picks, the decoy sockets the case sends from, and the loop that routes each
// request to the copy that sent it (routing.ts) and answers it as the case says (wait, decoy, reply).
import { setTimeout as sleep } from "node:timers/promises";
import { randomBytes } from "node:crypto";
import type { Action, Case } from "../../generated/udp-client-cases.js";
import type { ProbeClient } from "../../probe/client.js";
import type { DatagramRecord, Endpoint } from "../../probe/protocol.js";
import type { LinkSchedule } from "../../probe/impairment.js";
import { parseJsonDatagram, payloadBytes, preview, type Payload } from "../socket/payload.js";
import { endpointText } from "../socket/transcript.js";
import { linkIgnores } from "./link.js";
import { fillReply } from "./reply-fill.js";
import { ownerOf } from "./routing.js";
import type { ClientRun } from "./client-run.js";

/** With `answerEvery`, each sender's requests are answered up to this many times. */
const MAX_ANSWERS = 64;
/** While serving, how many datagrams between two looks at the case's datagram budget. */
const BUDGET_CHECK_EVERY = 32;
/** Shape verdicts one case may give (a correct client sends one request per copy, a few with resends). */
const MAX_SHAPE_VERDICTS = 8;
/** Tries at a port where the decoys that share the server's port can bind too. */
const OPEN_TRIES = 20;
/** How often an `awaitCopiesMs` wait looks whether every copy has sent or ended. */
const COPIES_POLL_MS = 5;

type Decoy = Extract<Action, { decoy: unknown }>;


/** The probe name of the socket a decoy action sends from: one per place a case's decoys come from. */
function decoySocketName(c: Case, action: Decoy): string {
  const from = action.from;
  return from ? `${c.id}/decoy@${from.host ?? c.host}${from.serverPort ? ":server" : ""}` : `${c.id}/decoy`;
}

/** Called for each datagram a copy sent (not the link's second copies), at most MAX_SHAPE_VERDICTS times a case. */
export type OnRequest = (sent: ReturnType<typeof parseJsonDatagram>, gotText: string) => void;

export class FakeServer {
  /** The server socket's probe name; every socket of the case is named `${c.id}/…` (one datagram budget). */
  readonly name: string;
  /** Decoy sockets by probe name, opened on first use (or with the server when they share its port). */
  readonly decoys = new Map<string, Promise<Endpoint>>();
  /** How late the latest scripted send left, past its time (probe clock, ms): a grader that fell behind. */
  lateMs = 0;
  /**
   * How much longer than the script says the longest pause between two of a request's scripted sends was (or
   * between the request and the first), ms: a script that left late as a whole keeps its pauses, one that
   * stalled in the middle does not.
   */
  stretchMs = 0;
  /**
   * An `awaitCopiesMs` wait ran out before every copy had sent or ended: the copies did not run at the same
   * time (one started that late), so the run could not tell whether two copies at once work.
   */
  apart = false;
  /** Chains handed out to requests' scripts (see `answer`). */
  private chains = 0;
  /** The copies being served (set by serve). */
  private clients: ClientRun[] = [];
  /**
   * Settles once every copy of the program has ended: what the case's script still holds (a stream of
   * stale replies for 6 s, a last wait) could reach no one, and the case need not wait for it.
   */
  private readonly ended: Promise<undefined>;
  private markEnded!: () => void;

  constructor(
    private readonly probe: ProbeClient,
    private readonly c: Case,
    /** The request key that names the copy that sent it (`client.routeBy`). */
    private readonly routeBy: string | null,
  ) {
    this.name = `${c.id}/server`;
    this.ended = new Promise((resolve) => (this.markEnded = () => resolve(undefined)));
  }

  /** `p`'s value, or undefined once the program has ended first (`p` may then still fail: nobody waits for it). */
  private untilEnded<T>(p: Promise<T>): Promise<T | undefined> {
    p.catch(() => {});
    return Promise.race([p, this.ended]);
  }

  /**
   * Opens the server on a free port of the case's host, bound by the probe (a port its udpFreePort finds free in
   * the network the program runs in), with the decoys that send from that same port on another host: if
   * that port is taken there, all of them move to another port.
   */
  async open(link?: LinkSchedule): Promise<Endpoint> {
    const c = this.c;
    const samePort = [...new Map(c.server.flatMap((a) => ("decoy" in a && a.from?.serverPort ? [[decoySocketName(c, a), a.from.host ?? c.host] as const] : []))).entries()];
    for (let i = 0; ; i++) {
      const opened: string[] = [];
      try {
        // Below the ephemeral range (the probe's udpFreePort), never port 0: a port the kernel hands out is
        // one another case's client may just have left, and a late datagram to that client (a decoy's)
        // would reach this server as if this case's program had sent it.
        const port = (await this.probe.call("udpFreePort", { host: c.host })).port;
        const server = await this.probe.call("open", { socket: this.name, host: c.host, port, ...(link ? { link } : {}) });
        opened.push(this.name);
        for (const [decoyName, host] of samePort) {
          const at = await this.probe.call("open", { socket: decoyName, host, port: server.port });
          opened.push(decoyName);
          this.decoys.set(decoyName, Promise.resolve(at));
        }
        return server;
      } catch (e) {
        for (const n of opened) await this.probe.call("close", { socket: n });
        this.decoys.clear();
        if (i >= OPEN_TRIES) throw e;
      }
    }
  }

  /** Every socket of the case, for its transcript. */
  sockets(): string[] {
    return [this.name, ...this.decoys.keys()];
  }

  /** Closes the server and every decoy that did open. */
  async close(): Promise<void> {
    await this.probe.call("close", { socket: this.name });
    for (const [name, opened] of this.decoys) if (await opened.then(() => true, () => false)) await this.probe.call("close", { socket: name });
  }

  /**
   * Serves: every datagram is a request; the first from each sender and TEXT gets the case's actions (run
   * concurrently, one handler each). Returns once every copy has ended and every handler is done.
   */
  async serve(clients: ClientRun[], finished: () => boolean, flooded: () => Promise<boolean>, onRequest: OnRequest): Promise<void> {
    const c = this.c;
    this.clients = clients;
    const handlers: Promise<void>[] = [];
    const served = new Set<string>();
    const answers = new Map<string, number>();
    const leftovers: DatagramRecord[] = [];
    let stopped = false;
    let shapeVerdicts = 0;
    for (let drained = false, sinceCheck = 0; ; ) {
      // The budget is looked at when the socket is quiet and every so many datagrams: past it the probe
      // drops what arrives, so a flood shows as quiet soon after it spends the budget.
      if (!stopped && !drained && sinceCheck >= BUDGET_CHECK_EVERY) {
        sinceCheck = 0;
        stopped = await flooded();
      }
      if (finished() && !drained) {
        // The last copy has ended: read what arrived just before, then stop (the scripts' remaining sends too).
        this.markEnded();
        leftovers.push(...(await this.probe.call("drain", { socket: this.name })));
        drained = true;
      }
      const d = drained ? leftovers.shift() : await this.probe.call("recv", { socket: this.name, timeoutMs: 50 });
      if (!d) {
        if (drained) break;
        sinceCheck = BUDGET_CHECK_EVERY;
        continue;
      }
      sinceCheck++;
      const arrived = performance.now();
      const parsed = parseJsonDatagram(Buffer.from(d.data, "base64"));
      // What the program sent: a corrupted datagram is judged by its bytes before the link changed them.
      const sent = d.wire ? parseJsonDatagram(Buffer.from(d.wire, "base64")) : parsed;
      const request = parsed.ok ? parsed.value : undefined;
      const sender = endpointText(d.from);
      const owner = ownerOf(clients, request, sender, this.routeBy);
      if (!d.copy) {
        owner.requests.push(d);
        // One shape verdict per datagram, up to a few per case: a flood is charged to its request count and
        // budget, and must not outweigh every other case of the shape check.
        if (shapeVerdicts++ < MAX_SHAPE_VERDICTS) onRequest(sent, preview(Buffer.from(d.wire ?? d.data, "base64"), 100));
      }
      // The server never sees what the link dropped, and drops what the link corrupted (as its checksum would).
      if (d.link && linkIgnores(d.link)) continue;
      // Each new sender and TEXT is answered once (two copies may even share a fixed port, one after the
      // other), or every request when the case says so (a resend over a lossy link).
      const key = `${sender} ${owner.text}`;
      if (served.has(key) && !c.answerEvery) continue;
      served.add(key);
      // A program that floods gets its first answers, not one per datagram (the grader's work stays bounded).
      const answered = (answers.get(key) ?? 0) + 1;
      answers.set(key, answered);
      if (answered > MAX_ANSWERS) continue;
      handlers.push(this.answer(d, arrived, owner, request));
    }
    await Promise.all(handlers);
  }

  /** True once every copy has sent a request or ended; false when `ms` ran out first. */
  private async copiesInOrEnded(ms: number): Promise<boolean> {
    const until = performance.now() + ms;
    const ready = () => this.clients.every((cl) => cl.requests.length > 0 || cl.outcome);
    while (!ready()) {
      if (performance.now() >= until) return false;
      await sleep(COPIES_POLL_MS);
    }
    return true;
  }

  private sent(due: number, { at }: { at: number }, before: { due: number; at: number }): void {
    this.lateMs = Math.max(this.lateMs, at - due);
    this.stretchMs = Math.max(this.stretchMs, at - before.at - (due - before.due));
    before.due = due;
    before.at = at;
  }

  /**
   * Runs the case's actions for one request, each at its time on the probe's clock. The sends go to the probe
   * as soon as they are known, each with its time and this request's chain: the probe sends them in order,
   * with no round trip to the grader between two (a grader behind under load would stretch the pauses).
   */
  private async answer(d: DatagramRecord, arrived: number, owner: ClientRun, request: unknown): Promise<void> {
    const c = this.c;
    // The case's waits count from when the request reached the probe, on the probe's clock: the
    // probe sends each datagram at its time (see `send`'s notBefore), whatever the grader's load.
    let due = d.at;
    const before = { due, at: d.at };
    const chain = `${this.name}#${++this.chains}`;
    const issued: { due: number; sending: Promise<{ at: number }> }[] = [];
    // On the grader's clock, then back onto the probe's: d.at plus the time since the request was read is no
    // later than the probe's now.
    const probeNow = () => d.at + (performance.now() - arrived);
    // Replies and decoys are filled alike: an unguessable token makes a made-up answer impossible (stdout
    // must be this very reply), and a decoy can be a valid reply in all but its source.
    const fill = (p: Payload) => fillReply(p, { text: owner.text, from: endpointText(d.from), token: (owner.tokenValue ??= randomBytes(9).toString("hex")), request });
    // Every decoy socket first: a send is handed over only once its socket is open, and in the script's order.
    await Promise.all(c.server.flatMap((a) => ("decoy" in a ? [this.decoyOpened(decoySocketName(c, a), a.from?.host ?? c.host)] : [])));
    for (const action of c.server) {
      if ("waitMs" in action) {
        due += action.waitMs;
        continue;
      }
      if ("awaitCopiesMs" in action) {
        await sleep(Math.max(0, due - probeNow()));
        if (!(await this.untilEnded(this.copiesInOrEnded(action.awaitCopiesMs)))) {
          if (!this.clients.every((cl) => cl.outcome)) this.apart = true;
        }
        due = Math.max(due, probeNow());
        continue;
      }
      let socket = this.name;
      let payload: Payload;
      if ("decoy" in action) {
        socket = decoySocketName(c, action);
        payload = fill(action.decoy).payload;
      } else {
        const filled = fill(action.reply);
        payload = filled.payload;
        owner.reply ??= filled.json;
        if (JSON.stringify(filled.json)?.includes(owner.tokenValue!)) owner.token = owner.tokenValue;
      }
      const sending = this.probe.call("send", { socket, to: d.from, data: payloadBytes(payload).toString("base64"), notBefore: due, chain });
      sending.catch(() => {}); // awaited below, unless the program ends first
      issued.push({ due, sending });
    }
    for (const { due: at, sending } of issued) {
      const sent = await this.untilEnded(sending);
      if (!sent) {
        // The program ended before this send's time: the rest of the script would reach no one.
        void this.probe.call("cancelChain", { chain }).catch(() => {});
        return;
      }
      this.sent(at, sent, before);
    }
    // A last wait with nothing after it keeps the case open that long, while the program runs.
    const last = c.server[c.server.length - 1];
    if (last && "waitMs" in last) await this.untilEnded(sleep(Math.max(0, due - probeNow())));
  }

  /** The decoy socket `name`, opened on first use. */
  private decoyOpened(name: string, host: string): Promise<Endpoint> {
    if (!this.decoys.has(name)) this.decoys.set(name, this.probe.call("open", { socket: name, host }));
    return this.decoys.get(name)!;
  }
}
