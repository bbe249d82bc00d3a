// Sends and receives datagrams for the grader, and keeps a transcript of every one. Knows nothing of
// exercises or scoring: it only does what its commands say, on the addresses it is given.
// Everything it keeps is bounded, so a program that floods its sockets costs memory and time in
// proportion to the bounds, not to the flood: the transcript keeps a prefix of each payload (a ring of
// MAX_RECORDS), each socket queues at most MAX_QUEUE datagrams / MAX_QUEUE_BYTES (the rest is dropped
// and counted), and a budget (set by the grader per case) drops everything past it.
import { setTimeout as sleep } from "node:timers/promises";
import dgram from "node:dgram";
import net from "node:net";
import { TRANSCRIPT_PREFIX_BYTES, type Args, type BudgetUsage, type CommandName, type DatagramRecord, type Endpoint, type Result } from "./protocol.js";
import { freeUdpPort, holdPortRun, tryBindUdp, type HeldPorts } from "./ports.js";
import { TcpStreams } from "./tcp-streams.js";
import { Impairment, type Delivery } from "./impairment.js";
import { canTellUnheard, droppedForNoSocket, noPortsBefore } from "./unheard.js";
import { afterPendingIo } from "../core/after-pending-io.js";
import { loopLag } from "../core/loop-lag.js";

const MAX_RECORDS = 10_000;
const MAX_QUEUE = 256;
const MAX_QUEUE_BYTES = 2 * 1024 * 1024;

/** A datagram that arrived, its payload whole (encoded only when it is handed out). */
type Arrived = Omit<DatagramRecord, "data"> & { payload: Buffer };

interface Budget extends BudgetUsage {
  prefix: string;
  maxDatagrams: number;
  maxBytes: number;
}

interface Waiter {
  from?: Endpoint;
  resolve: (d: DatagramRecord | null) => void;
  timer: NodeJS.Timeout;
}

interface ProbeSocket {
  socket: dgram.Socket;
  local: Endpoint;
  queue: Arrived[];
  queuedBytes: number;
  /** Datagrams that found the queue full. */
  dropped: number;
  waiters: Waiter[];
  /** A lossy link in front of the socket (grader/probe/impairment.ts), with its pending timers. */
  link?: LinkState;
}

interface LinkState {
  impairment: Impairment;
  timers: Set<NodeJS.Timeout>;
  /** Datagrams held back until the next one in the same direction overtakes them. */
  held: { inbound: (() => void)[]; outbound: (() => void)[] };
  closed: boolean;
}

const handOut = (a: Arrived): DatagramRecord => {
  const { payload, ...rest } = a;
  return { ...rest, data: payload.toString("base64") };
};

const sameEndpoint = (a: Endpoint, b: Endpoint) => a.port === b.port && normalizeHost(a.host) === normalizeHost(b.host);

function normalizeHost(h: string): string {
  return h.replace(/^::ffff:/, "").replace(/%.*$/, "");
}

export class UdpProbe {
  private readonly sockets = new Map<string, ProbeSocket>();
  private readonly held = new Map<string, HeldPorts>();
  private holds = 0;
  /** The transcript: a ring of the last MAX_RECORDS records (payload prefixes); `ringStart` is the oldest. */
  private readonly records: DatagramRecord[] = [];
  private ringStart = 0;
  private readonly budgets = new Map<string, Budget>();
  /** Sends in order by chain (see the protocol's `send`): each waits for the chain's tail. */
  private readonly chains = new Map<string, { tail: Promise<void>; pending: number; cancelled: boolean }>();
  private seq = 0;
  private readonly epoch = performance.now();
  /** TCP connections share the clock and the sequence numbers, so one mark covers both transcripts. */
  private readonly tcp = new TcpStreams(() => this.now(), () => this.seq++);

  constructor() {
    loopLag.start();
  }

  private now(): number {
    return Math.round((performance.now() - this.epoch) * 100) / 100;
  }

  /** Adds a record (its payload cut to a prefix) to the ring; returns its seq and time. */
  private record(r: Omit<DatagramRecord, "seq" | "at" | "data" | "size">, payload: Buffer): { seq: number; at: number } {
    const rec: DatagramRecord = { ...r, seq: this.seq++, at: this.now(), size: payload.length, data: payload.subarray(0, TRANSCRIPT_PREFIX_BYTES).toString("base64") };
    if (this.records.length < MAX_RECORDS) this.records.push(rec);
    else {
      this.records[this.ringStart] = rec;
      this.ringStart = (this.ringStart + 1) % MAX_RECORDS;
    }
    return rec;
  }

