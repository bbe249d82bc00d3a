// One copy of the student's client in a case, and the TEXT each copy is given.
import type { Case } from "../../generated/udp-client-cases.js";
import type { DatagramRecord } from "../../probe/protocol.js";
import type { ProcessOutcome } from "../../runner/process.js";

/** One copy of the program in a case: its TEXT, what it sent, what it got, how it ended. */
export interface ClientRun {
  text: string;
  outcome?: ProcessOutcome;
  requests: DatagramRecord[];
  /** When its first request reached the probe, on the clock of ProcessOutcome.endedAt. */
  firstRequestAt?: number;
  /** When the server's first reply to it left (one the link did not drop), on the clock of `requests[].at`. */
  firstReplyAt?: number;
  reply?: unknown;
  /** The unguessable token of the reply it was sent, if the reply had one. */
  token?: string;
  /** Stopped for sending more than the case's datagram budget. */
  flooded?: boolean;
  /** The token its replies carry: one per run, so every resend is answered alike. */
  tokenValue?: string;
}

/** The TEXT of each copy: several copies at once get distinct texts, so each request can be told apart. */
export function textsOf(c: Case): string[] {
  const n = c.clients ?? 1;
  return n === 1 ? [c.text] : Array.from({ length: n }, (_, i) => `${c.text} #${i + 1}`);
}
