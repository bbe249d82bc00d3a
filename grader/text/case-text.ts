// Plain-text lines for one failed case: shared by the human reporter and the result's `output` field
// (what Gradescope shows), so both say the same thing.
import type { Case, Datagram } from "../generated/result.js";
import { t, type Lang, type MessageKey } from "../core/i18n.js";
import { displayWidth, padEndDisplay } from "./text-width.js";


/** One line per datagram: time, sender → receiver, size, first bytes. */
export function transcriptText(t: Datagram[]): string {
  return t.map((d) => `${("+" + d.t_ms.toFixed(1)).padStart(7)} ms  ${d.from} → ${d.to}  ${d.size} B  ${d.preview}${d.link ? `  [${d.link}]` : ""}`).join("\n");
}

/** What a line of a case is: the reporters style a line by this, never by its (translated) label. */
export type CaseLineKind = "given" | "expected" | "got" | "message" | "why" | "hint" | "transcript" | "exit" | "stdout" | "stderr" | "replay";

const LABEL: Record<Exclude<CaseLineKind, "message">, MessageKey> = {
  given: "labelGiven", expected: "labelExpected", got: "labelGot", why: "labelWhy", hint: "labelHint",
  transcript: "labelTranscript", exit: "labelExit", stdout: "labelStdout", stderr: "labelStderr", replay: "labelReplay",
};

export function caseLines(c: Case, lang: Lang): { kind: CaseLineKind; label: string; text: string }[] {
  const fields: [CaseLineKind, string | undefined][] = [
    ["given", c.given],
    ["expected", c.expected],
    ["got", c.got],
    ["message", c.message || undefined],
    ["why", c.why],
    ["hint", c.hint],
    ["transcript", c.transcript?.length ? transcriptText(c.transcript) : undefined],
    ["exit", c.exit],
    ["stdout", c.stdout ? c.stdout.trimEnd() : undefined],
    ["stderr", c.stderr ? c.stderr.trimEnd() : undefined],
    ["replay", c.generated?.replay],
  ];
  return fields.filter(([, text]) => text !== undefined).map(([kind, text]) => ({ kind, label: kind === "message" ? "" : t(lang, LABEL[kind]), text: text! }));
}

export function caseText(c: Case, lang: Lang, indent = ""): string {
  const lines = caseLines(c, lang);
  const width = Math.max(...lines.map((x) => displayWidth(x.label)));
  return lines
    .map((x) => {
      const prefix = padEndDisplay(x.label ? t(lang, "labelColon", { label: x.label }) : "", width + 2);
      return indent + prefix + x.text.replace(/\n/g, "\n" + indent + " ".repeat(width + 2));
    })
    .join("\n");
}
