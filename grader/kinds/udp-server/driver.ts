// The udp-server kind: the grader is the client. Each launch in exercise.json is one run of
// `python3 ENTRY HOST PORT`; its cases are steps sent from named grader sockets through the probe, and
// each reply is checked against the case's pattern and the exercise's message schema.
import net from "node:net";
import type { Case, Step } from "../../generated/udp-server-cases.js";
import type { Case as ResultCase, Status } from "../../generated/result.js";
import { pick, t, type Lang } from "../../core/i18n.js";
import type { ProbeClient } from "../../probe/client.js";
import type { DatagramRecord, Endpoint } from "../../probe/protocol.js";
import type { RunningProcess } from "../../runner/process.js";
import { assertValid, caseProblems, loadCaseFile } from "../case-file.js";
import { selectedCases, timed, type CheckVerdict, type DriverContext, type KindDriver, type LoadedExercise } from "../types.js";
import { fillProblems, parseJsonDatagram, payloadBytes, preview, sentStringAt } from "../socket/payload.js";
import { describePattern, expectedGot, matchersIn, matchPattern, show, type MatcherFn } from "../socket/pattern.js";
import { commandText, startScript, tailOf } from "../socket/student-program.js";
import { describeExitWithTime } from "../exit-words.js";
import { resultCase } from "../result-case.js";
import { messageShapeProblems, messageValidator } from "../socket/message-shape.js";
import { endpointText, toTranscript, TRANSCRIPT_HEAD, TRANSCRIPT_TAIL } from "../socket/transcript.js";
import { budgetSpent, floodWords, resetBudget } from "../socket/flood-budget.js";
import { drawSocketFamilies, familyWarnings, runFamilyInOrder, socketFamilyProblems, type Drawn, type FamilyRun } from "../socket/generated.js";

const CASE_SCHEMA = "udp-server-cases.schema.json";
const loadCases = (exercise: LoadedExercise) => loadCaseFile<Case>(exercise, CASE_SCHEMA);
/** The largest UDP payload over IPv4. */
const MAX_DATAGRAM = 65_507;
/** Restarts after a life in which the server answered nothing (a crash, a hang): few, they only cost time. */
const MAX_SILENT_RESTARTS = 5;
/** Waiting for a fresh server: resend after these waits (ms), then every last one; a Python start is ~40 ms. */
const READY_POLL_MS = [10, 20, 40, 80, 150];
/** Replies to the grader's own polls and pings are looked for in slices this long, so a server's end is seen at once. */
const ALIVE_SLICE_MS = 50;
/** Copies of a server that serves one datagram per run started ahead of the cases that will need them. */
const MAX_SPARES = 3;
/** After the server is seen gone: how long a reply it sent just before may still take to arrive. */
const EXIT_GRACE_MS = 20;

interface Limits {
  startSeconds: number;
  replySeconds: number;
  retries: number;
  totalSeconds: number;
  servers?: number;
}

type Launch = { id: string; host: string };

