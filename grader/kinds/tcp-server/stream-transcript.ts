// The probe's TCP records as the result's transcript: who sent which bytes when, one line per segment as
// it was sent or received (so the student sees where the boundaries fell), and every connect, FIN and RST.
import type { Datagram } from "../../generated/result.js";
import type { StreamRecord } from "../../probe/protocol.js";
import { t, type Lang } from "../../core/i18n.js";
import { preview } from "../socket/payload.js";
import { endpointText } from "../socket/transcript.js";

/** `names` maps a probe connection name to its label ("grader a"); the other end is the server. */
export function streamTranscript(records: StreamRecord[], names: Map<string, string>, lang: Lang, startAt: number, limit = 40): Datagram[] {
  const shown = records.length > limit ? [...records.slice(0, limit - 8), ...records.slice(-8)] : records;
  const server = t(lang, "roleServer");
  return shown.map((r) => {
    const grader = names.get(r.conn) ?? r.conn;
    const fromServer = r.event === "data" || r.event === "closed" || r.event === "error";
    const g = `${grader} ${r.event === "refused" ? "" : endpointText(fromServer ? r.to : r.from)}`.trim();
    const s = `${server} ${endpointText(fromServer ? r.from : r.to)}`;
    return {
      t_ms: Math.round((r.at - startAt) * 10) / 10,
      from: fromServer ? s : g,
      to: fromServer ? g : s,
      size: r.size,
      preview: r.event === "sent" || r.event === "data" ? preview(Buffer.from(r.data, "base64"), 60) + (r.size > Buffer.from(r.data, "base64").length ? "…" : "") : eventWords(r, lang),
    };
  });
}

function eventWords(r: StreamRecord, lang: Lang): string {
  switch (r.event) {
    case "connected": return t(lang, "tcpEvConnected");
    case "refused": return t(lang, "tcpEvRefused", { note: r.note ?? "" });
    case "shutdown": return t(lang, "tcpEvShutdown");
    case "closed": return t(lang, "tcpEvClosed");
    case "close": return t(lang, "tcpEvClose");
    case "reset": return t(lang, "tcpEvReset");
    default: return t(lang, "tcpEvError", { note: r.note ?? "" });
  }
}
