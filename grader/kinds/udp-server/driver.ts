// The udp-server kind: the grader is the client. Each launch in exercise.json is one run of
// `python3 ENTRY HOST PORT`; its cases are steps sent from named grader sockets through the probe, and
// each reply is checked against the case's pattern and the exercise's message schema.
import getPort from "get-port";
import type { Case, Step } from "../../generated/udp-server-cases.js";
import type { Case as ResultCase, Status } from "../../generated/result.js";
import { t, type Lang } from "../../core/i18n.js";
import { hasSchema, validatorFor } from "../../core/schemas.js";
import type { ProbeClient } from "../../probe/client.js";
import type { DatagramRecord, Endpoint } from "../../probe/protocol.js";
import type { RunningProcess } from "../../runner/process.js";
import { assertValid, caseProblems, loadCaseFile } from "../case-file.js";
import { selectedCases, type CheckVerdict, type DriverContext, type KindDriver, type LoadedExercise } from "../types.js";
import { echoTextOf, parseJsonDatagram, payloadBytes, preview } from "../socket/payload.js";
import { describePattern, expectedGot, matchPattern, show, type MatcherFn } from "../socket/pattern.js";
import { commandText, startScript, tailOf } from "../socket/student-program.js";
import { describeExitWithTime } from "../exit-words.js";
import { resultCase } from "../result-case.js";
import { messageShapeProblems } from "../socket/message-shape.js";
import { endpointText, toTranscript } from "../socket/transcript.js";
import { drawSocketFamilies, familyWarnings, runFamilyInOrder, socketFamilyProblems, type Drawn, type FamilyRun } from "../socket/generated.js";

const CASE_SCHEMA = "udp-server-cases.schema.json";
const loadCases = (exercise: LoadedExercise) => loadCaseFile<Case>(exercise, CASE_SCHEMA);
const MAX_RESTARTS = 5;
const READY_POLL_MS = 150;
const PING = Buffer.from(JSON.stringify({ op: "echo", text: "ready?" })).toString("base64");

interface Limits {
  startSeconds: number;
  replySeconds: number;
  retries: number;
  totalSeconds: number;
}

export const udpServerDriver: KindDriver = {
  async validate(exercise) {
    const ex = exercise.data;
    const cases = await loadCases(exercise);
    const problems = [];
    if (!hasSchema(`answers/${ex.messages!.schema}`)) problems.push(`no schema answers/${ex.messages!.schema} in schemas/`);
    for (const c of cases) problems.push(...caseRules(exercise, c));
    for (const f of ex.generated ?? []) if (f.case && typeof f.case.launch !== "string") problems.push(`family ${f.id}: "launch" must be written out in its case template`);
    problems.push(...socketFamilyProblems<Case>(exercise, cases.map((c) => c.id), CASE_SCHEMA, (c) => caseRules(exercise, c)));
    assertValid(exercise, [...problems, ...caseProblems(exercise, cases, [ex.messages?.shapeCheck])]);
  },

  async run(ctx) {
    const cases = selectedCases(ctx.exercise, await loadCases(ctx.exercise), () => [ctx.exercise.data.messages?.shapeCheck]);
    const launches = ctx.exercise.data.launches!;
    const deadline = performance.now() + ctx.exercise.data.limits.totalSeconds * 1000;
    const drawn = drawSocketFamilies<Case>(ctx.exercise, ctx.seed, CASE_SCHEMA, (c) => caseRules(ctx.exercise, c), ctx.exercise.data.messages?.shapeCheck);
    // Launches are independent servers on their own ports: grade them side by side. Each generated family
    // gets a server of its own beside them: its time overlaps the fixed cases' waits, a server that its
    // requests bring down costs no other family anything, and its counts start from zero.
    const runs = launches.map((l) => new LaunchRun(ctx, l, cases.filter((c) => c.launch === l.id), deadline));
    const familyRuns = drawn.map((d) => {
      const l = launches.find((x) => x.id === d.family.case!.launch)!;
      return new LaunchRun(ctx, { id: `${l.id}-${d.family.id}`, host: l.host }, [], deadline, [d]);
    });
    const outputs = await Promise.all([...runs, ...familyRuns].map((r) => r.run()));
    const order = new Map([...cases, ...drawn.flatMap((d) => d.cases.filter((c) => c !== undefined))].map((c, i) => [c.id, i]));
    const verdicts = outputs.flatMap((o) => o.verdicts).sort((a, b) => (order.get(a.detail.id) ?? 0) - (order.get(b.detail.id) ?? 0));
    // A server that keeps ending is restarted in every family: one word on it is enough.
    const restarts = outputs.slice(runs.length).flatMap((o) => o.restarts);
    const warnings = [...outputs.flatMap((o) => o.warnings), ...restarts.slice(0, 1)];
    return { verdicts, warnings: [...new Set([...warnings, ...familyWarnings(ctx.lang, drawn)])] };
  },
};