export const udpServerDriver: KindDriver = {
  async validate(exercise) {
    const ex = exercise.data;
    const cases = await loadCases(exercise);
    const problems = [];
    if (!messageValidator(exercise)) problems.push(`no schema ${ex.messages!.schema} in schemas/answers/ nor in the exercise's folder`);
    for (const c of cases) problems.push(...caseRules(exercise, c));
    for (const f of ex.generated ?? []) if (f.case && typeof f.case.launch !== "string") problems.push(`family ${f.id}: "launch" must be written out in its case template`);
    problems.push(...socketFamilyProblems<Case>(exercise, cases.map((c) => c.id), CASE_SCHEMA, (c) => caseRules(exercise, c)));
    for (const c of cases) {
      for (const s of c.steps) if (s.send && payloadBytes(s.send).length > MAX_DATAGRAM) problems.push(`case ${c.id}: a datagram of more than ${MAX_DATAGRAM} bytes`);
      for (const s of c.steps) if (s.send && "json" in s.send && s.send.padTo && Buffer.byteLength(JSON.stringify(s.send.json, null, s.send.indent)) > s.send.padTo) problems.push(`case ${c.id}: JSON longer than its padTo`);
    }
    problems.push(...socketDeclarationProblems(cases, new Map((ex.launches ?? []).map((l) => [l.id, l.host]))));
    assertValid(exercise, [...problems, ...caseProblems(exercise, cases, [ex.messages?.shapeCheck])]);
  },

  async run(ctx) {
    const cases = selectedCases(ctx.exercise, await loadCases(ctx.exercise), () => [ctx.exercise.data.messages?.shapeCheck]);
    const launches: Launch[] = ctx.exercise.data.launches!;
    const deadline = performance.now() + ctx.exercise.data.limits.totalSeconds * 1000;
    const drawn = drawSocketFamilies<Case>(ctx.exercise, ctx.seed, CASE_SCHEMA, (c) => caseRules(ctx.exercise, c), ctx.exercise.data.messages?.shapeCheck);
    // Launches are independent servers on their own ports, and so are the chains a launch's cases are
    // split into: each chain runs on a server of its own, side by side. The cases that must wait out a
    // silence (a datagram that must get no reply) get a chain of their own, so their waits overlap the
    // rest; the other fixed cases and the generated families are shared out among `servers` chains, the
    // biggest first (a family stays in one chain: it runs in order and shrinks there). Not one server per
    // case: a dozen servers at once starved each other on a busy machine.
    const chains = launches.flatMap((l) => launchChains(ctx, l, cases.filter((c) => c.launch === l.id), drawn.filter((d) => d.family.case!.launch === l.id), deadline));
    const outputs = await Promise.all(chains.map((r) => r.run()));
    const order = new Map([...cases, ...drawn.flatMap((d) => d.cases.filter((c) => c !== undefined))].map((c, i) => [c.id, i]));
    const verdicts = outputs.flatMap((o) => o.verdicts).sort((a, b) => (order.get(a.detail.id) ?? 0) - (order.get(b.detail.id) ?? 0));
    // One word on restarts for the whole grading (each launch and family counts its own): their sum, and
    // how the server ended the last time.
    const restarted = outputs.filter((o) => o.restarted);
    const count = restarted.reduce((n, o) => n + o.restarted!.count, 0);
    const restartWords = count ? [t(ctx.lang, "serverRestarted", { how: restarted.at(-1)!.restarted!.how, count })] : [];
    const warnings = [...outputs.flatMap((o) => o.warnings), ...restartWords];
    return { verdicts, warnings: [...new Set([...warnings, ...familyWarnings(ctx.lang, drawn)])] };
  },
};

/** Does the case wait out a silence (a step whose datagram must get no reply: it listens replySeconds)? */
const waitsForSilence = (c: Case) => c.steps.some((s) => s.expect.noReply);

/** One launch's cases and families, split into chains that each run on a server of their own. */
function launchChains(ctx: DriverContext, launch: Launch, cases: Case[], families: Drawn<Case>[], deadline: number): LaunchRun[] {
  const servers = Math.max(1, (ctx.exercise.data.limits as Limits).servers ?? 2);
  const waiting = cases.filter(waitsForSilence);
  const quick = cases.filter((c) => !waitsForSilence(c));
  // A chain of fewer than MIN_CHAIN cases is not worth a server.
  const total = quick.length + families.reduce((n, d) => n + d.cases.length, 0);
  const count = Math.max(1, Math.min(servers, Math.floor(total / MIN_CHAIN)));
  const bins = Array.from({ length: count }, () => ({ cases: [] as Case[], families: [] as Drawn<Case>[], size: 0 }));
  const lightest = () => bins.reduce((a, b) => (b.size < a.size ? b : a));
  // The biggest families first, then the cases in file order, each to the lightest chain so far.
  for (const d of [...families].sort((a, b) => b.cases.length - a.cases.length)) {
    const bin = lightest();
    bin.families.push(d);
    bin.size += d.cases.length;
  }
  for (const c of quick) {
    const bin = lightest();
    bin.cases.push(c);
    bin.size++;
  }
  const chains = bins.map((b, i) => new LaunchRun(ctx, { id: i === 0 ? launch.id : `${launch.id}-${i + 1}`, host: launch.host }, b.cases, deadline, b.families));
  if (waiting.length) chains.unshift(new LaunchRun(ctx, { id: `${launch.id}-waits`, host: launch.host }, waiting, deadline));
  return chains;
}

/** Fewer cases than this in a chain cost more in a server's start than they save. */
const MIN_CHAIN = 12;

/** What a case (fixed or generated) must satisfy beyond its schema. */
function caseRules(exercise: LoadedExercise, c: Case): string[] {
  const problems: string[] = [];
  if (!(exercise.data.launches ?? []).some((l) => l.id === c.launch)) problems.push(`case ${c.id} names unknown launch ${c.launch}`);
  for (const s of c.steps) if (!s.expect.alive && (!s.from || !s.send)) problems.push(`case ${c.id}: a step that sends needs "from" and "send"`);
  // A server that binds and never answers must earn nothing: every case needs at least one reply.
  if (!c.steps.some((s) => s.expect.reply)) problems.push(`case ${c.id}: a silent server could pass it (no step expects a reply)`);
  for (const s of c.steps) {
    if (s.send && "json" in s.send) problems.push(...fillProblems(s.send).map((p) => `case ${c.id}: ${p}`));
    const reply = s.expect.reply && "json" in s.expect.reply ? s.expect.reply.json : undefined;
    // The text a reply must carry back is named by where it is in what the step sent.
    for (const [name, arg] of matchersIn(reply)) {
      if (name === "$sentText" && (!s.send || sentStringAt(s.send, arg) === undefined)) problems.push(`case ${c.id}: {"$sentText": ${JSON.stringify(arg)}} names no string of the JSON this step sends`);
    }
  }
  return problems;
}