  private transcript({ since, sockets, head = Infinity, tail = 0 }: Args<"transcript">): DatagramRecord[] {
    const only = sockets ? new Set(sockets) : undefined;
    const n = this.records.length;
    const out: DatagramRecord[] = [];
    for (let i = 0; i < n; i++) {
      const r = this.records[(this.ringStart + i) % n];
      if (r.seq < since || (only && !only.has(r.socket))) continue;
      out.push(r);
      // Past head + tail: keep the first `head`, and the last `tail` in a window that slides.
      if (out.length > head + tail) out.splice(head, 1);
    }
    return out;
  }

  /** Counts an arrival against the budgets of its socket; false when it is past one (it is then dropped). */
  private withinBudget(name: string, bytes: number): boolean {
    let ok = true;
    for (const b of this.budgets.values()) {
      if (!name.startsWith(b.prefix)) continue;
      if (!b.over) {
        b.datagrams++;
        b.bytes += bytes;
        b.over = b.datagrams > b.maxDatagrams || b.bytes > b.maxBytes;
      }
      if (b.over) {
        b.dropped++;
        ok = false;
      }
    }
    return ok;
  }

  private get(name: string): ProbeSocket {
    const s = this.sockets.get(name);
    if (!s) throw new Error(`no probe socket named ${name}`);
    return s;
  }

  async handle<C extends CommandName>(command: C, args: Args<C>): Promise<Result<C>> {
    const a = args as never;
    if (command.startsWith("tcp")) return this.tcp.handle(command as never, a) as Promise<Result<C>>;
    switch (command) {
      case "open": return (await this.open(a)) as Result<C>;
      case "send": return (await this.chained(a)) as Result<C>;
      case "cancelChain": return this.cancelChain(a) as Result<C>;
      case "recv": return (await this.recv(a)) as Result<C>;
      case "wake": return this.wake(a) as Result<C>;
      case "drain": return this.drain(a) as Result<C>;
      case "drainAll": {
        const { prefix } = args as Args<"drainAll">;
        return Object.fromEntries([...this.sockets.keys()].filter((n) => n.startsWith(prefix)).map((n) => [n, this.drain({ socket: n })])) as Result<C>;
      }
      case "close": return (await this.close((args as Args<"close">).socket)) as Result<C>;
      case "closeAll": return (await this.closeAll()) as Result<C>;
      case "mark": return { seq: this.seq, at: this.now(), origin: performance.timeOrigin + this.epoch } as Result<C>;
      case "lag": return { ms: loopLag.maxSince(this.epoch + (args as Args<"lag">).since) } as Result<C>;
      case "transcript": return this.transcript(args as Args<"transcript">) as Result<C>;
      case "budget": {
        const { prefix, datagrams, bytes } = args as Args<"budget">;
        this.budgets.set(prefix, { prefix, maxDatagrams: datagrams, maxBytes: bytes, datagrams: 0, bytes: 0, over: false, dropped: 0 });
        return {} as Result<C>;
      }
      case "usage": {
        const b = this.budgets.get((args as Args<"usage">).prefix);
        return (b ? { datagrams: b.datagrams, bytes: b.bytes, over: b.over, dropped: b.dropped } : { datagrams: 0, bytes: 0, over: false, dropped: 0 }) as Result<C>;
      }
      case "holdPorts": {
        const held = await holdPortRun((args as Args<"holdPorts">).requests);
        const handle = String(++this.holds);
        this.held.set(handle, held);
        return { handle, ports: held.ports } as Result<C>;
      }
      case "releasePorts": {
        const { handle } = args as Args<"releasePorts">;
        await this.held.get(handle)?.release();
        this.held.delete(handle);
        return {} as Result<C>;
      }
      case "canBind": {
        const { host, port } = args as Args<"canBind">;
        const r = await tryBindUdp(host, port);
        return (r.ok ? { ok: true } : { ok: false, error: r.error }) as Result<C>;
      }
      case "udpFreePort": return { port: await freeUdpPort((args as Args<"udpFreePort">).host) } as Result<C>;
      case "canTellUnheard": return { ok: canTellUnheard() } as Result<C>;
      default:
        throw new Error(`unknown probe command ${String(command)}`);
    }
  }