/** What a case (fixed or generated) must satisfy beyond its schema. */
function caseRules(exercise: LoadedExercise, c: Case): string[] {
  const problems: string[] = [];
  if (!(exercise.data.launches ?? []).some((l) => l.id === c.launch)) problems.push(`case ${c.id} names unknown launch ${c.launch}`);
  for (const s of c.steps) if (!s.expect.alive && (!s.from || !s.send)) problems.push(`case ${c.id}: a step that sends needs "from" and "send"`);
  return problems;
}

/**
 * Per grader socket: how many datagrams it sent and how many replies came back (for {"$count": ...}), and
 * how many more replies may still arrive because a datagram was resent after a reply that was only late.
 */
interface SocketState {
  probeName: string;
  local: Endpoint;
  sent: number;
  replied: number;
  lateReplies: number;
}

class LaunchRun {
  private readonly lang: Lang;
  private readonly limits: Limits;
  private readonly entry: string;
  private probe!: ProbeClient;
  private server?: RunningProcess;
  private serverAt!: Endpoint;
  private sockets = new Map<string, SocketState>();
  private restarts = 0;
  /** The last case run on the current server (it may be the one that made the server end). */
  private lastCase?: Case;
  /** The probe socket that polls the current server (its answers count for no case). */
  private readySocket = "";
  private readonly verdicts: CheckVerdict[] = [];
  private readonly warnings: string[] = [];
  /** The warnings that the server was started again. */
  private readonly restartWarnings: string[] = [];
  private validateMessage;
  /** Probe sockets of this launch (the probe is shared with the other launch). */
  private readonly openSockets: string[] = [];
  /** Can the launch's host be bound here at all (IPv6 loopback may be missing)? */
  private usable = true;
  /** Why the current server could not be started, if it could not. */
  private startProblem?: string;

  constructor(
    private readonly ctx: DriverContext,
    private readonly launch: { id: string; host: string },
    private readonly cases: Case[],
    private readonly deadline: number,
    /** Generated families, run after the fixed cases (if any) on this launch's server. */
    private readonly families: Drawn<Case>[] = [],
  ) {
    this.lang = ctx.lang;
    this.limits = ctx.exercise.data.limits as Limits;
    this.entry = ctx.exercise.data.entry;
    this.validateMessage = validatorFor(`answers/${ctx.exercise.data.messages!.schema}`);
  }

  async run(): Promise<{ verdicts: CheckVerdict[]; warnings: string[]; restarts: string[] }> {
    if (this.cases.length === 0 && this.families.length === 0) return { verdicts: [], warnings: [], restarts: [] };
    this.probe = this.ctx.session.probe;
    try {
      this.usable = await this.hostUsable();
      if (!this.usable) this.warnings.push(t(this.lang, "ipv6Unavailable"));
      else this.startProblem = await this.startServer();
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
      return { verdicts: this.verdicts, warnings: this.warnings, restarts: this.restartWarnings };
    } finally {
      await this.server?.stop();
      for (const name of this.openSockets) await this.probe.call("close", { socket: name });
    }
  }

  /** The verdicts `add` records; with record false they are taken back out (a shrinking try counts for nothing). */
  private async recorded(add: () => unknown, record = true): Promise<CheckVerdict[]> {
    const before = this.verdicts.length;
    await add();
    const mine = this.verdicts.slice(before);
    if (!record) this.verdicts.length = before;
    return mine;
  }

