// One launch (chain) of a udp-server exercise: its cases in order on a server of its own, each case's
// verdicts recorded once, when the case is over (what a server's end charges to it is decided first: see
// ending.ts). The server's life, the grader's sockets, the steps and the matchers are modules of their own.
import type { Case } from "../../generated/udp-server-cases.js";
import type { Case as ResultCase, Status } from "../../generated/result.js";
import { t, type Lang } from "../../core/i18n.js";
import type { ProbeClient } from "../../probe/client.js";
import type { RunningProcess } from "../../runner/process.js";
import { timed, type CheckVerdict, type DriverContext } from "../types.js";
import { parseJsonDatagram, payloadBytes, preview } from "../socket/payload.js";
import { commandText, tailOf } from "../socket/student-program.js";
import { describeExitWithTime } from "../exit-words.js";
import { resultCase } from "../result-case.js";
import { messageShapeProblems, messageValidator } from "../socket/message-shape.js";
import { endpointText, toTranscript, TRANSCRIPT_HEAD, TRANSCRIPT_TAIL } from "../socket/transcript.js";
import { budgetSpent, floodWords, resetBudget } from "../socket/flood-budget.js";
import { runFamilyInOrder, type Drawn, type FamilyRun } from "../socket/generated.js";
import { Ending, type Charge } from "./ending.js";
import { CaseMatchers } from "./matchers.js";
import { ServerLife, type Limits } from "./server-life.js";
import { GraderSockets, type Launch } from "./sockets.js";
import { StepSender } from "./steps.js";
import type { UdpServerExercise } from "../../generated/exercise.js";

export class LaunchRun {
  private readonly lang: Lang;
  private readonly limits: Limits;
  private readonly entry: string;
  private readonly probe: ProbeClient;
  private readonly sockets: GraderSockets;
  private readonly life: ServerLife;
  private readonly ending: Ending;
  private readonly steps: StepSender;
  private readonly verdicts: CheckVerdict[] = [];
  private readonly warnings: string[] = [];
  private validateMessage;
  /** Can the launch's host be bound here at all (IPv6 loopback may be missing)? */
  private usable = true;
  /** Why the current server could not be started (then every later case is an error). */
  private startProblem?: string;

  constructor(
    private readonly ctx: DriverContext<UdpServerExercise>,
    private readonly launch: Launch,
    private readonly cases: Case[],
    private readonly deadline: number,
    /** Generated families, run after the fixed cases (if any) on this launch's server. */
    private readonly families: Drawn<Case>[] = [],
  ) {
    this.lang = ctx.lang;
    this.limits = ctx.exercise.data.limits;
    this.entry = ctx.exercise.data.entry;
    this.validateMessage = messageValidator(ctx.exercise)!;
    this.probe = ctx.session.probe;
    this.sockets = new GraderSockets(this.probe, launch);
    this.life = new ServerLife(ctx, launch, this.limits, this.sockets);
    this.ending = new Ending(this.life, this.limits, this.lang, () => this.floodStop());
    this.steps = new StepSender(this.life, this.sockets, launch, this.limits, this.lang, this.probe);
  }

  async run(): Promise<{ verdicts: CheckVerdict[]; warnings: string[]; restarted?: { count: number; how: string } }> {
    if (this.cases.length === 0 && this.families.length === 0) return { verdicts: [], warnings: [] };
    try {
      this.usable = await this.life.hostUsable();
      if (!this.usable) this.warnings.push(t(this.lang, "ipv6Unavailable"));
      else await this.life.openReadySocket();
      this.life.casesLeft = this.cases.length + this.families.reduce((n, d) => n + d.cases.length, 0);
      await resetBudget(this.probe, this.budgetPrefix);
      for (const c of this.cases) await this.runOne(c, true);
      const run: FamilyRun<Case> = {
        exercise: this.ctx.exercise,
        seed: this.ctx.seed,
        submission: this.ctx.submission,
        lang: this.lang,
        evaluate: (c, record) => this.runOne(c, record),
        notRun: (c, message) => this.recorded(() => this.addAll(c, "error", this.detail(c, "error", message))),
      };
      for (const d of this.families) await runFamilyInOrder(run, d);
      const restarts = this.life.restarts;
      return { verdicts: this.verdicts, warnings: this.warnings, ...(restarts ? { restarted: { count: restarts, how: this.life.lastEnd } } : {}) };
    } finally {
      await this.life.stop();
      await this.sockets.closeAll();
    }
  }

  /** A case can tell that a fresh server is up when its first step sends to the server and expects a reply. */
  private readinessStep(c: Case): boolean {
    const first = c.steps[0];
    return Boolean(first && first.expect.reply && first.send && !first.to);
  }

