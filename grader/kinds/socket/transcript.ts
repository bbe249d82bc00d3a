// Turns the probe's datagram records into the result's transcript: who sent what to whom, when.
import type { Datagram } from "../../generated/result.js";
import type { DatagramRecord, Endpoint } from "../../probe/protocol.js";
import { preview } from "./payload.js";

export function endpointText(e: Endpoint): string {
  return e.host.includes(":") ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`;
}

/** `names` maps "host:port" of the grader's own sockets to a label such as "grader a". */
export function toTranscript(records: DatagramRecord[], names: Map<string, string>, otherLabel: string, startAt: number, limit = 12, note?: (r: DatagramRecord) => string | undefined): Datagram[] {
  const label = (e: Endpoint) => `${names.get(endpointText(e)) ?? otherLabel} ${endpointText(e)}`;
  const shown = records.length > limit ? [...records.slice(0, limit - 2), ...records.slice(-2)] : records;
  return shown.map((r) => {
    const bytes = Buffer.from(r.data, "base64");
    const link = note?.(r);
    return { t_ms: Math.round((r.at - startAt) * 10) / 10, from: label(r.from), to: label(r.to), size: bytes.length, preview: preview(bytes), ...(link ? { link } : {}) };
  });
}