  /** Runs one case on the current server, restarting it first if it ended; returns the case's verdicts. */
  private runOne(c: Case, record: boolean): Promise<CheckVerdict[]> {
    return this.recorded(async () => {
      if (!this.usable) return this.addAll(c, "skipped", this.detail(c, "passed", t(this.lang, "ipv6Unavailable")));
      if (c.platforms && !c.platforms.includes(process.platform as "linux")) return this.addAll(c, "skipped", this.detail(c, "passed", t(this.lang, "skippedPlatform")));
      if (performance.now() > this.deadline) return this.addAll(c, "error", this.detail(c, "error", t(this.lang, "budgetExhausted", { seconds: this.limits.totalSeconds })));
      if (!this.startProblem && this.server?.exited) {
        const how = describeExitWithTime(await this.server.done, this.ctx.session.limits, this.lang);
        // It ended between cases: after the last one it served.
        if (this.lastCase) this.chargeEnding(this.lastCase, how);
        this.lastCase = undefined;
        if (this.restarts >= MAX_RESTARTS) return this.addAll(c, "error", this.detail(c, "error", t(this.lang, "serverGone", { how })));
        this.restarts++;
        this.startProblem = await this.startServer();
        // A family's restarts are reported apart (see run): the same server is restarted in every family.
        if (!this.startProblem) (this.families.length ? this.restartWarnings : this.warnings).push(t(this.lang, "serverRestarted", { how }));
      }
      if (this.startProblem) return this.addAll(c, "error", this.detail(c, "error", this.startProblem));
      await this.runCase(c);
    }, record);
  }

  /** IPv6 loopback is missing on some machines (containers): then its cases are skipped, not failed. */
  private async hostUsable(): Promise<boolean> {
    const r = await this.probe.call("canBind", { host: this.launch.host, port: 0 });
    return r.ok;
  }

  private async freePort(): Promise<number> {
    for (let i = 0; i < 20; i++) {
      const port = await getPort({ host: this.launch.host });
      if ((await this.probe.call("canBind", { host: this.launch.host, port })).ok) return port;
    }
    throw new Error(`no free UDP port on ${this.launch.host}`);
  }

  /** Starts the server and polls it with a socket of its own until it answers; a message if it never does. */
  private async startServer(): Promise<string | undefined> {
    await this.server?.stop();
    const port = await this.freePort();
    this.serverAt = { host: this.launch.host, port };
    // A fresh server has fresh counts.
    for (const s of this.sockets.values()) s.sent = s.replied = 0;
    const args = [this.launch.host, String(port)];
    const command = commandText(this.entry, args);
    this.server = startScript(this.ctx.session, this.entry, args);
    this.lastCase = undefined;
    // A socket of its own (counts are per sender, so polling disturbs no case). It stays open until the
    // launch ends: a closed socket's port could be handed to a later grader socket, which would then
    // inherit this one's count at the server.
    this.readySocket = (await this.openSocket(`ready${this.restarts}`)).probeName;
    const until = performance.now() + this.limits.startSeconds * 1000;
    let pings = 0;
    while (performance.now() < until) {
      if (this.server.exited) {
        const o = await this.server.done;
        const err = tailOf(o.stderr);
        return t(this.lang, "serverExitedEarly", { how: describeExitWithTime(o, this.ctx.session.limits, this.lang), command }) + (err ? `\n${err}` : "");
      }
      const sentAt = performance.now();
      await this.probe.call("send", { socket: this.readySocket, to: this.serverAt, data: PING });
      pings++;
      if (await this.probe.call("recv", { socket: this.readySocket, timeoutMs: READY_POLL_MS })) {
        // Let a slow server work off the other pings first, so the cases do not queue behind them. Pings
        // sent before it bound are lost, so wait only a few round trips for each.
        const wait = Math.min(this.limits.replySeconds * 1000, Math.max(20, 3 * (performance.now() - sentAt)));
        for (let answered = 1; answered < pings; answered++) {
          if (!(await this.probe.call("recv", { socket: this.readySocket, timeoutMs: wait }))) break;
        }
        // One more ping: a server that ends after its first answer is gone before the first case, not during it.
        await this.servedSoFar();
        return undefined;
      }
    }
    const err = tailOf(this.server.stderr.text());
    return t(this.lang, "serverNeverAnswered", { seconds: this.limits.startSeconds, command, host: this.launch.host }) + (err ? `\n${err}` : "");
  }

