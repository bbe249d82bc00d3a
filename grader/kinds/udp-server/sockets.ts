// The grader's sockets of one launch (chain) of a udp-server exercise: named probe sockets, what each sent
// and got back (the bookkeeping behind {"$count": ...}), and the datagrams nobody waited for (drain
// accounting). A socket lives as long as the launch: a closed port could go to a later socket, which would
// then inherit the closed one's tally at the server.
import type { Case } from "../../generated/udp-server-cases.js";
import type { ProbeClient } from "../../probe/client.js";
import type { DatagramRecord, Endpoint } from "../../probe/protocol.js";
import { endpointText } from "../socket/transcript.js";
import type { Launch } from "../../generated/exercise.js";

export type { Launch };

/**
 * Per grader socket: how many datagrams it sent and how many replies came back (for {"$count": ...}), and
 * how many more replies may still arrive because a datagram was resent after a reply that was only late.
 */
export interface SocketState {
  probeName: string;
  local: Endpoint;
  sent: number;
  replied: number;
  lateReplies: number;
}

export class GraderSockets {
  /** The current case's sockets, by the name the case gives them. */
  private readonly byName = new Map<string, SocketState>();
  /** Probe sockets of this launch (the probe is shared with the other launches). */
  private readonly opened: string[] = [];

  constructor(
    private readonly probe: ProbeClient,
    private readonly launch: Launch,
  ) {}

  get(name: string): SocketState | undefined {
    return this.byName.get(name);
  }

  entries(): [string, SocketState][] {
    return [...this.byName.entries()];
  }

  /** The probe names of the current case's sockets (a transcript shows only these). */
  probeNames(): string[] {
    return [...this.byName.values()].map((s) => s.probeName);
  }

  /**
   * Every case speaks from sockets of its own: a socket named like one of an earlier case (a family's "b1"
   * after a fixed case's) would carry that case's datagrams into this one's tallies. The old sockets stay
   * open (see the top of this file).
   */
  newCase(): void {
    this.byName.clear();
  }

  /** A fresh server has fresh tallies. */
  resetCounts(): void {
    for (const s of this.byName.values()) s.sent = s.replied = s.lateReplies = 0;
  }

  /** Opens a probe socket for this launch; its probe name carries the launch id (the probe is shared). */
  async openSocket(name: string, host = this.launch.host, port = 0): Promise<{ probeName: string; local: Endpoint }> {
    const probeName = `${this.launch.id}/${name}#${this.opened.length}`;
    const local = await this.probe.call("open", { socket: probeName, host, port });
    this.opened.push(probeName);
    return { probeName, local };
  }

  /**
   * Opens the sockets a case declares, in order. A `samePortAs` socket takes its base's port on another
   * host; should that port be taken there, a base that has sent nothing yet (so the server has no tally
   * for it) is moved to a fresh port and the pair tried again. Returns why it could not, if it could not.
   */
  async openDeclared(c: Case): Promise<string | undefined> {
    for (const [name, spec] of Object.entries(c.sockets ?? {})) {
      if (this.byName.has(name)) continue;
      const host = spec.host ?? this.launch.host;
      let error = "";
      for (let attempt = 0; attempt < 5; attempt++) {
        const base = spec.samePortAs ? this.byName.get(spec.samePortAs) : undefined;
        try {
          const opened = await this.openSocket(name, host, base?.local.port ?? 0);
          this.byName.set(name, { ...opened, sent: 0, replied: 0, lateReplies: 0 });
          error = "";
          break;
        } catch (e) {
          error = `${host}${base ? `:${base.local.port}` : ""}: ${(e as Error).message}`;
          if (!base || base.sent > 0) break;
          await this.probe.call("close", { socket: base.probeName });
          const fresh = await this.probe.call("open", { socket: base.probeName, host: base.local.host, port: 0 });
          base.local = fresh;
        }
      }
      if (error) return error;
    }
    return undefined;
  }

  /** The case's socket of that name, opened (on the launch's host) on first use. */
  async socket(name: string): Promise<SocketState> {
    let s = this.byName.get(name);
    if (!s) {
      s = { ...(await this.openSocket(name)), sent: 0, replied: 0, lateReplies: 0 };
      this.byName.set(name, s);
    }
    return s;
  }

  /**
   * Datagrams nobody waited for (a second reply, a reply meant for another socket), dropped and counted;
   * replies to our own resends are expected and not counted.
   */
  async drainAll(serverAt: Endpoint | undefined): Promise<number> {
    let n = 0;
    const drained = await this.probe.call("drainAll", { prefix: `${this.launch.id}/` });
    for (const state of this.byName.values()) {
      // Only what the server sent counts; anything else that finds a grader socket is not its doing.
      const fromServer = (d: DatagramRecord) => serverAt && endpointText(d.from) === endpointText(serverAt);
      const queued = (drained[state.probeName] ?? []).filter(fromServer).length;
      const excused = Math.min(queued, state.lateReplies);
      state.lateReplies -= excused;
      n += queued - excused;
    }
    return n;
  }

  async closeAll(): Promise<void> {
    for (const name of this.opened) await this.probe.call("close", { socket: name });
  }
}
