// Running udp-client cases: for each, the fake server (fake-server.ts), the copies of the program started with
// the exercise's command line (command.ts), the datagram budget, and the verdicts (judge.ts) with their
// feedback (case-text.ts). A timed case that failed gets one more run.
import type { Case } from "../../generated/udp-client-cases.js";
import type { Case as ResultCase, Status } from "../../generated/result.js";
import { t, type Lang } from "../../core/i18n.js";
import { seedOf } from "../../generate/seed.js";
import { mark as traceStep } from "../../core/trace.js";
import { loopLag } from "../../core/loop-lag.js";
import type { ProbeClient } from "../../probe/client.js";
import { timed, type CheckVerdict, type DriverContext } from "../types.js";
import type { UdpClientExercise } from "../../generated/exercise.js";
import { startScript, tailOf } from "../socket/student-program.js";
import { describeExitWithTime } from "../exit-words.js";
import type { ProcessOutcome } from "../../runner/process.js";
import { resultCase } from "../result-case.js";
import { messageValidator } from "../socket/message-shape.js";
import { endpointText, toTranscript, TRANSCRIPT_HEAD, TRANSCRIPT_TAIL } from "../socket/transcript.js";
import { budgetSpent, resetBudget } from "../socket/flood-budget.js";
import { linkSchedule, linkNoteText } from "./link.js";
import { expectedMs, WAITING_MS, type Limits } from "./case-rules.js";
import { fillArgs, type ClientSettings } from "./command.js";
import { textsOf, type ClientRun } from "./client-run.js";
import { FakeServer } from "./fake-server.js";
import { CaseWords } from "./case-text.js";
import { judge, onePerCheck, requestVerdicts, type RequestChecks } from "./judge.js";

/** A grader this late (ms) during a case was starved: a failure then is not trusted without another run. */
const STARVED_MS = 200;
/**
 * Other cases run again because the grader was starved, per grading: each run again costs the exercise's
 * time budget (a broken program on a loaded machine fails many cases), and gives a program that passes by
 * chance a second chance.
 */
const MAX_STARVED_RERUNS = 3;
/** Over a lossy link the whole exchange is the lesson: its transcript shows up to this many datagrams. */
const LINK_TRANSCRIPT = 38;

/**
 * Why a run did not test what its case is for: the copies meant to run at once did not (one started later than
 * the case's `awaitCopiesMs`), or a pause in a case's scripted sends was longer than the script says by more than
 * its `onTimeWithinMs`.
 */
type Untested = "apart" | "stalled";

/**
 * One run of a case. `flooded`: its program was stopped for flooding (then it is not run again); `lateMs`:
 * how late the grader ran during the case (its scripted sends, its own and the probe's timers); `ofRequests`:
 * the verdicts on the bytes of each request (requestVerdicts), not on the run; `untested`: set when the run
 * did not test what the case is for.
 */
interface CaseRun {
  flooded: boolean;
  lateMs: number;
  ofRequests: Set<CheckVerdict>;
  untested?: Untested;
}

export class ClientCases {
  readonly verdicts: CheckVerdict[] = [];
  readonly warnings: string[] = [];
  /** The timed cases that failed once and passed when run again (named in the result's warning). */
  private readonly retried: string[] = [];
  /** The cases no run of which tested what they are for, by why (named in the result's warnings). */
  private readonly untested: Record<Untested, string[]> = { apart: [], stalled: [] };
  private starvedReruns = 0;
  private readonly lang: Lang;
  private readonly entry: string;
  private readonly deadline: number;
  private readonly words: CaseWords;
  private readonly requestChecks: RequestChecks;

  constructor(
    private readonly ctx: DriverContext<UdpClientExercise>,
    private readonly probe: ProbeClient,
    private readonly limits: Limits,
    private readonly settings: ClientSettings,
    private readonly ipv6: boolean,
  ) {
    this.lang = ctx.lang;
    this.entry = ctx.exercise.data.entry;
    this.deadline = performance.now() + limits.totalSeconds * 1000;
    loopLag.start();
    this.words = new CaseWords(ctx.lang, this.entry, settings.args, ctx.seed);
    this.requestChecks = {
      messages: ctx.exercise.data.messages,
      validate: messageValidator(ctx.exercise)!,
      lang: ctx.lang,
      detail: (c, status, message, extra) => this.detail(c, status, this.words.given(c, "PORT"), message, extra),
    };
  }