  /** Opens a probe socket for this launch; its probe name carries the launch id (the probe is shared). */
  private async openSocket(name: string): Promise<{ probeName: string; local: Endpoint }> {
    const probeName = `${this.launch.id}/${name}`;
    const local = await this.probe.call("open", { socket: probeName, host: this.launch.host });
    this.openSockets.push(probeName);
    return { probeName, local };
  }

  private async socket(name: string): Promise<SocketState> {
    let s = this.sockets.get(name);
    if (!s) {
      s = { ...(await this.openSocket(name)), sent: 0, replied: 0, lateReplies: 0 };
      this.sockets.set(name, s);
    }
    return s;
  }

  private detail(c: Case, status: Status, message: string, extra: Partial<ResultCase> = {}): ResultCase {
    return resultCase(c, status, this.given(c), message, this.lang, extra);
  }

  private given(c: Case): string {
    const sends = c.steps.filter((s) => s.send).map((s) => `${s.from}${s.to ? `→${s.to}` : ""}: ${preview(payloadBytes(s.send!), 60)}`);
    return `${commandText(this.entry, [this.launch.host, String(this.serverAt?.port ?? "PORT")])}; ${sends.join(" | ") || "(no datagram)"}`;
  }

  private addAll(c: Case, status: CheckVerdict["status"], detail: ResultCase): void {
    for (const id of c.checks) this.verdicts.push({ checkId: id, status, detail });
  }

  private async runCase(c: Case): Promise<void> {
    const mark = await this.probe.call("mark", {});
    const printed = { out: this.server?.stdout.total ?? 0, err: this.server?.stderr.total ?? 0 };
    const problems: string[] = [];
    const expected: string[] = [];
    const got: string[] = [];
    for (const step of c.steps) {
      const r = await this.runStep(c, step);
      problems.push(...r.problems);
      if (r.expected) expected.push(r.expected);
      if (r.got) got.push(r.got);
      if (r.problems.length) break; // later steps build on this one
    }
    // Once the server has answered the ping, every reply it sent for this case has arrived: a duplicate
    // or a reply to the wrong socket is found now, and charged here rather than to the next case.
    await this.servedSoFar();
    const extra = await this.drainAll();
    if (extra && !problems.length) problems.push(t(this.lang, "extraDatagrams", { count: extra }));
    const status: Status = problems.length ? "failed" : "passed";
    this.addAll(c, status, status === "passed" ? this.detail(c, status, "") : await this.failureDetail(c, problems, expected, got, mark, printed));
    this.lastCase = c;
  }

  /**
   * After a case: a ping from the server's own polling socket. The server handles datagrams in order, so its
   * answer means it went back to serving after the case; a server that leaves after answering the case is
   * gone instead, and the next case is not blamed for it (see run). Waits at most replySeconds.
   */
  private async servedSoFar(): Promise<void> {
    if (!this.server || this.server.exited) return;
    await this.probe.call("send", { socket: this.readySocket, to: this.serverAt, data: PING });
    const until = performance.now() + this.limits.replySeconds * 1000;
    while (performance.now() < until && !this.server.exited) {
      if (await this.probe.call("recv", { socket: this.readySocket, timeoutMs: 50 })) return;
    }
  }

  /**
   * The server ended after case `c` (it answered, then left): that case fails, saying so, unless it already
   * failed with the server's end in its feedback.
   */
  private chargeEnding(c: Case, how: string): void {
    const message = t(this.lang, "serverEndedAfterCase", { how });
    // The case's own checks (not the shape check of its replies, which were fine).
    const mine = this.verdicts.filter((v) => v.detail.id === c.id && c.checks.includes(v.checkId));
    if (mine.some((v) => v.detail.exit)) return;
    for (const v of mine) {
      if (v.status === "skipped") continue;
      v.status = "failed";
      v.detail = { ...v.detail, status: "failed", message: v.detail.message ? `${v.detail.message}\n${message}` : message, exit: how };
    }
  }

