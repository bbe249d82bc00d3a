// Plain-text lines for one failed case: shared by the human reporter and the result's `output` field
// (what Gradescope shows), so both say the same thing.
import type { Case, Datagram } from "../generated/result.js";
import type { Lang } from "../core/i18n.js";
import { displayWidth, padEndDisplay } from "./text-width.js";

const labels = {
  en: { given: "given", expected: "expected", got: "got", why: "why", hint: "hint", stdout: "stdout", stderr: "stderr", exit: "ended", transcript: "datagrams", replay: "replay" },
  zh: { given: "输入", expected: "期望", got: "实际", why: "说明", hint: "提示", stdout: "标准输出", stderr: "错误输出", exit: "结束", transcript: "数据报", replay: "重现" },
};

/** One line per datagram: time, sender → receiver, size, first bytes. */
export function transcriptText(t: Datagram[]): string {
  return t.map((d) => `${("+" + d.t_ms.toFixed(1)).padStart(7)} ms  ${d.from} → ${d.to}  ${d.size} B  ${d.preview}${d.link ? `  [${d.link}]` : ""}`).join("\n");
}

export function caseLines(c: Case, lang: Lang): { label: string; text: string }[] {
  const l = labels[lang];
  const lines: { label: string; text: string }[] = [{ label: l.given, text: c.given }];
  if (c.expected !== undefined) lines.push({ label: l.expected, text: c.expected });
  if (c.got !== undefined) lines.push({ label: l.got, text: c.got });
  if (c.message) lines.push({ label: "", text: c.message });
  if (c.why) lines.push({ label: l.why, text: c.why });
  if (c.hint) lines.push({ label: l.hint, text: c.hint });
  if (c.transcript?.length) lines.push({ label: l.transcript, text: transcriptText(c.transcript) });
  if (c.exit) lines.push({ label: l.exit, text: c.exit });
  if (c.stdout) lines.push({ label: l.stdout, text: c.stdout.trimEnd() });
  if (c.stderr) lines.push({ label: l.stderr, text: c.stderr.trimEnd() });
  if (c.generated) lines.push({ label: l.replay, text: c.generated.replay });
  return lines;
}

export function caseText(c: Case, lang: Lang, indent = ""): string {
  const lines = caseLines(c, lang);
  const width = Math.max(...lines.map((x) => displayWidth(x.label)));
  return lines
    .map((x) => {
      const prefix = padEndDisplay(x.label ? `${x.label}:` : "", width + 2);
      return indent + prefix + x.text.replace(/\n/g, "\n" + indent + " ".repeat(width + 2));
    })
    .join("\n");
}
