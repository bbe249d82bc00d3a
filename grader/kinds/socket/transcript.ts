// Turns the probe's datagram records into the result's transcript: who sent what to whom, when.
import type { Datagram } from "../../generated/result.js";
import type { DatagramRecord, Endpoint } from "../../probe/protocol.js";
import { preview } from "./payload.js";

export function endpointText(e: Endpoint): string {
  return e.host.includes(":") ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`;
}

/** How many records a transcript shows: the first TRANSCRIPT_HEAD and the last TRANSCRIPT_TAIL. */
export const TRANSCRIPT_HEAD = 10;
export const TRANSCRIPT_TAIL = 2;

/**
 * `names` maps "host:port" of the grader's own sockets to a label such as "grader a". `records` come from
 * the probe's transcript command (payload prefixes, asked for with head/tail so only what is shown travels).
 * `limit` records are shown (the last TRANSCRIPT_TAIL of them from the end); `note` adds a line to a record
 * (what a lossy link did to it).
 */
export function toTranscript(records: DatagramRecord[], names: Map<string, string>, otherLabel: string, startAt: number, limit = TRANSCRIPT_HEAD + TRANSCRIPT_TAIL, note?: (r: DatagramRecord) => string | undefined): Datagram[] {
  const label = (e: Endpoint) => `${names.get(endpointText(e)) ?? otherLabel} ${endpointText(e)}`;
  const shown = records.length > limit ? [...records.slice(0, limit - TRANSCRIPT_TAIL), ...records.slice(-TRANSCRIPT_TAIL)] : records;
  return shown.map((r) => {
    const link = note?.(r);
    return { t_ms: Math.round((r.at - startAt) * 10) / 10, from: label(r.from), to: label(r.to), size: r.size, preview: preview(Buffer.from(r.data, "base64")), ...(link ? { link } : {}) };
  });
}