  private async failureDetail(c: Case, problems: string[], expected: string[], got: string[], mark: { seq: number; at: number }, printed: { out: number; err: number }): Promise<ResultCase> {
    // Only this launch's case sockets: the other launch runs at the same time on the same probe.
    const mine = new Set([...this.sockets.values()].map((st) => st.probeName));
    const records = (await this.probe.call("transcript", { since: mark.seq })).filter((r) => mine.has(r.socket));
    const names = new Map([...this.sockets.entries()].map(([n, s]) => [endpointText(s.local), `${t(this.lang, "roleGrader")} ${n}`]));
    // Only what the server printed while this case ran (a traceback it caught, say), not its banner.
    const since = (o: { total: number; lastChars(n: number): string }, from: number, cap: number) => (o.total > from ? tailOf(o.lastChars(Math.min(cap, o.total - from))) : "");
    const out = this.server ? since(this.server.stdout, printed.out, 400) : "";
    const err = this.server ? since(this.server.stderr, printed.err, 600) : "";
    return this.detail(c, "failed", problems.join("\n"), {
      expected: expected.join("; "),
      got: got.join("; "),
      transcript: toTranscript(records, names, t(this.lang, "roleServer"), mark.at),
      ...(this.server?.exited ? { exit: describeExitWithTime(await this.server.done, this.ctx.session.limits, this.lang) } : {}),
      ...(out ? { stdout: out } : {}),
      ...(err ? { stderr: err } : {}),
    });
  }

  /**
   * Datagrams nobody waited for (a second reply, a reply meant for another socket), dropped and counted;
   * replies to our own resends are expected and not counted.
   */
  private async drainAll(): Promise<number> {
    let n = 0;
    const drained = await this.probe.call("drainAll", { prefix: `${this.launch.id}/` });
    for (const state of this.sockets.values()) {
      // Only what the server sent counts; anything else that finds a grader socket is not its doing.
      const fromServer = (d: DatagramRecord) => endpointText(d.from) === endpointText(this.serverAt);
      const queued = (drained[state.probeName] ?? []).filter(fromServer).length;
      const excused = Math.min(queued, state.lateReplies);
      state.lateReplies -= excused;
      n += queued - excused;
    }
    return n;
  }

  private async runStep(c: Case, step: Step): Promise<{ problems: string[]; expected?: string; got?: string }> {
    if (step.expect.alive) {
      if (this.server?.exited) return { problems: [t(this.lang, "serverGone", { how: describeExitWithTime(await this.server.done, this.ctx.session.limits, this.lang) })], expected: t(this.lang, "serverStillRunning") };
      return { problems: [] };
    }
    const state = await this.socket(step.from!);
    const name = state.probeName;
    const to: Endpoint = { host: step.to ?? this.launch.host, port: this.serverAt.port };
    const data = payloadBytes(step.send!).toString("base64");
    const problems: string[] = [];
    const extra = await this.drainAll();
    if (extra) problems.push(t(this.lang, "extraDatagrams", { count: extra }));

    if (step.expect.noReply) {
      await this.probe.call("send", { socket: name, to, data });
      state.sent++;
      const reply = await this.probe.call("recv", { socket: name, timeoutMs: this.limits.replySeconds * 1000 });
      const gotText = reply ? preview(Buffer.from(reply.data, "base64"), 80) : t(this.lang, "noReplyWord");
      if (reply) problems.push(t(this.lang, "unexpectedReply", { detail: gotText }));
      return { problems, expected: t(this.lang, "noReplyWord"), got: gotText };
    }

    const pattern = (step.expect.reply as { json?: unknown }).json;
    const expected = describePattern(pattern, this.patternWords(step));
    let reply: DatagramRecord | null = null;
    let tries = 0;
    // Loopback drops datagrams only under heavy load; a bounded number of resends keeps a correct server
    // from failing by chance ({"$count": ...} accounts for the resends).
    while (!reply && tries <= this.limits.retries && !this.server?.exited) {
      tries++;
      await this.probe.call("send", { socket: name, to, data });
      state.sent++;
      reply = await this.probe.call("recv", { socket: name, timeoutMs: this.limits.replySeconds * 1000 });
    }
    // Every send that has not been answered yet may still be answered late.
    state.lateReplies += reply ? tries - 1 : tries;
    if (!reply) {
      if (tries > 0) problems.push(t(this.lang, "noReply", { tries, seconds: this.limits.replySeconds }));
      if (this.server?.exited) {
        problems.push(t(this.lang, "serverGone", { how: describeExitWithTime(await this.server.done, this.ctx.session.limits, this.lang) }));
        // Gone before this case sent anything, and no case ran on it: it ended after the readiness ping.
        if (tries === 0 && !this.lastCase) problems.push(t(this.lang, "serverEndedAfterReady"));
      }
      return { problems, expected, got: t(this.lang, "noReplyWord") };
    }
    const bytes = Buffer.from(reply.data, "base64");
    const gotText = preview(bytes, 160);
    if (endpointText(reply.from) !== endpointText(this.serverAt)) {
      problems.push(t(this.lang, "replyFromElsewhere", { from: endpointText(reply.from), to: endpointText(this.serverAt) }));
    }
    const parsed = parseJsonDatagram(bytes);
    this.shapeVerdict(c, parsed, gotText);
    if (!parsed.ok) {
      problems.push(t(this.lang, "replyNotJson", { why: parsed.why }));
      return { problems, expected, got: gotText };
    }
    problems.push(...matchPattern(pattern, parsed.value, this.matchers(step, state), this.lang));
    state.replied++;
    return { problems, expected, got: gotText };
  }

