// The probe's commands: plain JSON in and out, so the same probe can run inside the grader or as its own
// process (driven over a pipe, e.g. inside a submission's network namespace).
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
  /** The payload, base64. */
  data: string;
}

export interface ProbeCommands {
  /** Opens a UDP socket named `socket`, bound to host (port 0: one the system picks). */
  open: { args: { socket: string; host: string; port?: number }; result: Endpoint };
  /** Sends one datagram; with `notBefore` (probe clock, ms), not before then: timed by the probe itself. */
  send: { args: { socket: string; to: Endpoint; data: string; notBefore?: number }; result: { at: number } };
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
  /** Where the transcript stands now: the next record's seq, and the probe's clock. */
  mark: { args: Record<string, never>; result: { seq: number; at: number } };
  /** Records with seq >= since, in order. */
  transcript: { args: { since: number }; result: DatagramRecord[] };
  /** Finds a run of consecutive free ports and holds the ones marked udp/tcp taken, until releasePorts. */
  holdPorts: { args: { requests: { name: string; state: "free" | "udp" | "tcp"; host?: string }[] }; result: { handle: string; ports: Record<string, number> } };
  releasePorts: { args: { handle: string }; result: Record<string, never> };
  /** Can a UDP socket bind host:port now? (closed again at once) */
  canBind: { args: { host: string; port: number }; result: { ok: boolean; error?: string } };
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