  private open({ socket: name, host, port = 0, link }: Args<"open">): Promise<Endpoint> {
    if (this.sockets.has(name)) throw new Error(`probe socket ${name} is already open`);
    return new Promise((resolve, reject) => {
      const socket = dgram.createSocket({ type: net.isIPv6(host) ? "udp6" : "udp4", reuseAddr: false });
      socket.once("error", reject);
      socket.bind({ address: host, port, exclusive: true }, () => {
        socket.off("error", reject);
        socket.on("error", () => {}); // e.g. ICMP port unreachable on Linux: the datagram is simply lost
        const addr = socket.address();
        const ps: ProbeSocket = { socket, local: { host: addr.address, port: addr.port }, queue: [], queuedBytes: 0, dropped: 0, waiters: [] };
        if (link) ps.link = { impairment: new Impairment(link), timers: new Set(), held: { inbound: [], outbound: [] }, closed: false };
        socket.on("message", (msg, rinfo) => this.deliver(name, ps, msg, rinfo));
        this.sockets.set(name, ps);
        resolve(ps.local);
      });
    });
  }

  private deliver(name: string, ps: ProbeSocket, msg: Buffer, rinfo: dgram.RemoteInfo): void {
    if (!this.withinBudget(name, msg.length)) return;
    const from = { host: normalizeHost(rinfo.address), port: rinfo.port };
    const note = ps.link ? ps.link.impairment.next("inbound", msg) : undefined;
    const { seq, at } = this.record({ direction: "received", socket: name, from, to: ps.local, ...(note ? { link: note.note } : {}) }, msg);
    const arrived: Arrived = { seq, at, direction: "received", socket: name, from, to: ps.local, size: msg.length, payload: msg, ...(note ? { link: note.note } : {}) };
    // Over a lossy link the transcript keeps what came off the wire and what the link does to it. A
    // dropped or corrupted datagram still reaches the grader, marked, so it can be counted as sent.
    if (!ps.link || !note || note.note.fate === "drop") return this.enqueue(ps, arrived);
    const corrupt = note.note.fate === "corrupt";
    this.pass(ps.link, "inbound", note.deliveries, note.hold, (d) => this.enqueue(ps, { ...arrived, payload: d.data, size: d.data.length, ...(corrupt ? { wire: msg.toString("base64") } : {}), ...(d.copy ? { copy: true } : {}) }));
  }

  private enqueue(ps: ProbeSocket, arrived: Arrived): void {
    const i = ps.waiters.findIndex((w) => !w.from || sameEndpoint(w.from, arrived.from));
    if (i >= 0) {
      const [w] = ps.waiters.splice(i, 1);
      clearTimeout(w.timer);
      w.resolve(handOut(arrived));
    } else if (ps.queue.length < MAX_QUEUE && ps.queuedBytes + arrived.size <= MAX_QUEUE_BYTES) {
      ps.queue.push(arrived);
      ps.queuedBytes += arrived.size;
    } else ps.dropped++;
  }

  /** Hands deliveries over as the link says: after their delays, a held one right after the next. */
  private pass(link: LinkState, direction: "inbound" | "outbound", deliveries: Delivery[], hold: boolean, to: (d: Delivery) => void): void {
    const later = (ms: number, fn: () => void) => {
      const timer = setTimeout(() => {
        link.timers.delete(timer);
        if (!link.closed) fn();
      }, ms);
      link.timers.add(timer);
      return timer;
    };
    if (hold) {
      const d = deliveries[0];
      let done = false;
      const fire = () => {
        if (done || link.closed) return;
        done = true;
        clearTimeout(timer);
        link.timers.delete(timer);
        to(d);
      };
      const timer = later(d.afterMs, fire);
      link.held[direction].push(fire);
      return;
    }
    if (deliveries.length === 0) return;
    const overtaken = link.held[direction].splice(0);
    deliveries.forEach((d, i) => {
      const go = () => {
        to(d);
        if (i === 0) for (const fire of overtaken) fire();
      };
      if (d.afterMs > 0) later(d.afterMs, go);
      else go();
    });
  }

  /** A send in its chain's order (see the protocol): after the chain's previous send, unless the chain was cancelled. */
  private chained(args: Args<"send">): Promise<Result<"send">> {
    const name = args.chain;
    if (name === undefined) return this.send(args);
    let chain = this.chains.get(name);
    if (!chain) this.chains.set(name, (chain = { tail: Promise.resolve(), pending: 0, cancelled: false }));
    const c = chain;
    c.pending++;
    const mine = c.tail.then(() => (c.cancelled ? Promise.reject(new Error(`probe send on ${args.socket} was cancelled`)) : this.send(args, () => c.cancelled)));
    c.tail = mine.then(
      () => {},
      () => {},
    );
    return mine.finally(() => {
      if (--c.pending === 0 && this.chains.get(name) === c) this.chains.delete(name);
    });
  }

