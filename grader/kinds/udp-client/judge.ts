// Judging one copy of the client against its case's `expect` and `onlyIf`, each problem in the student's
// language; and the per-datagram verdicts of the message shape and checksum checks.
import type { Case } from "../../generated/udp-client-cases.js";
import { t, type Lang } from "../../core/i18n.js";
import { jsonEqual } from "../../answers/python-values.js";
import { parseJsonDatagram, preview } from "../socket/payload.js";
import { expectedGot, matchPattern, show } from "../socket/pattern.js";
import { tailOf } from "../socket/student-program.js";
import { floodWords } from "../socket/flood-budget.js";
import { checksumProblem } from "../socket/checksum.js";
import { messageShapeProblems } from "../socket/message-shape.js";
import type { ValidateFunction } from "ajv";
import type { CheckVerdict } from "../types.js";
import type { Case as ResultCase, Status } from "../../generated/result.js";
import type { UdpClientExercise } from "../../generated/exercise.js";
import type { ClientRun } from "./client-run.js";
import { fillValue } from "./reply-fill.js";

/**
 * How much earlier than `endsNotBeforeMs` after its first request a program may end, besides how late the
 * grader ran: a client that starts its clock a moment before its first sendto() is not giving up early.
 */
const EARLY_END_SLACK_MS = 100;

/**
 * What one copy got wrong, each problem prefixed (`#2: ` for the second copy); [] when it passed. `lateMs`:
 * how late the grader ran during the case (a request it read that late looks sent that much later).
 */