/**
 * A case's `sockets` say where some grader sockets are bound. A socket lives as long as the launch, so a
 * name must be declared alike in every case; `samePortAs` names a socket declared before it, on another host.
 */
export function socketDeclarationProblems(cases: Case[], launchHosts: Map<string, string>): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const c of cases) {
    const declared = Object.entries(c.sockets ?? {});
    for (const [i, [name, spec]] of declared.entries()) {
      const key = `${c.launch}/${name}`;
      const text = JSON.stringify(spec);
      if (seen.has(key) && seen.get(key) !== text) problems.push(`case ${c.id}: socket ${name} is declared differently in another case`);
      seen.set(key, text);
      const launchHost = launchHosts.get(c.launch) ?? "";
      if (spec.host && net.isIPv6(spec.host) !== net.isIPv6(launchHost)) problems.push(`case ${c.id}: socket ${name} on ${spec.host} cannot reach the server on ${launchHost}`);
      if (spec.samePortAs) {
        const base = declared.slice(0, i).find(([n]) => n === spec.samePortAs)?.[1];
        if (!base) problems.push(`case ${c.id}: socket ${name} has samePortAs ${spec.samePortAs}, which is not declared before it in this case`);
        else if ((base.host ?? launchHost) === (spec.host ?? launchHost)) problems.push(`case ${c.id}: sockets ${spec.samePortAs} and ${name} would share host and port`);
      }
    }
  }
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

/** How a step ended, for the case: a fresh server that ended before its first answer, or never answered at all. */
type StepOutcome = { problems: string[]; expected?: string; got?: string; fresh?: "ended" | "silent" };