  /**
   * The lossy link's own seed: from the grading seed and the case, so the same seed gives the same fates
   * and each case its own. The feedback names the grading seed, the one that replays it (--seed).
   */
  private linkSeed(c: Case): number {
    return seedOf(this.ctx.seed, "link", c.id);
  }

  private detail(c: Case, status: Status, given: string, message: string, extra: Partial<ResultCase> = {}): ResultCase {
    return resultCase(c, status, given, message, this.lang, extra);
  }

  private addAll(out: CheckVerdict[], c: Case, status: CheckVerdict["status"], detail: ResultCase): void {
    for (const id of c.checks) out.push({ checkId: id, status, detail });
  }

  /** Records verdicts with status error for a generated case that was not run. */
  notRun(c: Case, message: string): CheckVerdict[] {
    const out: CheckVerdict[] = [];
    this.addAll(out, c, "error", this.detail(c, "error", this.words.given(c, "PORT"), message));
    this.verdicts.push(...out);
    return out;
  }

  /** Runs one case; returns its verdicts, which are recorded unless `record` is false (a shrinking try). */
  async runCase(c: Case, record = true): Promise<CheckVerdict[]> {
    let out: CheckVerdict[] = [];
    const started = performance.now();
    const first = await this.runCaseInto(out, c);
    const { flooded, lateMs } = first;
    // A case whose verdict hangs on timing (a reply 1.5 s late against the program's 2 s) can fail a correct
    // program when the machine stalls both for half a second; so can any case when the grader itself was
    // starved (its replies left late, or it read the program's datagrams late). It gets one more run: a
    // program that really is wrong fails both (the first run's feedback is kept), a correct one passes the
    // second. A flood is not timing: its case is not run again. Nor are the verdicts on the bytes of each
    // request (its shape, its checksum): they are the same however the machine runs, so they neither call
    // for a second run nor keep one from being taken (a program that adds a key to its request, and so
    // fails the shape check in every case, lost a reply's check for good to one stall before).
    const timingFailed = (verdicts: CheckVerdict[], ofRequests: Set<CheckVerdict>) => verdicts.filter((v) => v.status === "failed" && !ofRequests.has(v));
    const timedCase = expectedMs(c, this.limits) >= WAITING_MS;
    const starved = !timedCase && lateMs >= STARVED_MS && this.starvedReruns < MAX_STARVED_RERUNS;
    const failed = timingFailed(out, first.ofRequests);
    // A run that did not test what the case is for (copies meant to run at once that did not; a script that
    // paused longer than it says, past the case's onTimeWithinMs): pass or fail, it gets one more run too,
    // and a run that did test it is trusted over one that did not.
    let untested = first.untested;
    const timingRerun = (timedCase || starved) && failed.length > 0;
    if (!flooded && (timingRerun || untested) && performance.now() < this.deadline) {
      if (starved && timingRerun) this.starvedReruns++;
      // (The checks it failed, not their messages: those quote the program's output, which is not the trace's to print raw.)
      traceStep(`case ${c.id} ${untested ? `untested (${untested})` : "failed"} (grader ${lateMs} ms late), run again: ${failed.map((v) => v.checkId).join(", ")}`);
      const again: CheckVerdict[] = [];
      const second = await this.runCaseInto(again, c);
      const secondPassed = !timingFailed(again, second.ofRequests).length;
      if ((untested && !second.untested) || (secondPassed && (!second.untested || untested))) {
        if (failed.length && secondPassed && record) this.retried.push(c.id);
        out = again;
        untested = second.untested;
      }
    }
    if (untested && record) this.untested[untested].push(c.id);
    timed(out, performance.now() - started);
    if (record) this.verdicts.push(...out);
    return out;
  }

