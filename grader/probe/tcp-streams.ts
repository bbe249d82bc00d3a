// TCP connections for the grader, made from inside the submission's network (like the UDP sockets of
// udp-probe.ts): connect, send bytes in chosen chunks with delays between them (each chunk its own segment:
// Nagle is off), half-close, reset, read until some newlines or the peer's close. Every chunk sent, every
// chunk received and every event is kept in a transcript. Knows nothing of exercises: only its commands.
// Everything is bounded: bytes kept per connection, records kept, and every wait.
import { setTimeout as sleep } from "node:timers/promises";
import net from "node:net";
import type { Endpoint, StreamRecord, TcpCommands } from "./protocol.js";
import { quietPort } from "./quiet-port.js";
import { afterPendingIo } from "../core/after-pending-io.js";

/** Bytes kept unread per connection; beyond this a flooding peer's bytes are counted and dropped. */
const MAX_BUFFERED = 4 * 1024 * 1024;
/** Bytes of each received chunk kept in the transcript (its size is always exact). */
const RECORD_BYTES = 256;
const MAX_RECORDS = 5_000;
const MAX_CONNECTIONS = 256;
/** A chunk plan may not make the probe send for longer than this. */
const MAX_SEND_MS = 20_000;

interface Conn {
  socket: net.Socket;
  local: Endpoint;
  remote: Endpoint;
  buffer: Buffer[];
  buffered: number;
  dropped: number;
  /** The peer closed its side (FIN), or the connection broke ("reset", an error code). */
  eof: boolean;
  error?: string;
  wake?: () => void;
}

type Args<C extends keyof TcpCommands> = TcpCommands[C]["args"];
type Res<C extends keyof TcpCommands> = TcpCommands[C]["result"];

const plain = (h: string | undefined) => (h ?? "").replace(/^::ffff:/, "");

export class TcpStreams {
  private readonly conns = new Map<string, Conn>();
  private readonly records: StreamRecord[] = [];

  constructor(
    private readonly clock: () => number,
    private readonly nextSeq: () => number,
  ) {}

  private record(r: Omit<StreamRecord, "seq" | "at">): void {
    this.records.push({ ...r, seq: this.nextSeq(), at: this.clock() });
    if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
  }

  transcript(since: number): StreamRecord[] {
    return this.records.filter((r) => r.seq >= since);
  }

  private get(name: string): Conn {
    const c = this.conns.get(name);
    if (!c) throw new Error(`no probe connection named ${name}`);
    return c;
  }

  async handle<C extends keyof TcpCommands>(command: C, args: Args<C>): Promise<Res<C>> {
    const a = args as never;
    switch (command) {
      case "tcpConnect": return (await this.connect(a)) as Res<C>;
      case "tcpSend": return (await this.send(a)) as Res<C>;
      case "tcpRead": return (await this.read(a)) as Res<C>;
      case "tcpShutdown": return this.shutdown(a) as Res<C>;
      case "tcpClose": return (await this.close(a)) as Res<C>;
      case "tcpCanListen": return (await this.canListen(a)) as Res<C>;
      case "tcpFreePort": return (await this.freePort(a)) as Res<C>;
      case "tcpTranscript": return this.transcript((args as Args<"tcpTranscript">).since) as Res<C>;
      default: throw new Error(`unknown probe command ${String(command)}`);
    }
  }