class LaunchRun {
  private readonly lang: Lang;
  private readonly limits: Limits;
  private readonly entry: string;
  private probe!: ProbeClient;
  private server?: RunningProcess;
  private serverAt!: Endpoint;
  private sockets = new Map<string, SocketState>();
  /**
   * The current server has not answered anything yet. Its first case's first datagram doubles as the
   * readiness check (sent until answered), so a server that serves one datagram and ends is graded on
   * that datagram instead of spending it on a ping of the grader's.
   */
  private fresh = false;
  /** Replies the current server sent (to cases and pings), and the most any of its lives sent. */
  private lifeAnswers = 0;
  private lifeCaseAnswers = 0;
  private mostInALife = 0;
  private restarts = 0;
  private silentRestarts = 0;
  private restartsAfterServing = 0;
  /**
   * A server that has ended after serving will likely end after the next case too: its next copy is
   * started while the current one is graded, so a server that serves one datagram per run costs
   * little more time than one that keeps serving.
   */
  private readonly spares: { server: RunningProcess; at: Endpoint }[] = [];
  /** Cases of this launch not started yet (no spare is started for a case that will not come). */
  private casesLeft = 0;
  private readonly ending: Promise<unknown>[] = [];
  private lastEnd = "";
  /** The last case run on the current server. */
  private lastCase?: Case;
  /** The matchers that failed in the current case, and where (see addFailure). */
  private misses: { matcher: string; at: string }[] = [];
  /** The probe socket that polls the servers (its answers count for no case). */
  private readySocket = "";
  private readonly verdicts: CheckVerdict[] = [];
  private readonly warnings: string[] = [];
  private validateMessage;
  private readonly ping: string;
  /** Probe sockets of this launch (the probe is shared with the other launch). */
  private readonly openSockets: string[] = [];
  /** Can the launch's host be bound here at all (IPv6 loopback may be missing)? */
  private usable = true;
  /** Why the current server could not be started (then every later case is an error). */
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
    this.validateMessage = messageValidator(ctx.exercise)!;
    // The protocol's own ping, from the exercise's data (the schema requires it for this kind).
    this.ping = ctx.exercise.data.ping ? payloadBytes(ctx.exercise.data.ping).toString("base64") : "";
  }

  async run(): Promise<{ verdicts: CheckVerdict[]; warnings: string[]; restarted?: { count: number; how: string } }> {
    if (this.cases.length === 0 && this.families.length === 0) return { verdicts: [], warnings: [] };
    this.probe = this.ctx.session.probe;
    try {
      this.usable = await this.hostUsable();
      if (!this.usable) this.warnings.push(t(this.lang, "ipv6Unavailable"));
      // A socket of its own (counts are per sender, so polling disturbs no case). It stays open until the
      // launch ends: a closed socket's port could be handed to a later grader socket, which would then
      // inherit this one's count at the server.
      else this.readySocket = (await this.openSocket("ready")).probeName;
      this.casesLeft = this.cases.length + this.families.reduce((n, d) => n + d.cases.length, 0);
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
      return { verdicts: this.verdicts, warnings: this.warnings, ...(this.restarts ? { restarted: { count: this.restarts, how: this.lastEnd } } : {}) };
    } finally {
      await this.server?.stop();
      for (const s of this.spares) await s.server.stop();
      await Promise.all(this.ending);
      for (const name of this.openSockets) await this.probe.call("close", { socket: name });
    }
  }

  /**
   * A server that answered something in its life used up at least one case's datagram, so restarting it is
   * bounded by the cases (a server that serves one datagram and ends is started once per case); a life that
   * answered nothing costs a restart from a small budget.
   */
  private mayRestart(): boolean {
    if (this.lifeAnswers === 0) {
      if (this.silentRestarts >= MAX_SILENT_RESTARTS) return false;
      this.silentRestarts++;
    } else this.restartsAfterServing++;
    this.restarts++;
    return true;
  }

  /** IPv6 loopback is missing on some machines (containers): then its cases are skipped, not failed. */
  private async hostUsable(): Promise<boolean> {
    const r = await this.probe.call("canBind", { host: this.launch.host, port: 0 });
    return r.ok;
  }

  /** The port comes from the probe, in the network the server runs in (not the grader's). */
  private async freePort(): Promise<number> {
    return (await this.probe.call("udpFreePort", { host: this.launch.host })).port;
  }

  /** Starts the server on a free port; it is `fresh` until it answers something. */
  /**
   * It has served exactly one datagram in each of several runs: the next case gets the next copy at once,
   * without waiting to see this one end (it does, and it could not serve a second datagram anyway).
   */
  private servesOnce(): boolean {
    return this.restartsAfterServing >= 2 && this.mostInALife <= 1 && this.spares.length > 0;
  }

  private async launchServer(): Promise<void> {
    // One that is still ending is stopped in the background (run's finally waits for it).
    if (this.server && !this.server.exited) this.ending.push(this.server.stop());
    const next = this.spares.shift() ?? (await this.spawn());
    this.server = next.server;
    this.serverAt = next.at;
    // A fresh server has fresh counts; what the ended one sent is dropped.
    for (const s of this.sockets.values()) s.sent = s.replied = s.lateReplies = 0;
    await this.drainAll();
    await this.probe.call("drain", { socket: this.readySocket });
    this.fresh = true;
    this.lifeAnswers = this.lifeCaseAnswers = 0;
    this.lastCase = undefined;
    // A few copies ahead once it serves one datagram per run: their starts overlap (a case then takes
    // less than a Python start); one ahead after a first end.
    const ahead = this.restartsAfterServing === 0 ? 0 : this.restartsAfterServing >= 2 && this.mostInALife <= 1 ? MAX_SPARES : 1;
    while (this.spares.length < Math.min(ahead, this.casesLeft)) this.spares.push(await this.spawn());
  }

  private async spawn(): Promise<{ server: RunningProcess; at: Endpoint }> {
    const port = await this.freePort();
    return { server: startScript(this.ctx.session, this.entry, [this.launch.host, String(port)]), at: { host: this.launch.host, port } };
  }

  private command(): string {
    return commandText(this.entry, [this.launch.host, String(this.serverAt.port)]);
  }

  /** A case can tell that a fresh server is up when its first step sends to the server and expects a reply. */
  private readinessStep(c: Case): boolean {
    const first = c.steps[0];
    return Boolean(first && first.expect.reply && first.send && !first.to);
  }

  /** Why the current fresh server cannot be graded, once it has ended before answering anything. */
  private async endedEarly(): Promise<string> {
    const o = await this.server!.done;
    const err = tailOf(o.stderr);
    return t(this.lang, "serverExitedEarly", { how: describeExitWithTime(o, this.ctx.session.limits, this.lang), command: this.command() }) + (err ? `\n${err}` : "");
  }

  private neverAnswered(seconds: number): string {
    const err = tailOf(this.server!.stderr.text());
    return t(this.lang, "serverNeverAnswered", { seconds, command: this.command(), host: this.launch.host }) + (err ? `\n${err}` : "");
  }

  /** A reply from the current server to the ready socket, looked for while the server runs (up to ms). */
  private async pingReply(ms: number): Promise<boolean> {
    const until = performance.now() + ms;
    let r: DatagramRecord | null = null;
    while (performance.now() < until && !this.server!.exited) {
      r = await this.probe.call("recv", { socket: this.readySocket, timeoutMs: Math.min(ALIVE_SLICE_MS, Math.max(1, until - performance.now())) });
      if (r) break;
    }
    const late = r ?? (this.server!.exited ? await this.probe.call("recv", { socket: this.readySocket, timeoutMs: EXIT_GRACE_MS }) : null);
    if (late) this.answered(false);
    return Boolean(late);
  }

  private answered(forCase: boolean): void {
    this.lifeAnswers++;
    if (forCase) this.lifeCaseAnswers++;
    this.mostInALife = Math.max(this.mostInALife, this.lifeAnswers);
  }

  /**
   * Readiness by the grader's own ping, for a case that cannot tell (its first step expects no reply) and
   * for a server that ended before its first answer. A message if it never answers within `seconds`.
   */
  private async pingReady(seconds: number): Promise<string | undefined> {
    const until = performance.now() + seconds * 1000;
    let pings = 0;
    while (performance.now() < until) {
      if (this.server!.exited) return this.endedEarly();
      const sentAt = performance.now();
      await this.probe.call("send", { socket: this.readySocket, to: this.serverAt, data: this.ping });
      const wait = READY_POLL_MS[Math.min(pings, READY_POLL_MS.length - 1)];
      pings++;
      if (await this.probe.call("recv", { socket: this.readySocket, timeoutMs: wait })) {
        this.answered(false);
        this.fresh = false;
        // Let a slow server work off the other pings first, so the cases do not queue behind them. Pings
        // sent before it bound are lost, so wait only a few round trips for each.
        const each = Math.min(this.limits.replySeconds * 1000, Math.max(20, 3 * (performance.now() - sentAt)));
        for (let n = 1; n < pings; n++) {
          if (!(await this.probe.call("recv", { socket: this.readySocket, timeoutMs: each }))) break;
          this.answered(false);
        }
        // One more ping: a server that ends after its first answer is gone before the case, not during it.
        await this.servedSoFar();
        return undefined;
      }
    }
    if (this.server!.exited) return this.endedEarly();
    return this.neverAnswered(seconds);
  }

  /** Opens a probe socket for this launch; its probe name carries the launch id (the probe is shared). */
  private async openSocket(name: string, host = this.launch.host, port = 0): Promise<{ probeName: string; local: Endpoint }> {
    const probeName = `${this.launch.id}/${name}#${this.openSockets.length}`;
    const local = await this.probe.call("open", { socket: probeName, host, port });
    this.openSockets.push(probeName);
    return { probeName, local };
  }

  /**
   * Opens the sockets a case declares, in order. A `samePortAs` socket takes its base's port on another
   * host; should that port be taken there, a base that has sent nothing yet (so the server has no count
   * for it) is moved to a fresh port and the pair tried again. Returns why it could not, if it could not.
   */
  private async openDeclared(c: Case): Promise<string | undefined> {
    for (const [name, spec] of Object.entries(c.sockets ?? {})) {
      if (this.sockets.has(name)) continue;
      const host = spec.host ?? this.launch.host;
      let error = "";
      for (let attempt = 0; attempt < 5; attempt++) {
        const base = spec.samePortAs ? this.sockets.get(spec.samePortAs) : undefined;
        try {
          const opened = await this.openSocket(name, host, base?.local.port ?? 0);
          this.sockets.set(name, { ...opened, sent: 0, replied: 0, lateReplies: 0 });
          error = "";
          break;
        } catch (e) {
          error = `${host}${base ? `:${base.local.port}` : ""}: ${(e as Error).message}`;
          if (!base || base.sent > 0) break;
          await this.probe.call("close", { socket: base.probeName });
          const fresh = await this.probe.call("open", { socket: base.probeName, host: base.local.host, port: 0 });
          base.local = fresh;
        }
      }
      if (error) return error;
    }
    return undefined;
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
    const at = (name?: string) => (name && c.sockets?.[name]?.host ? `@${c.sockets[name].host}` : "");
    const sends = c.steps.filter((s) => s.send).map((s) => `${s.from}${at(s.from)}${s.to ? `→${s.to}` : ""}: ${preview(payloadBytes(s.send!), 60)}`);
    return `${commandText(this.entry, [this.launch.host, String(this.serverAt?.port ?? "PORT")])}; ${sends.join(" | ") || "(no datagram)"}`;
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
    if (!this.server || !(await budgetSpent(this.probe, this.budgetPrefix))) return undefined;
    await this.server.stop();
    await this.drainAll(); // what it sent before the budget ran out is this case's, not the next one's
    return floodWords(this.lang);
  }

  private async runOneInto(c: Case): Promise<void> {
    if (this.casesLeft > 0) this.casesLeft--;
    if (!this.usable) return this.addAll(c, "skipped", this.detail(c, "passed", t(this.lang, "ipv6Unavailable")));
    if (c.platforms && !c.platforms.includes(process.platform as "linux")) return this.addAll(c, "skipped", this.detail(c, "passed", t(this.lang, "skippedPlatform")));
    if (performance.now() > this.deadline) return this.addAll(c, "error", this.detail(c, "error", t(this.lang, "budgetExhausted", { seconds: this.limits.totalSeconds })));
    if (!this.startProblem && this.server && (this.server.exited || (this.servesOnce() && this.lifeAnswers > 0))) {
      // It ended between cases, after the last one it served (or it is one that serves a single
      // datagram, and has). That case keeps its verdict (its replies were judged); the end is judged by
      // the cases that need the server to go on serving.
      const how = this.server.exited ? describeExitWithTime(await this.server.done, this.ctx.session.limits, this.lang) : this.lastEnd;
      if (!this.mayRestart()) return this.addAll(c, "error", this.detail(c, "error", t(this.lang, "serverGaveUp", { how, count: this.silentRestarts })));
      this.lastEnd = how;
      await this.launchServer();
    } else if (!this.server) await this.launchServer();
    if (!this.startProblem && this.fresh && !this.readinessStep(c)) {
      this.startProblem = await this.pingReady(this.limits.startSeconds);
      // Its answers to the pings were dropped because it flooded: this case fails, the next starts a new server.
      const flood = this.startProblem ? await this.floodStop() : undefined;
      if (flood) {
        this.startProblem = undefined;
        return this.addAll(c, "failed", this.detail(c, "failed", flood));
      }
    }
    if (this.startProblem) return this.addAll(c, "error", this.detail(c, "error", this.startProblem));
    this.startProblem = await this.runCase(c);
  }

  /**
   * A failed case, for each of its checks. When every problem is a matcher that another check is about
   * (a long-datagram case whose `count` was wrong), the case says so and names that check: the hint of
   * this check would blame the wrong clause.
   */
  private addFailure(c: Case, detail: ResultCase, problems: number): void {
    const checks = this.ctx.exercise.data.checks;
    const owner = (matcher: string) => checks.find((k) => k.about?.includes(matcher));
    for (const id of c.checks) {
      const mine = checks.find((k) => k.id === id)?.about ?? [];
      const elsewhere = problems > 0 && problems === this.misses.length ? this.misses.map((m) => owner(m.matcher)) : [];
      const other = elsewhere.length && elsewhere.every((k) => k && k.id === elsewhere[0]!.id) && !this.misses.some((m) => mine.includes(m.matcher)) ? elsewhere[0]! : undefined;
      if (!other) {
        this.verdicts.push({ checkId: id, status: "failed", detail });
        continue;
      }
      const where = [...new Set(this.misses.map((m) => m.at))].join(t(this.lang, "itemSeparator"));
      const see = t(this.lang, "failedElsewhere", { where, name: pick(this.lang, other.title) });
      this.verdicts.push({ checkId: id, status: "failed", detail: { ...detail, message: `${see}\n${detail.message}`, elsewhere: other.id } });
    }
  }

  private addAll(c: Case, status: CheckVerdict["status"], detail: ResultCase): void {
    for (const id of c.checks) this.verdicts.push({ checkId: id, status, detail });
  }

  /** Runs one case; returns a message when the server turned out not to be gradable at all (then every later case is an error). */
  private async runCase(c: Case): Promise<string | undefined> {
    // Every case speaks from sockets of its own: a socket named like one of an earlier case (a family's
    // "b1" after a fixed case's) would carry that case's datagrams into this one's counts, and a program
    // that miscounts what the earlier case sent would lose this case's check too. The old sockets stay
    // open (a closed port could go to a later socket, which would then inherit its count at the server).
    this.sockets.clear();
    const socketProblem = await this.openDeclared(c);
    if (socketProblem) {
      this.addAll(c, "skipped", this.detail(c, "passed", t(this.lang, "graderSocketFailed", { error: socketProblem })));
      return undefined;
    }
    const server = this.server!;
    const mark = await this.probe.call("mark", {});
    const printed = { out: server.stdout.total, err: server.stderr.total };
    const problems: string[] = [];
    const expected: string[] = [];
    const got: string[] = [];
    let fresh: StepOutcome["fresh"];
    this.misses = [];
    let counted = 0;
    const sends = c.steps.filter((s) => s.send).length;
    for (const [i, step] of c.steps.entries()) {
      const r = await this.runStep(c, step);
      counted += r.problems.length;
      // Several datagrams in one case: say which reply was wrong.
      if (r.problems.length && step.send && sends > 1) problems.push(t(this.lang, "replyOfStep", { n: c.steps.slice(0, i + 1).filter((s) => s.send).length, total: sends, from: step.from ?? "", sent: preview(payloadBytes(step.send), 60) }));
      problems.push(...r.problems);
      if (r.expected) expected.push(r.expected);
      if (r.got) got.push(r.got);
      fresh = r.fresh;
      if (r.problems.length) break; // later steps build on this one
    }
    const flood = await this.floodStop();
    if (flood) {
      this.addAll(c, "failed", await this.failureDetail(c, server, [flood, ...problems], expected, got, mark, printed));
      this.lastCase = c;
      return undefined;
    }
    if (fresh === "silent") {
      // No answer to this case's datagram since the start: is the server up at all? A short ping says.
      const p = await this.pingReady(this.limits.replySeconds);
      if (p) {
        const why = this.server!.exited ? p : this.neverAnswered(this.limits.startSeconds);
        this.addAll(c, "error", this.detail(c, "error", why));
        return why;
      }
    }
    if (fresh === "ended") {
      // It ended before its first answer: by itself (it cannot be graded), or because of this case's
      // datagram (this case fails). A start polled by the grader's own ping tells which.
      const failure = await this.failureDetail(c, server, problems, expected, got, mark, printed);
      if (!this.mayRestart()) {
        this.addAll(c, "failed", failure);
        return t(this.lang, "serverGaveUp", { how: failure.exit ?? "", count: this.silentRestarts });
      }
      this.lastEnd = failure.exit ?? "";
      await this.launchServer();
      const p = await this.pingReady(this.limits.startSeconds);
      if (p) {
        this.addAll(c, "error", this.detail(c, "error", p));
        return p;
      }
      this.addAll(c, "failed", failure);
      this.lastCase = c;
      return undefined;
    }
    // Once the server has answered the ping, every reply it sent for this case has arrived: a duplicate
    // or a reply to the wrong socket is found now, and charged here rather than to the next case.
    if (!this.servesOnce()) await this.servedSoFar();
    const extra = await this.drainAll();
    if (extra && !problems.length) problems.push(t(this.lang, "extraDatagrams", { count: extra }));
    const status: Status = problems.length ? "failed" : "passed";
    if (status === "passed") this.addAll(c, status, this.detail(c, status, ""));
    else this.addFailure(c, await this.failureDetail(c, server, problems, expected, got, mark, printed), counted + (extra && !counted ? 1 : 0));
    this.lastCase = c;
    return undefined;
  }

  /**
   * After a case: a ping from the grader's polling socket. The server handles datagrams in order, so its
   * answer means it went back to serving after the case; a server that leaves after answering the case is
   * gone instead, and the next case is not blamed for it (see run). Waits at most replySeconds.
   */
  private async servedSoFar(): Promise<void> {
    if (!this.server || this.server.exited) return;
    await this.probe.call("send", { socket: this.readySocket, to: this.serverAt, data: this.ping });
    await this.pingReply(this.limits.replySeconds * 1000);
  }

  private async failureDetail(c: Case, server: RunningProcess, problems: string[], expected: string[], got: string[], mark: { seq: number; at: number }, printed: { out: number; err: number }): Promise<ResultCase> {
    // Only this launch's case sockets: the other launch runs at the same time on the same probe.
    const mine = new Set([...this.sockets.values()].map((st) => st.probeName));
    const records = await this.probe.call("transcript", { since: mark.seq, sockets: [...mine], head: TRANSCRIPT_HEAD, tail: TRANSCRIPT_TAIL });
    const names = new Map([...this.sockets.entries()].map(([n, s]) => [endpointText(s.local), `${t(this.lang, "roleGrader")} ${n}`]));
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

  /**
   * Datagrams nobody waited for (a second reply, a reply meant for another socket), dropped and counted;
   * replies to our own resends are expected and not counted.
   */
  private async drainAll(): Promise<number> {
    let n = 0;
    const drained = await this.probe.call("drainAll", { prefix: `${this.launch.id}/` });
    for (const state of this.sockets.values()) {
      // Only what the server sent counts; anything else that finds a grader socket is not its doing.
      const fromServer = (d: DatagramRecord) => this.serverAt && endpointText(d.from) === endpointText(this.serverAt);
      const queued = (drained[state.probeName] ?? []).filter(fromServer).length;
      const excused = Math.min(queued, state.lateReplies);
      state.lateReplies -= excused;
      n += queued - excused;
    }
    return n;
  }

  /** The next datagram on a case socket within ms, looked for only while the server runs (and a moment after). */
  private async recvWhileAlive(name: string, ms: number): Promise<DatagramRecord | null> {
    const until = performance.now() + ms;
    while (performance.now() < until && !this.server!.exited) {
      const r = await this.probe.call("recv", { socket: name, timeoutMs: Math.min(ALIVE_SLICE_MS, Math.max(1, until - performance.now())) });
      if (r) return r;
    }
    return this.server!.exited ? this.probe.call("recv", { socket: name, timeoutMs: EXIT_GRACE_MS }) : null;
  }

  /** Why the server is gone, in the words that help: one that only ever answered one datagram lacks its loop. */
  private async goneWords(): Promise<string[]> {
    const how = describeExitWithTime(await this.server!.done, this.ctx.session.limits, this.lang);
    if (this.lifeAnswers > 0 && this.mostInALife <= 1) return [t(this.lang, "serverServesOnce", { how })];
    const words = [t(this.lang, "serverGone", { how })];
    // Gone before this case sent anything, and no case ran on it: it ended after the readiness ping.
    if (this.lifeAnswers > 0 && this.lifeCaseAnswers === 0 && !this.lastCase) words.push(t(this.lang, "serverEndedAfterReady"));
    return words;
  }

  private async runStep(c: Case, step: Step): Promise<StepOutcome> {
    if (step.expect.alive) {
      if (this.server?.exited) return { problems: await this.goneWords(), expected: t(this.lang, "serverStillRunning") };
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
    const fresh = this.fresh;
    if (fresh) {
      // The server's first datagram: sent until it is answered (the server may still be starting), at most
      // startSeconds; the copies it may answer late are allowed for like resends.
      const until = performance.now() + this.limits.startSeconds * 1000;
      while (!reply && performance.now() < until && !this.server!.exited) {
        await this.probe.call("send", { socket: name, to, data });
        state.sent++;
        reply = await this.probe.call("recv", { socket: name, timeoutMs: READY_POLL_MS[Math.min(tries, READY_POLL_MS.length - 1)] });
        tries++;
      }
      reply ??= this.server!.exited ? await this.probe.call("recv", { socket: name, timeoutMs: EXIT_GRACE_MS }) : null;
    } else {
      // Loopback drops datagrams only under heavy load; a bounded number of resends keeps a correct server
      // from failing by chance ({"$count": ...} accounts for the resends).
      while (!reply && tries <= this.limits.retries && !this.server!.exited) {
        tries++;
        await this.probe.call("send", { socket: name, to, data });
        state.sent++;
        reply = await this.recvWhileAlive(name, this.limits.replySeconds * 1000);
      }
    }
    // Every send that has not been answered yet may still be answered late.
    state.lateReplies += reply ? tries - 1 : tries;
    if (!reply) {
      if (fresh && this.server!.exited) return { problems: [t(this.lang, "serverEndedFirst", { how: describeExitWithTime(await this.server!.done, this.ctx.session.limits, this.lang) })], expected, got: t(this.lang, "noReplyWord"), fresh: "ended" };
      if (fresh) return { problems: [t(this.lang, "noReplySinceStart", { tries, seconds: this.limits.startSeconds })], expected, got: t(this.lang, "noReplyWord"), fresh: "silent" };
      if (tries > 0) problems.push(t(this.lang, "noReply", { tries, seconds: this.limits.replySeconds }));
      if (this.server!.exited) problems.push(...(await this.goneWords()));
      return { problems, expected, got: t(this.lang, "noReplyWord") };
    }
    const bytes = Buffer.from(reply.data, "base64");
    const gotText = preview(bytes, 160);
    if (endpointText(reply.from) !== endpointText(this.serverAt)) {
      problems.push(t(this.lang, "replyFromElsewhere", { from: endpointText(reply.from), to: endpointText(this.serverAt) }));
    }
    // An answer, even from elsewhere: the server is up and serving.
    this.answered(true);
    this.fresh = false;
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
    const all = this.matcherFns(step, state);
    // Which matchers failed, and where: see addFailure.
    return Object.fromEntries(
      Object.entries(all).map(([name, fn]) => [
        name,
        (arg: unknown, value: unknown, at: string) => {
          const why = fn(arg, value, at);
          if (why) this.misses.push({ matcher: name, at });
          return why;
        },
      ]),
    );
  }

  private matcherFns(step: Step, state: SocketState): Record<string, MatcherFn> {
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
      $sentText: (arg, value) => {
        const text = sentStringAt(step.send!, arg);
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
      $sentText: (arg) => {
        const text = sentStringAt(step.send!, arg) ?? "";
        return JSON.stringify(text.length > 40 ? text.slice(0, 40) + "…" : text);
      },
      $nonEmptyString: () => `"${t(this.lang, "patternNonEmpty")}"`,
    };
  }
}