  /**
   * How the program ended, after how long since its start; with a transcript, also when on the transcript's
   * clock (from the case's start, before the program's), so the end and the datagrams read in one order.
   */
  private endWords(o: ProcessOutcome, transcriptOrigin: number | undefined): string {
    const words = describeExitWithTime(o, this.ctx.session.limits, this.lang);
    return transcriptOrigin === undefined ? words : words + t(this.lang, "endedOnWireClock", { ms: (Math.round((o.endedAt - transcriptOrigin) * 10) / 10).toFixed(1) });
  }

  /** The warnings for the timed cases that passed only on their second run, and for the cases no run of which tested what they are for. */
  rerunWarnings(): string[] {
    const named = (ids: string[]) => ids.map((id) => `\`${id}\``).join(", ");
    return [
      ...(this.retried.length ? [t(this.lang, "timedCasesRetried", { n: this.retried.length, cases: named(this.retried) })] : []),
      ...(this.untested.apart.length ? [t(this.lang, "copiesRanApart", { n: this.untested.apart.length, cases: named(this.untested.apart) })] : []),
      ...(this.untested.stalled.length ? [t(this.lang, "scriptStalled", { n: this.untested.stalled.length, cases: named(this.untested.stalled) })] : []),
    ];
  }

  /** Runs one case into `out`. */
  private async runCaseInto(out: CheckVerdict[], c: Case): Promise<CaseRun> {
    const words = this.words;
    const notRun = { flooded: false, lateMs: 0, ofRequests: new Set<CheckVerdict>() };
    if (c.platforms && !c.platforms.includes(process.platform as "linux")) {
      this.addAll(out, c, "skipped", this.detail(c, "passed", words.given(c, "PORT"), t(this.lang, "skippedPlatform")));
      return notRun;
    }
    if (c.host.includes(":") && !this.ipv6) {
      if (!this.warnings.includes(t(this.lang, "ipv6Unavailable"))) this.warnings.push(t(this.lang, "ipv6Unavailable"));
      this.addAll(out, c, "skipped", this.detail(c, "passed", words.given(c, "PORT"), t(this.lang, "ipv6Unavailable")));
      return notRun;
    }
    if (performance.now() > this.deadline) {
      this.addAll(out, c, "error", this.detail(c, "error", words.given(c, "PORT"), t(this.lang, "budgetExhausted", { seconds: this.limits.totalSeconds })));
      return notRun;
    }
    const began = performance.now();

    const fake = new FakeServer(this.probe, c, this.settings.routeBy);
    const server = await fake.open(c.link ? linkSchedule(c.link, this.linkSeed(c)) : undefined);

    // This case's sockets (server and decoys) are all named `${c.id}/…`: one budget for them.
    const budgetPrefix = `${c.id}/`;
    await resetBudget(this.probe, budgetPrefix);
    const mark = await this.probe.call("mark", {});
    const clients: ClientRun[] = textsOf(c).map((text) => ({ text, requests: [] }));
    const procs = clients.map((cl) => {
      const args = fillArgs(this.settings.args, { host: c.host, port: String(server.port), text: cl.text, values: c.values });
      return startScript(this.ctx.session, this.entry, args, this.limits.caseSeconds * 1000);
    });
    const allDone = Promise.all(procs.map((p, i) => p.done.then((o) => (clients[i].outcome = o))));
    let finished = false;
    // The server's pending recv would wait out its 50 ms: wake it, so a quick program's case ends at once.
    void allDone.then(() => {
      finished = true;
      return this.probe.call("wake", { socket: fake.name }).catch(() => {});
    });

    const stopIfFlooded = async () => {
      if (!(await budgetSpent(this.probe, budgetPrefix))) return false;
      for (const cl of clients) cl.flooded = true;
      await Promise.all(procs.map((p) => p.stop()));
      return true;
    };
    const perDatagram: CheckVerdict[] = [];
    await fake.serve(clients, () => finished, stopIfFlooded, (sent, gotText) => requestVerdicts(perDatagram, c, sent, gotText, this.requestChecks));
    // One verdict per case and check, not per datagram: how many requests a program sends depends on
    // timing (a retry more on a loaded machine), and the same code must get the same score.
    const ofRequests = new Set(onePerCheck(perDatagram));
    out.push(...ofRequests);
    if (!clients[0]?.flooded) await stopIfFlooded(); // a flood that ended before serving looked (stop() on an ended program is a no-op)
    const records = await this.probe.call("transcript", { since: mark.seq, sockets: fake.sockets(), head: c.link ? LINK_TRANSCRIPT : TRANSCRIPT_HEAD, tail: TRANSCRIPT_TAIL });
    // Over a lossy link every datagram that left the program counts, even one the link still held when
    // the program ended: the transcript has each once, as sent.
    if (c.link) clients[0].requests = records.filter((r) => r.direction === "received" && r.socket === fake.name);
    await fake.close();
    // The first reply each copy was sent (the transcript starts with it: its head holds the case's start).
    for (const cl of clients) {
      const from = cl.requests[0] ? endpointText(cl.requests[0].from) : undefined;
      cl.firstReplyAt = records.find((r) => r.direction === "sent" && r.socket === fake.name && endpointText(r.to) === from && r.link?.fate !== "drop")?.at;
    }
    // The program's end and its request's arrival on one clock: the probe's stamp and the end seen beside it.
    for (const cl of clients) if (cl.requests[0]) cl.firstRequestAt = mark.origin + cl.requests[0].at;
    const lags = [Math.round(fake.lateMs), loopLag.maxSince(began), (await this.probe.call("lag", { since: mark.at })).ms];
    const afterFirstSend = (cl: ClientRun) => (cl.outcome && cl.firstRequestAt !== undefined ? Math.round(cl.outcome.endedAt - cl.firstRequestAt) : "-");
    traceStep(`case ${c.id}: sends/grader/probe late ${lags.join("/")} ms, pauses up to ${Math.round(fake.stretchMs)} ms longer; ends seen late ${clients.map((cl) => cl.outcome?.endStallMs ?? 0).join("/")} ms, ${clients.map(afterFirstSend).join("/")} ms after the first request`);
    const lateMs = Math.max(...lags);
    const flooded = clients.some((cl) => cl.flooded);
    const untested: Untested | undefined = fake.apart ? "apart" : c.onTimeWithinMs !== undefined && fake.stretchMs > c.onTimeWithinMs ? "stalled" : undefined;

    const judged = (cl: ClientRun, prefix: string) => judge(c, cl, prefix, this.lang, this.limits.caseSeconds, lateMs);
    const problems = [...new Set(clients.flatMap((cl, i) => judged(cl, clients.length > 1 ? `#${i + 1}: ` : "")))];
    const status: Status = problems.length ? "failed" : "passed";
    const given = words.given(c, server.port);
    if (status === "passed") {
      this.addAll(out, c, status, this.detail(c, status, given, ""));
      return { flooded, lateMs, ofRequests, untested };
    }
    const first = clients.find((cl) => judged(cl, "").length) ?? clients[0];
    const names = new Map([[endpointText(server), t(this.lang, "roleGrader")]]);
    for (const opened of fake.decoys.values()) {
      const at = await opened.catch(() => undefined);
      if (at) names.set(endpointText(at), t(this.lang, "roleDecoy"));
    }
    this.addAll(
      out,
      c,
      status,
      this.detail(c, status, given, problems.join("\n"), {
        expected: words.expected(c),
        got: words.got(first),
        transcript: toTranscript(records, names, t(this.lang, "roleProgram"), mark.at, c.link ? LINK_TRANSCRIPT + TRANSCRIPT_TAIL : TRANSCRIPT_HEAD + TRANSCRIPT_TAIL, (r) => (r.link ? linkNoteText(r.link, this.ctx.seed, this.lang) : undefined)),
        ...(first.outcome ? { exit: this.endWords(first.outcome, records.length ? mark.origin + mark.at : undefined) } : {}),
        ...(first.outcome?.stdout ? { stdout: tailOf(first.outcome.stdout, 400) } : {}),
        ...(first.outcome?.stderr ? { stderr: tailOf(first.outcome.stderr, 600) } : {}),
        // A program that printed and then never ended: the check's own hint would be about its clause.
        ...(first.outcome?.timedOut && first.outcome.stdout !== "" ? { hint: t(this.lang, "hintPrintedNeverEnded") } : {}),
      }),
    );
    return { flooded, lateMs, ofRequests, untested };
  }
}
