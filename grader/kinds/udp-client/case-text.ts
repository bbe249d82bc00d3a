// A udp-client case in the feedback's words: what was given (the command line as the exercise's template
// fills it, the copies, what the fake server does, the link), what was expected, and what came back.
import type { Action, Case } from "../../generated/udp-client-cases.js";
import { t, type Lang } from "../../core/i18n.js";
import { payloadBytes, preview, type Payload } from "../socket/payload.js";
import { describePattern, show } from "../socket/pattern.js";
import { commandText, tailOf } from "../socket/student-program.js";
import { linkGiven } from "./link.js";
import { fillArgs } from "./command.js";
import { fillReply, fillValue, PLACEHOLDER_REQUEST, unquotePlaceholders } from "./reply-fill.js";
import { textsOf, type ClientRun } from "./client-run.js";

/** How the feedback says where a decoy comes from. */
function decoyWords(a: Extract<Action, { decoy: unknown }>): "serverDecoy" | "serverDecoyFromHost" | "serverDecoyFromServerPort" {
  return a.from?.serverPort ? "serverDecoyFromServerPort" : a.from?.host ? "serverDecoyFromHost" : "serverDecoy";
}

export class CaseWords {
  constructor(
    private readonly lang: Lang,
    private readonly entry: string,
    /** The exercise's command line (`client.args`). */
    private readonly args: string[],
    /** The grading seed: the one --seed replays, named by a lossy link's feedback. */
    private readonly seed: number,
  ) {}

  /** TEXT as the feedback shows it: a long one (a generated case's) by its start and its length. */
  shown(text: string): string {
    const chars = [...text];
    return chars.length <= 100 ? text : t(this.lang, "longTextShown", { start: chars.slice(0, 60).join(""), n: chars.length });
  }

  /** The command line as the student would type it (`python3 lookup.py --server 127.0.0.1:PORT alice`), then the server's part. */
  given(c: Case, port: number | string): string {
    const l = this.lang;
    // Copies run with TEXT numbered ("together #1", "together #2"): the command shown is the first copy's,
    // as the feedback's "got" is.
    const copies = (c.clients ?? 1) > 1 ? t(l, "clientCopies", { n: c.clients!, texts: textsOf(c).map((x) => JSON.stringify(this.shown(x))).join(t(l, "itemSeparator")) }) : "";
    // Replies and decoys are filled as the fake server fills them, with placeholders for what a run decides.
    const shown = (p: Payload) => {
      const bytes = payloadBytes(fillReply(p, { text: textsOf(c)[0], from: "IP:PORT", token: "<token>", request: PLACEHOLDER_REQUEST }).payload);
      return "json" in p ? Buffer.from(unquotePlaceholders(bytes.toString("utf8"))) : bytes;
    };
    const actions = c.server.map((a) =>
      "waitMs" in a
        ? t(l, "serverWaits", { ms: a.waitMs })
        : "awaitCopiesMs" in a
          ? t(l, "serverAwaitsCopies", { ms: a.awaitCopiesMs })
          : "reply" in a
          ? t(l, "serverReplies", { payload: preview(shown(a.reply), 70) })
          : t(l, decoyWords(a), { payload: preview(shown(a.decoy), 40), host: a.from?.host ?? c.host }),
    );
    const link = c.link ? linkGiven(c.link, this.seed, l) : "";
    const argv = fillArgs(this.args, { host: c.host, port: String(port), text: this.shown(textsOf(c)[0]), values: c.values });
    return `${commandText(this.entry, argv)}${copies}${t(l, "clientServerDoes", { actions: actions.join(t(l, "itemSeparator")) || t(l, "serverSilent") })}${link}`;
  }

  expected(c: Case): string {
    const e = c.expect;
    const parts: string[] = [];
    const l = this.lang;
    if (e.request !== undefined) parts.push(t(l, "expectRequest", { pattern: describePattern(e.request, { $text: () => JSON.stringify(this.shown(textsOf(c)[0])) }) }));
    if (e.stdout === "reply") parts.push(t(l, "expectStdoutReply"));
    if (e.stdout === "empty") parts.push(t(l, "expectStdoutEmpty"));
    if (e.stdoutLine !== undefined) parts.push(t(l, "expectStdoutLine", { line: show(fillValue(e.stdoutLine, { text: this.shown(textsOf(c)[0]), from: "IP:PORT", token: "<token>" }), l) }));
    if (e.requestsAtLeast !== undefined || e.requestsAtMost !== undefined) parts.push(t(l, "expectRequestCount", { min: e.requestsAtLeast ?? 1, max: e.requestsAtMost ?? "∞" }));
    if (e.requestsAfterReplyAtMost !== undefined) parts.push(t(l, "expectSendsAfterReply", { max: e.requestsAfterReplyAtMost }));
    if (e.requestSpanAtLeastMs !== undefined) parts.push(t(l, "expectRequestSpan", { ms: e.requestSpanAtLeastMs }));
    if (e.requestGapMs) parts.push(t(l, "expectRequestGap", { min: e.requestGapMs.atLeast ?? 0, max: e.requestGapMs.atMost ?? "∞" }));
    if (e.sameRequests) parts.push(t(l, "expectSameRequests"));
    if (e.exitCode !== undefined) parts.push(t(l, "expectExitCode", { code: e.exitCode }));
    if (e.stderr) parts.push(t(l, "expectStderr"));
    if (e.endsWithinMs) parts.push(t(l, "expectEndsWithin", { ms: e.endsWithinMs }));
    if (e.endsNotBeforeMs) parts.push(t(l, "expectEndsNotBefore", { ms: e.endsNotBeforeMs }));
    if (c.onlyIf?.replyShown) parts.push(t(l, "expectOnlyIfReplyShown"));
    else if (c.onlyIf?.requestSent) parts.push(t(l, "expectOnlyIfRequest"));
    return parts.join(t(l, "listSeparator"));
  }

  got(cl: ClientRun): string {
    const o = cl.outcome;
    const l = this.lang;
    const req = cl.requests[0] ? t(l, "gotRequest", { payload: preview(Buffer.from(cl.requests[0].data, "base64"), 80) }) : t(l, "gotNoRequest");
    // A program the grader stopped has no exit code of its own (its SIGTERM is the grader's).
    const stdout = o ? show(tailOf(o.stdout, 120), l) : "";
    const out = !o ? "" : o.stopped ? t(l, "gotStdoutStopped", { stdout }) : t(l, "gotStdoutExit", { stdout, code: o.exitCode ?? `signal ${o.signal}` });
    const count = cl.requests.length > 1 ? t(l, "gotDatagrams", { n: cl.requests.length }) : "";
    return [req, count, out].filter(Boolean).join(t(l, "listSeparator"));
  }
}