  private cancelChain({ chain: name }: Args<"cancelChain">): Result<"cancelChain"> {
    const c = this.chains.get(name);
    if (!c) return { cancelled: 0 };
    c.cancelled = true;
    this.chains.delete(name);
    return { cancelled: c.pending };
  }

  private async send({ socket: name, to, data, notBefore, unheard }: Args<"send">, cancelled = () => false): Promise<Result<"send">> {
    const ps = this.get(name);
    const buf = Buffer.from(data, "base64");
    // A wait measured here, from when the datagram it answers arrived here, does not grow with the
    // grader's own delays under load (the round trips to the grader and back).
    const early = notBefore === undefined ? 0 : notBefore - this.now();
    if (early > 0) await sleep(Math.min(early, 60_000));
    // Closed while it waited (the grader no longer waits for a send the program ended before).
    if (this.sockets.get(name) !== ps) throw new Error(`probe socket ${name} was closed before its send time`);
    if (cancelled()) throw new Error(`probe send on ${name} was cancelled before its send time`);
    if (ps.link) {
      const link = ps.link;
      const { note, deliveries, hold } = link.impairment.next("outbound", buf);
      // A reply the link corrupted is shown as the program got it (the note says which byte changed).
      const corrupt = note.fate === "corrupt";
      const rec = this.record({ direction: "sent", socket: name, from: ps.local, to, link: note, ...(corrupt ? { wire: data } : {}) }, corrupt ? deliveries[0].data : buf);
      this.pass(link, "outbound", deliveries, hold, (d) => ps.socket.send(d.data, to.port, to.host, () => {}));
      return { at: rec.at };
    }
    const before = unheard ? noPortsBefore(to) : undefined;
    const at = await new Promise<number>((resolve, reject) => {
      ps.socket.send(buf, to.port, to.host, (err) => {
        if (err) return reject(err);
        resolve(this.record({ direction: "sent", socket: name, from: ps.local, to }, buf).at);
      });
    });
    return unheard ? { at, unheard: await droppedForNoSocket(to, before) } : { at };
  }

  private recv({ socket: name, timeoutMs, from }: Args<"recv">): Promise<DatagramRecord | null> {
    const ps = this.get(name);
    const i = ps.queue.findIndex((d) => !from || sameEndpoint(from, d.from));
    if (i >= 0) {
      const [d] = ps.queue.splice(i, 1);
      ps.queuedBytes -= d.size;
      return Promise.resolve(handOut(d));
    }
    return new Promise((resolve) => {
      const w: Waiter = {
        from,
        resolve,
        // A datagram the kernel already holds when the time is up counts as in time (see afterPendingIo).
        timer: setTimeout(
          () =>
            afterPendingIo(() => {
              const k = ps.waiters.indexOf(w);
              if (k < 0) return; // delivered meanwhile
              ps.waiters.splice(k, 1);
              resolve(null);
            }),
          Math.max(0, timeoutMs),
        ),
      };
      ps.waiters.push(w);
    });
  }

  private wake({ socket: name }: Args<"wake">): Record<string, never> {
    for (const w of this.sockets.get(name)?.waiters.splice(0) ?? []) {
      clearTimeout(w.timer);
      w.resolve(null);
    }
    return {};
  }

  private drain({ socket: name }: Args<"drain">): DatagramRecord[] {
    const ps = this.get(name);
    ps.queuedBytes = 0;
    return ps.queue.splice(0).map(handOut);
  }

  private close(name: string): Promise<Record<string, never>> {
    const ps = this.sockets.get(name);
    if (!ps) return Promise.resolve({});
    this.sockets.delete(name);
    // A budget ends with the last of its sockets (each case of a client exercise has its own).
    for (const b of this.budgets.values()) if (name.startsWith(b.prefix) && ![...this.sockets.keys()].some((n) => n.startsWith(b.prefix))) this.budgets.delete(b.prefix);
    if (ps.link) {
      ps.link.closed = true;
      for (const timer of ps.link.timers) clearTimeout(timer);
    }
    for (const w of ps.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.resolve(null);
    }
    return new Promise((resolve) => ps.socket.close(() => resolve({})));
  }

  private async closeAll(): Promise<Record<string, never>> {
    await this.tcp.closeAll();
    await Promise.all([...this.sockets.keys()].map((n) => this.close(n)));
    await Promise.all([...this.held.values()].map((h) => h.release()));
    this.held.clear();
    return {};
  }
}