export function judge(c: Case, cl: ClientRun, prefix: string, lang: Lang, caseSeconds: number, lateMs: number): string[] {
  const e = c.expect;
  const o = cl.outcome!;
  const problems: string[] = [];
  // Stopped for flooding: that says it all (its exit, output and timing are the grader's doing).
  if (cl.flooded) return [prefix + floodWords(lang)];
  if (o.timedOut) problems.push(t(lang, "programKilled", { seconds: caseSeconds }));
  // Preconditions first: without them the rest (an exit code, say) would be credit for doing nothing.
  if (c.onlyIf?.requestSent && cl.requests.length === 0) problems.push(t(lang, "onlyIfRequest"));
  else if (c.onlyIf?.replyShown && !(cl.token && o.stdout.includes(cl.token))) problems.push(t(lang, "onlyIfReplyShown"));
  if (e.request !== undefined) {
    const first = cl.requests[0];
    if (!first) problems.push(t(lang, "programNoRequest"));
    else {
      const parsed = parseJsonDatagram(Buffer.from(first.data, "base64"));
      if (!parsed.ok) problems.push(t(lang, "requestNotJson", { why: parsed.why }));
      else problems.push(...matchPattern(e.request, parsed.value, { $text: (_a, v) => (v === cl.text ? undefined : expectedGot(lang, show(cl.text, lang), v)) }, lang));
    }
  }
  if (e.requests !== undefined && cl.requests.length !== e.requests) {
    problems.push(cl.requests.length === 0 ? t(lang, "programNoRequest") : t(lang, "programRequests", { count: cl.requests.length, expected: e.requests }));
  }
  if (e.stdout === "reply") {
    const lines = o.stdout.replace(/\r\n/g, "\n").replace(/\n$/, "").split("\n");
    let value: unknown;
    let parsedOk = lines.length === 1 && lines[0].trim() !== "";
    try {
      value = parsedOk ? JSON.parse(lines[0]) : undefined;
    } catch {
      parsedOk = false;
    }
    // print(reply) of a dict is one line, but Python's repr ('ok': True), not JSON: say which it is.
    const pythonRepr = lines.length === 1 && !parsedOk && /^\s*[{[].*('|\bTrue\b|\bFalse\b|\bNone\b).*[}\]]\s*$/.test(lines[0]);
    if (!parsedOk || cl.reply === undefined || !jsonEqual(value, cl.reply)) problems.push(t(lang, pythonRepr ? "stdoutPythonRepr" : "stdoutNotReply", { got: show(tailOf(o.stdout, 200), lang) }));
  }
  if (e.stdoutLine !== undefined) {
    const line = fillValue(e.stdoutLine, { text: cl.text, from: "", token: cl.tokenValue ?? "<token>" });
    const got = o.stdout.replace(/\r\n/g, "\n");
    if (got !== `${String(line)}\n`) {
      const times = got.split(`${String(line)}\n`).length - 1;
      problems.push(times > 1 ? t(lang, "stdoutLineTwice", { n: times }) : t(lang, "stdoutNotLine", { expected: show(line, lang), got: show(tailOf(o.stdout, 200), lang) }));
    }
  }
  const sentCount = cl.requests.length;
  if (e.requestsAtMost !== undefined && sentCount > e.requestsAtMost) problems.push(t(lang, "tooManyRequests", { count: sentCount, max: e.requestsAtMost }));
  if (e.requestsAfterReplyAtMost !== undefined && cl.firstReplyAt !== undefined) {
    const after = cl.requests.filter((r) => !r.copy && r.at > cl.firstReplyAt!).length; // (not the link's second copies)
    if (after > e.requestsAfterReplyAtMost) problems.push(t(lang, "sendsAfterReply", { n: after, max: e.requestsAfterReplyAtMost }));
  }
  if (e.requestsAtLeast !== undefined && sentCount < e.requestsAtLeast) problems.push(t(lang, "tooFewRequests", { count: sentCount, min: e.requestsAtLeast }));
  // From the first datagram sent to the last (the retry timer's two measures below).
  const span = sentCount >= 2 ? cl.requests[sentCount - 1].at - cl.requests[0].at : 0;
  if (e.requestSpanAtLeastMs !== undefined && sentCount >= 2) {
    if (Math.round(span) < e.requestSpanAtLeastMs) problems.push(t(lang, "requestsTooClose", { count: sentCount, ms: Math.round(span), min: e.requestSpanAtLeastMs }));
  }
  if (e.requestGapMs && sentCount >= 2) {
    // The average over every gap: a starved grader that read one datagram late shortens one gap and widens
    // the next, but moves the average only by that delay divided by the gaps.
    const average = Math.round(span / (sentCount - 1));
    const { atLeast, atMost } = e.requestGapMs;
    if ((atLeast !== undefined && average < atLeast) || (atMost !== undefined && average > atMost)) {
      problems.push(t(lang, "requestGapWrong", { count: sentCount, ms: average, min: atLeast ?? 0, max: atMost ?? "∞" }));
    }
  }
  if (e.sameRequests && sentCount >= 2) {
    // The contract asks for the same datagram, byte for byte: the same JSON written another way (spacing,
    // key order, \u escapes) is not a copy, and is said so apart from another request.
    const sent = cl.requests.map((r) => Buffer.from(r.wire ?? r.data, "base64"));
    const i = sent.findIndex((b) => !b.equals(sent[0]));
    if (i >= 0) {
      const [a, b] = [parseJsonDatagram(sent[0]), parseJsonDatagram(sent[i])];
      const at = firstDifference(sent[0], sent[i]);
      const args = { n: i + 1, got: preview(sent[i], 80), first: preview(sent[0], 80) };
      if (a.ok && b.ok && jsonEqual(a.value, b.value)) problems.push(t(lang, "resendOtherBytes", { ...args, at, gotHere: preview(sent[i].subarray(Math.max(0, at - 10)), 30), firstHere: preview(sent[0].subarray(Math.max(0, at - 10)), 30) }));
      else problems.push(t(lang, "resendDiffers", args));
    }
  }
  if (e.stdout === "empty" && o.stdout !== "") problems.push(t(lang, "stdoutNotEmpty", { got: show(tailOf(o.stdout, 200), lang) }));
  if (e.exitCode !== undefined && !o.timedOut && o.exitCode !== e.exitCode) {
    problems.push(t(lang, "exitCodeWrong", { got: o.exitCode ?? (o.signal ? `signal ${o.signal}` : "none"), expected: e.exitCode }));
  }
  if (e.stderr === "nonEmpty" && o.stderr.trim() === "") problems.push(t(lang, "stderrEmpty"));
  if (e.endsWithinMs !== undefined && cl.firstRequestAt !== undefined) {
    // Less the time the thread that saw the end stood still just before: the end came before it was seen.
    const ms = Math.round(o.endedAt - o.endStallMs - cl.firstRequestAt);
    if (ms > e.endsWithinMs) problems.push(t(lang, o.stopped ? "tooSlowStopped" : "tooSlow", { ms, limit: e.endsWithinMs }));
  }
  if (e.endsNotBeforeMs !== undefined && !o.timedOut) {
    // A deadline counts from the first send (a program that starts its clock at its start and is slow to send
    // gives up early), as the grader saw it: the end as late as it was seen, the request as read, less the
    // grader's lateness. From the program's start (before any send) when it sent nothing.
    if (cl.firstRequestAt !== undefined) {
      const ms = Math.round(o.endedAt - cl.firstRequestAt);
      if (ms + lateMs + EARLY_END_SLACK_MS < e.endsNotBeforeMs) problems.push(t(lang, "tooEarlyAfterSend", { ms, limit: e.endsNotBeforeMs }));
    } else if (o.durationMs < e.endsNotBeforeMs) problems.push(t(lang, "tooEarly", { ms: Math.round(o.durationMs), limit: e.endsNotBeforeMs }));
  }
  return [...new Set(problems)].map((p) => prefix + p);
}

/** What the per-datagram verdicts need from the exercise and the case run. */
export interface RequestChecks {
  messages: UdpClientExercise["messages"];
  /** The exercise's message schema (messages.schema). */
  validate: ValidateFunction;
  lang: Lang;
  /** The result entry of a case for a verdict. */
  detail: (c: Case, status: Status, message: string, extra?: Partial<ResultCase>) => ResultCase;
}

/**
 * The verdicts one request datagram earns: its checksum (messages.checksum) when it is a JSON object, and
 * its shape against the exercise's message schema (messages.shapeCheck).
 */
export function requestVerdicts(out: CheckVerdict[], c: Case, parsed: ReturnType<typeof parseJsonDatagram>, gotText: string, r: RequestChecks): void {
  const sum = r.messages.checksum;
  if (sum?.check && parsed.ok && parsed.value && typeof parsed.value === "object" && !Array.isArray(parsed.value)) {
    const wrong = checksumProblem(parsed.value as Record<string, unknown>, sum.field);
    const message = wrong ? t(r.lang, "checksumWrong", { field: sum.field, got: show(wrong.got, r.lang), expected: wrong.expected }) : "";
    out.push({ checkId: sum.check, status: wrong ? "failed" : "passed", detail: r.detail(c, wrong ? "failed" : "passed", message, { got: gotText }) });
  }
  const shapeCheck = r.messages.shapeCheck;
  if (!shapeCheck) return;
  const problems = messageShapeProblems(parsed, r.validate, "requestNotJson", r.lang);
  const status = problems.length ? "failed" : "passed";
  out.push({ checkId: shapeCheck, status, detail: r.detail(c, status, problems.join(" "), { got: gotText }) });
}

/** Per-datagram verdicts folded into one per check: the first failure if any datagram failed, else a pass. */
export function onePerCheck(verdicts: CheckVerdict[]): CheckVerdict[] {
  const byCheck = new Map<string, CheckVerdict>();
  for (const v of verdicts) {
    const kept = byCheck.get(v.checkId);
    if (!kept || (kept.status === "passed" && v.status !== "passed")) byCheck.set(v.checkId, v);
  }
  return [...byCheck.values()];
}

/** The offset of the first byte where two datagrams differ (the shorter one's length if one starts the other). */
function firstDifference(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}