  private connect({ conn: name, host, port, timeoutMs }: Args<"tcpConnect">): Promise<Res<"tcpConnect">> {
    if (this.conns.has(name)) throw new Error(`probe connection ${name} is already open`);
    if (this.conns.size >= MAX_CONNECTIONS) throw new Error(`more than ${MAX_CONNECTIONS} probe connections`);
    return new Promise((resolve) => {
      const socket = net.connect({ host, port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => fail("timeout"), Math.max(1, timeoutMs));
      const fail = (error: string) => {
        clearTimeout(timer);
        socket.destroy();
        this.record({ conn: name, event: "refused", from: { host: "", port: 0 }, to: { host, port }, size: 0, data: "", note: error });
        resolve({ ok: false, error });
      };
      socket.once("error", (e: NodeJS.ErrnoException) => fail(e.code ?? e.message));
      socket.once("connect", () => {
        clearTimeout(timer);
        socket.removeAllListeners("error");
        const c: Conn = { socket, local: { host: plain(socket.localAddress), port: socket.localPort ?? 0 }, remote: { host, port }, buffer: [], buffered: 0, dropped: 0, eof: false };
        socket.on("data", (chunk: Buffer) => {
          this.record({ conn: name, event: "data", from: c.remote, to: c.local, size: chunk.length, data: chunk.subarray(0, RECORD_BYTES).toString("base64") });
          const room = MAX_BUFFERED - c.buffered;
          if (room < chunk.length) c.dropped += chunk.length - Math.max(0, room);
          if (room > 0) {
            const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
            c.buffer.push(kept);
            c.buffered += kept.length;
          }
          // Full: stop reading, so TCP's flow control stops a flooding server (no CPU spent on its bytes).
          if (c.buffered >= MAX_BUFFERED) socket.pause();
          c.wake?.();
        });
        socket.on("end", () => {
          c.eof = true;
          this.record({ conn: name, event: "closed", from: c.remote, to: c.local, size: 0, data: "" });
          c.wake?.();
        });
        socket.on("error", (e: NodeJS.ErrnoException) => {
          c.eof = true;
          c.error = e.code === "ECONNRESET" ? "reset" : (e.code ?? e.message);
          this.record({ conn: name, event: "error", from: c.remote, to: c.local, size: 0, data: "", note: c.error });
          c.wake?.();
        });
        this.conns.set(name, c);
        this.record({ conn: name, event: "connected", from: c.local, to: c.remote, size: 0, data: "" });
        resolve({ ok: true, local: c.local });
      });
    });
  }

  /** Sends `data` in pieces of the given sizes (the last one repeated; the rest in one piece when none). */
  private async send({ conn: name, data, chunks, delayMs = 0, timeoutMs = 5000 }: Args<"tcpSend">): Promise<Res<"tcpSend">> {
    const c = this.get(name);
    const bytes = Buffer.from(data, "base64");
    const started = performance.now();
    let offset = 0;
    let i = 0;
    while (offset < bytes.length) {
      if (c.socket.destroyed || c.socket.writableEnded) return { sent: offset, error: c.error ?? "closed" };
      const size = chunks?.length ? chunks[Math.min(i, chunks.length - 1)] : bytes.length;
      const piece = bytes.subarray(offset, offset + Math.max(1, size));
      if (i > 0 && delayMs > 0) {
        if (performance.now() - started > MAX_SEND_MS) return { sent: offset, error: "send plan too long" };
        await sleep(delayMs);
      }
      this.record({ conn: name, event: "sent", from: c.local, to: c.remote, size: piece.length, data: piece.subarray(0, RECORD_BYTES).toString("base64") });
      // Waiting for the write to be handed to the kernel keeps the pieces apart (and bounds what is queued).
      // A peer that never reads fills the buffers, and the write never completes: bounded by timeoutMs.
      const ok = await new Promise<boolean | "timeout">((resolve) => {
        const timer = setTimeout(() => resolve("timeout"), Math.max(1, timeoutMs));
        c.socket.write(piece, (err) => {
          clearTimeout(timer);
          resolve(!err);
        });
      });
      if (ok === "timeout") return { sent: offset, error: "blocked", blocked: true };
      if (!ok) return { sent: offset, error: c.error ?? "write failed" };
      offset += piece.length;
      i++;
    }
    return { sent: offset };
  }

  /**
   * Takes what arrived: waits until `lines` newlines are buffered, or the peer closed (or broke), or
   * timeoutMs passed, or maxBytes are buffered; returns the bytes up to that many lines (or all of them).
   */
  private async read({ conn: name, lines, timeoutMs, maxBytes = MAX_BUFFERED }: Args<"tcpRead">): Promise<Res<"tcpRead">> {
    const c = this.get(name);
    const newlines = () => {
      let n = 0;
      for (const b of c.buffer) for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++;
      return n;
    };
    const enough = () => c.eof || c.buffered >= maxBytes || (lines !== undefined && lines > 0 && newlines() >= lines);
    const until = performance.now() + Math.max(0, timeoutMs);
    while (!enough() && performance.now() < until) {
      await new Promise<void>((resolve) => {
        // What already arrived is read before the time counts as up (see afterPendingIo).
        const timer = setTimeout(() => afterPendingIo(resolve), Math.max(1, until - performance.now()));
        c.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      c.wake = undefined;
    }
    const all = Buffer.concat(c.buffer);
    let cut = all.length;
    if (lines !== undefined && lines > 0) {
      let found = 0;
      for (let i = all.indexOf(10); i >= 0; i = all.indexOf(10, i + 1)) {
        if (++found === lines) {
          cut = i + 1;
          break;
        }
      }
    }
    const taken = all.subarray(0, Math.min(cut, maxBytes));
    const rest = all.subarray(taken.length);
    c.buffer = rest.length ? [rest] : [];
    c.buffered = rest.length;
    if (c.buffered < MAX_BUFFERED && c.socket.isPaused()) c.socket.resume();
    const closed = c.eof && rest.length === 0;
    return { data: taken.toString("base64"), closed, ...(c.error ? { error: c.error } : {}), dropped: c.dropped };
  }

  private shutdown({ conn: name }: Args<"tcpShutdown">): Res<"tcpShutdown"> {
    const c = this.get(name);
    this.record({ conn: name, event: "shutdown", from: c.local, to: c.remote, size: 0, data: "" });
    c.socket.end();
    return {};
  }

  /** Closes the connection: politely (FIN), or with a reset (RST), as a client that crashed would. */
  private async close({ conn: name, reset }: Args<"tcpClose">): Promise<Res<"tcpClose">> {
    const c = this.conns.get(name);
    if (!c) return {};
    this.conns.delete(name);
    c.wake?.();
    if (!c.socket.destroyed) this.record({ conn: name, event: reset ? "reset" : "close", from: c.local, to: c.remote, size: 0, data: "" });
    if (reset) c.socket.resetAndDestroy();
    else {
      c.socket.end();
      c.socket.destroy();
    }
    return {};
  }

  private canListen({ host, port }: Args<"tcpCanListen">): Promise<Res<"tcpCanListen">> {
    return new Promise((resolve) => {
      const srv = net.createServer();
      srv.once("error", (e: NodeJS.ErrnoException) => resolve({ ok: false, error: e.code ?? e.message }));
      srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve({ ok: true })));
    });
  }

  /**
   * A port a server can listen on, chosen here, in the network the student's server runs in: below the
   * kernel's ephemeral range where there is room (no socket bound to port 0 can take it meanwhile).
   */
  private async freePort({ host }: Args<"tcpFreePort">): Promise<Res<"tcpFreePort">> {
    for (let i = 0; i < 20; i++) {
      const want = quietPort() ?? 0;
      const port = await new Promise<number>((resolve) => {
        const srv = net.createServer();
        srv.once("error", () => resolve(0));
        srv.listen({ host, port: want, exclusive: true }, () => {
          const got = (srv.address() as net.AddressInfo).port;
          srv.close(() => resolve(got));
        });
      });
      if (port) return { port };
    }
    throw new Error(`no free TCP port on ${host}`);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.conns.keys()].map((conn) => this.close({ conn })));
  }
}