  /** One verdict per reply for the exercise's message-shape check. */
  private shapeVerdict(c: Case, parsed: ReturnType<typeof parseJsonDatagram>, gotText: string): void {
    const shapeCheck = this.ctx.exercise.data.messages?.shapeCheck;
    if (!shapeCheck) return;
    const problems = messageShapeProblems(parsed, this.validateMessage, "replyNotJson", this.lang);
    const status = problems.length ? "failed" : "passed";
    this.verdicts.push({ checkId: shapeCheck, status, detail: this.detail(c, status, problems.join(" "), { got: gotText }) });
  }

  private matchers(step: Step, state: SocketState): Record<string, MatcherFn> {
    const l = this.lang;
    return {
      $client: (arg, value) => {
        const s = this.sockets.get(String(arg));
        const want = s ? endpointText(s.local) : "?";
        if (value === want) return undefined;
        return expectedGot(l, t(l, "wantClient", { want: JSON.stringify(want) }), value);
      },
      $count: (arg, value) => {
        const s = arg === step.from ? state : this.sockets.get(String(arg));
        if (!s) return "unknown socket";
        // The server saw at least every datagram that was answered plus this one, at most every one sent.
        const low = s.replied + 1;
        const high = s.sent;
        if (typeof value === "number" && Number.isInteger(value) && value >= low && value <= high) return undefined;
        const range = low === high ? `${low}` : `${low}-${high}`;
        return expectedGot(l, t(l, "wantCount", { range }), value);
      },
      $sentText: (_arg, value) => {
        const text = echoTextOf(step.send!);
        if (value === text) return undefined;
        if (typeof value === "string" && text && value.length !== text.length) return t(l, "textLengthDiffers", { got: value.length, sent: text.length });
        return expectedGot(l, t(l, "wantSentText", { text: show(text, l) }), value);
      },
      $nonEmptyString: (_arg, value) => (typeof value === "string" && value.length > 0 ? undefined : expectedGot(l, t(l, "wantNonEmptyString"), value)),
    };
  }

  private patternWords(step: Step): Record<string, (arg: unknown) => string> {
    return {
      $client: (arg) => `"${t(this.lang, "patternClient", { name: String(arg) })}"`,
      $count: (arg) => t(this.lang, "patternCount", { name: String(arg) }),
      $sentText: () => {
        const text = echoTextOf(step.send!) ?? "";
        return JSON.stringify(text.length > 40 ? text.slice(0, 40) + "…" : text);
      },
      $nonEmptyString: () => `"${t(this.lang, "patternNonEmpty")}"`,
    };
  }
}