  private detail(c: Case, status: Status, message: string, extra: Partial<ResultCase> = {}): ResultCase {
    return resultCase(c, status, this.given(c), message, this.lang, extra);
  }

  private given(c: Case): string {
    const at = (name?: string) => (name && c.sockets?.[name]?.host ? `@${c.sockets[name].host}` : "");
    const sends = c.steps.filter((s) => s.send).map((s) => `${s.from}${at(s.from)}${s.to ? `→${s.to}` : ""}: ${preview(payloadBytes(s.send!), 60)}`);
    return `${commandText(this.entry, [this.launch.host, String(this.life.serverAt?.port ?? "PORT")])}; ${sends.join(" | ") || "(no datagram)"}`;
  }

  /** The verdicts `add` records; with record false they are taken back out (a shrinking try counts for nothing). */
  private async recorded(add: () => unknown, record = true): Promise<CheckVerdict[]> {
    const before = this.verdicts.length;
    const started = performance.now();
    await add();
    const mine = timed(this.verdicts.slice(before), performance.now() - started);
    if (!record) this.verdicts.length = before;
    return mine;
  }

  /** Runs one case (fixed or generated) on the current server, starting it first where needed; returns its verdicts. */
  private runOne(c: Case, record: boolean): Promise<CheckVerdict[]> {
    return this.recorded(async () => {
      try {
        await this.runOneInto(c);
      } finally {
        // Each case's budget counts from the end of the one before (a flood during a readiness ping is charged to the case it delays).
        await resetBudget(this.probe, this.budgetPrefix);
      }
    }, record);
  }

  /** Probe sockets of this launch are named `${launch.id}/…`: one datagram budget for them, per case. */
  private get budgetPrefix(): string {
    return `${this.launch.id}/`;
  }

  /** Past the case's datagram budget: stops the server (the next case starts another) and says why. */
  private async floodStop(): Promise<string | undefined> {
    const server = this.life.server;
    if (!server || !(await budgetSpent(this.probe, this.budgetPrefix))) return undefined;
    await server.stop();
    await this.sockets.drainAll(this.life.serverAt); // what it sent before the budget ran out is this case's, not the next one's
    return floodWords(this.lang);
  }

  private async runOneInto(c: Case): Promise<void> {
    if (this.life.casesLeft > 0) this.life.casesLeft--;
    if (!this.usable) return this.addAll(c, "skipped", this.detail(c, "passed", t(this.lang, "ipv6Unavailable")));
    if (c.platforms && !c.platforms.includes(process.platform as "linux")) return this.addAll(c, "skipped", this.detail(c, "passed", t(this.lang, "skippedPlatform")));
    if (performance.now() > this.deadline) return this.addAll(c, "error", this.detail(c, "error", t(this.lang, "budgetExhausted", { seconds: this.limits.totalSeconds })));
    if (!this.startProblem) {
      const gaveUp = await this.ending.beforeCase();
      if (gaveUp) return this.addAll(c, "error", this.detail(c, "error", gaveUp));
    }
    if (!this.startProblem && this.life.fresh && !this.readinessStep(c)) {
      const ready = await this.ending.readiness();
      if (ready.charge) {
        await this.record(c, ready.charge);
        return;
      }
      this.startProblem = ready.startProblem;
    }
    if (this.startProblem) return this.addAll(c, "error", this.detail(c, "error", this.startProblem));
    this.startProblem = await this.runCase(c);
  }

  /** Records a case charged with the server's end (`failure`: the case's own failure detail, once its steps ran); returns `stop`. */
  private async record(c: Case, charge: Charge, failure?: () => Promise<ResultCase>): Promise<string | undefined> {
    if (charge.status === "error") this.addAll(c, "error", this.detail(c, "error", charge.message));
    else if (charge.ran === false || !failure) this.addAll(c, "failed", this.detail(c, "failed", charge.first ?? ""));
    else {
      this.addAll(c, "failed", await failure());
      // Its end is this case's: the server that follows starts afresh from here.
      if (!charge.stop) this.life.lastCase = c;
    }
    return charge.stop;
  }

  private addAll(c: Case, status: CheckVerdict["status"], detail: ResultCase): void {
    for (const id of c.checks) this.verdicts.push({ checkId: id, status, detail });
  }

