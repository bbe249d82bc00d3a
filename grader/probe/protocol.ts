// The probe's commands: plain JSON in and out, so the same probe can run inside the grader or as its own
// process (driven over a pipe, e.g. inside a submission's network namespace).
import type { LinkNote, LinkSchedule } from "./impairment.js";
export interface Endpoint {
  host: string;
  port: number;
}

/** One datagram the probe sent or received; `at` is milliseconds since the probe started. */
export interface DatagramRecord {
  seq: number;
  direction: "sent" | "received";
  socket: string;
  from: Endpoint;
  to: Endpoint;
  at: number;
  /** The payload's length in bytes. */
  size: number;
  /**
   * The payload, base64: all of it from recv and drain (what a case judges); from transcript, only its first
   * TRANSCRIPT_PREFIX_BYTES (what a transcript shows), so a flood cannot make the transcript huge.
   */
  data: string;
  /** Over a lossy link: what the link did to this datagram. */
  link?: LinkNote;
  /** A corrupted datagram's bytes as they were sent, base64. */
  wire?: string;
  /** The link's second copy of a duplicated datagram. */
  copy?: boolean;
}

/** How much of each payload the transcript keeps (a transcript line previews at most 400 bytes). */
export const TRANSCRIPT_PREFIX_BYTES = 512;

/** What the sockets under a budget have received since it was set, and whether it is spent. */
export interface BudgetUsage {
  datagrams: number;
  bytes: number;
  /** Past the budget: every later datagram to these sockets is dropped unseen (and counted here). */
  over: boolean;
  dropped: number;
}

export interface ProbeCommands extends TcpCommands {
  /** Opens a UDP socket named `socket`, bound to host (port 0: one the system picks). */
  open: { args: { socket: string; host: string; port?: number; link?: LinkSchedule }; result: Endpoint };
  /**
   * Sends one datagram; with `notBefore` (probe clock, ms), not before then: timed by the probe itself. With
   * `unheard`, also says whether the kernel dropped it because no socket could take it (unheard.ts). Sends
   * that name the same `chain` go out in the order they were asked for, each once the one before it is out
   * (or failed): a whole script can be handed over at once, with no round trip to the grader between sends.
   */
  send: { args: { socket: string; to: Endpoint; data: string; notBefore?: number; unheard?: boolean; chain?: string }; result: { at: number; unheard?: boolean } };
  /** The sends of `chain` not yet out are dropped (they fail, and nothing is recorded of them). */
  cancelChain: { args: { chain: string }; result: { cancelled: number } };
  /** The next datagram that arrived on `socket` (optionally only from `from`), waiting up to timeoutMs. */
  recv: { args: { socket: string; timeoutMs: number; from?: Endpoint }; result: DatagramRecord | null };
  /** Ends the waits of every pending recv on `socket` now (they return null); the socket stays open. */
  wake: { args: { socket: string }; result: Record<string, never> };
  /** Everything queued on `socket` right now. */
  drain: { args: { socket: string }; result: DatagramRecord[] };
  /** Everything queued on each socket whose name starts with `prefix`, by socket (one round trip). */
  drainAll: { args: { prefix: string }; result: Record<string, DatagramRecord[]> };
  close: { args: { socket: string }; result: Record<string, never> };
  closeAll: { args: Record<string, never>; result: Record<string, never> };
  /** Where the transcript stands now: the next record's seq, the probe's clock, and when that clock read 0 (performance.timeOrigin + performance.now()). */
  mark: { args: Record<string, never>; result: { seq: number; at: number; origin: number } };
  /** How late the probe's own timers ran since `since` (probe clock), in ms: a starved probe (see core/loop-lag). */
  lag: { args: { since: number }; result: { ms: number } };
  /**
   * Records with seq >= since, in order (payloads cut to a prefix); only those of `sockets` when given, and
   * when there are more than head + tail, the first `head` and the last `tail` of them.
   */
  transcript: { args: { since: number; sockets?: string[]; head?: number; tail?: number }; result: DatagramRecord[] };
  /**
   * (Re)sets a budget for the sockets whose names start with `prefix`: once they have received more than
   * `datagrams` datagrams or `bytes` bytes, the probe drops what else arrives on them (see usage).
   */
  budget: { args: { prefix: string; datagrams: number; bytes: number }; result: Record<string, never> };
  usage: { args: { prefix: string }; result: BudgetUsage };
  /** Finds a run of consecutive free ports and holds the ones marked udp/tcp taken, until releasePorts. */
  holdPorts: { args: { requests: { name: string; state: "free" | "udp" | "tcp"; host?: string }[] }; result: { handle: string; ports: Record<string, number> } };
  releasePorts: { args: { handle: string }; result: Record<string, never> };
  /** Can a UDP socket bind host:port now? (closed again at once) */
  canBind: { args: { host: string; port: number }; result: { ok: boolean; error?: string } };
  /** A free port for a UDP server on host, chosen in the probe's (the submission's) network. */
  udpFreePort: { args: { host: string }; result: { port: number } };
  /** Can the probe tell a datagram that no socket could take here (send's `unheard`)? See unheard.ts. */
  canTellUnheard: { args: Record<string, never>; result: { ok: boolean } };
}

/** One event of a TCP connection the probe made: a chunk sent or received (size exact, data cut), or a state change. */
export interface StreamRecord {
  seq: number;
  conn: string;
  event: "connected" | "refused" | "sent" | "data" | "shutdown" | "closed" | "close" | "reset" | "error";
  from: Endpoint;
  to: Endpoint;
  at: number;
  size: number;
  /** The first bytes, base64. */
  data: string;
  note?: string;
}

/** TCP: connections made from the probe (grader/probe/tcp-streams.ts). */
export interface TcpCommands {
  tcpConnect: { args: { conn: string; host: string; port: number; timeoutMs: number }; result: { ok: true; local: Endpoint } | { ok: false; error: string } };
  /** Sends data (base64) in pieces of `chunks` bytes (the last size repeats), `delayMs` apart; a piece the peer does not take within timeoutMs ends it (`blocked`). */
  tcpSend: { args: { conn: string; data: string; chunks?: number[]; delayMs?: number; timeoutMs?: number }; result: { sent: number; error?: string; blocked?: boolean } };
  /** What arrived, up to `lines` newlines, once they are there, the peer closed, or timeoutMs passed. */
  tcpRead: { args: { conn: string; lines?: number; timeoutMs: number; maxBytes?: number }; result: { data: string; closed: boolean; error?: string; dropped: number } };
  /** shutdown(SHUT_WR): the peer reads end-of-file; replies can still come. */
  tcpShutdown: { args: { conn: string }; result: Record<string, never> };
  tcpClose: { args: { conn: string; reset?: boolean }; result: Record<string, never> };
  /** Can a TCP server listen on host:port now? (closed again at once) */
  tcpCanListen: { args: { host: string; port: number }; result: { ok: boolean; error?: string } };
  /** A free port for a TCP server on host, chosen in the probe's (the submission's) network. */
  tcpFreePort: { args: { host: string }; result: { port: number } };
  /** TCP records with seq >= since. */
  tcpTranscript: { args: { since: number }; result: StreamRecord[] };
}

export type CommandName = keyof ProbeCommands;
export type Args<C extends CommandName> = ProbeCommands[C]["args"];
export type Result<C extends CommandName> = ProbeCommands[C]["result"];

export interface ProbeRequest {
  id: number;
  command: CommandName;
  args: unknown;
}

export type ProbeResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