  /** Runs one case; returns a message when the server turned out not to be gradable at all (then every later case is an error). */
  private async runCase(c: Case): Promise<string | undefined> {
    // Every case speaks from sockets of its own (see GraderSockets.newCase).
    this.sockets.newCase();
    const socketProblem = await this.sockets.openDeclared(c);
    if (socketProblem) {
      this.addAll(c, "skipped", this.detail(c, "passed", t(this.lang, "graderSocketFailed", { error: socketProblem })));
      return undefined;
    }
    const server = this.life.server!;
    const mark = await this.probe.call("mark", {});
    const printed = { out: server.stdout.total, err: server.stderr.total };
    const problems: string[] = [];
    const expected: string[] = [];
    const got: string[] = [];
    let fresh: "ended" | "silent" | undefined;
    const matchers = new CaseMatchers(this.lang, this.sockets);
    let counted = 0;
    const sends = c.steps.filter((s) => s.send).length;
    for (const [i, step] of c.steps.entries()) {
      // The message-shape verdict of each reply is about the reply alone, whatever becomes of the case.
      const r = await this.steps.run(step, matchers, (parsed, gotText) => this.shapeVerdict(c, parsed, gotText));
      counted += r.problems.length;
      // Several datagrams in one case: say which reply was wrong.
      if (r.problems.length && step.send && sends > 1) problems.push(t(this.lang, "replyOfStep", { n: c.steps.slice(0, i + 1).filter((s) => s.send).length, total: sends, from: step.from ?? "", sent: preview(payloadBytes(step.send), 60) }));
      problems.push(...r.problems);
      if (r.expected) expected.push(r.expected);
      if (r.got) got.push(r.got);
      fresh = r.fresh;
      if (r.problems.length) break; // later steps build on this one
    }
    // What the server's end (or a flood) charges to this case, decided before any verdict of it is recorded.
    const charge = await this.ending.afterSteps(fresh);
    if (charge) return this.record(c, charge, () => this.failureDetail(c, server, charge.status === "failed" && charge.first ? [charge.first, ...problems] : problems, expected, got, mark, printed));
    // Once the server has answered the ping, every reply it sent for this case has arrived: a duplicate
    // or a reply to the wrong socket is found now, and charged here rather than to the next case.
    if (!this.life.servesOnce()) await this.life.servedSoFar();
    const extra = await this.sockets.drainAll(this.life.serverAt);
    if (extra && !problems.length) problems.push(t(this.lang, "extraDatagrams", { count: extra }));
    const status: Status = problems.length ? "failed" : "passed";
    if (status === "passed") this.addAll(c, status, this.detail(c, status, ""));
    else this.verdicts.push(...matchers.failureVerdicts(this.ctx.exercise, c, await this.failureDetail(c, server, problems, expected, got, mark, printed), counted + (extra && !counted ? 1 : 0)));
    this.life.lastCase = c;
    return undefined;
  }

  private async failureDetail(c: Case, server: RunningProcess, problems: string[], expected: string[], got: string[], mark: { seq: number; at: number }, printed: { out: number; err: number }): Promise<ResultCase> {
    // Only this launch's case sockets: the other launch runs at the same time on the same probe.
    const records = await this.probe.call("transcript", { since: mark.seq, sockets: this.sockets.probeNames(), head: TRANSCRIPT_HEAD, tail: TRANSCRIPT_TAIL });
    const names = new Map(this.sockets.entries().map(([n, s]) => [endpointText(s.local), `${t(this.lang, "roleGrader")} ${n}`]));
    // Only what the server printed while this case ran (a traceback it caught, say), not its banner.
    const since = (o: { total: number; lastChars(n: number): string }, from: number, cap: number) => (o.total > from ? tailOf(o.lastChars(Math.min(4000, o.total - from)), cap) : "");
    const out = since(server.stdout, printed.out, 400);
    const err = since(server.stderr, printed.err, 600);
    return this.detail(c, "failed", problems.join("\n"), {
      expected: expected.join("; "),
      got: got.join("; "),
      transcript: toTranscript(records, names, t(this.lang, "roleServer"), mark.at),
      ...(server.exited ? { exit: describeExitWithTime(await server.done, this.ctx.session.limits, this.lang) } : {}),
      ...(out ? { stdout: out } : {}),
      ...(err ? { stderr: err } : {}),
    });
  }

  /** One verdict per reply for the exercise's message-shape check. */
  private shapeVerdict(c: Case, parsed: ReturnType<typeof parseJsonDatagram>, gotText: string): void {
    const shapeCheck = this.ctx.exercise.data.messages.shapeCheck;
    if (!shapeCheck) return;
    const problems = messageShapeProblems(parsed, this.validateMessage, "replyNotJson", this.lang);
    const status = problems.length ? "failed" : "passed";
    this.verdicts.push({ checkId: shapeCheck, status, detail: this.detail(c, status, problems.join(" "), { got: gotText }) });
  }
}
