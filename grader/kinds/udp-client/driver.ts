// The udp-client kind: the grader is the server. Each case opens a fake server on a free loopback port
// through the probe, runs `python3 ENTRY HOST PORT TEXT` (one or more copies at once), answers the request
// as the case says (wait, decoy, reply), and checks the request, stdout, stderr, exit code and timing.
// Cases run concurrently, so the exercise takes about as long as its slowest case.
import { randomBytes } from "node:crypto";
import { seedOf } from "../../generate/seed.js";
import getPort from "get-port";
import type { Action, Case } from "../../generated/udp-client-cases.js";
import type { Case as ResultCase, Status } from "../../generated/result.js";
import type { UdpClientExercise, UdpClientLimits as Limits } from "../../generated/exercise.js";
import { t, type Lang } from "../../core/i18n.js";
import { jsonEqual } from "../../answers/python-values.js";
import type { ProbeClient } from "../../probe/client.js";
import type { DatagramRecord, Endpoint } from "../../probe/protocol.js";
import type { ProcessOutcome } from "../../runner/process.js";
import { assertValid, caseProblems, loadCaseFile } from "../case-file.js";
import { selectedCases, timed, type CheckVerdict, type DriverContext, type KindDriver, type LoadedExercise } from "../types.js";
import { parseJsonDatagram, payloadBytes, preview, type Payload } from "../socket/payload.js";
import { describePattern, expectedGot, fillPattern, matchPattern, show } from "../socket/pattern.js";
import { commandText, startScript, tailOf } from "../socket/student-program.js";
import { describeExitWithTime } from "../exit-words.js";
import { resultCase } from "../result-case.js";
import { messageShapeProblems, messageValidator } from "../socket/message-shape.js";
import { endpointText, toTranscript, TRANSCRIPT_HEAD, TRANSCRIPT_TAIL } from "../socket/transcript.js";
import { budgetSpent, floodWords, resetBudget } from "../socket/flood-budget.js";
import { checksumOf, checksumProblem } from "../socket/checksum.js";
import { linkSchedule, linkGiven, linkNoteText, linkIgnores } from "./link.js";
import { drawSocketFamilies, familyWarnings, finishFamily, runDrawnCase, socketFamilyProblems, type Drawn, type FamilyRun } from "../socket/generated.js";

const CASE_SCHEMA = "udp-client-cases.schema.json";
const loadCases = (exercise: LoadedExercise) => loadCaseFile<Case>(exercise, CASE_SCHEMA);

/** What a case (fixed or generated) must satisfy beyond its schema. */
function caseRules(c: Case): string[] {
  const problems: string[] = [];
  // TEXT is a command-line argument: no NUL byte can get through exec.
  if (c.text.includes("\u0000")) problems.push(`case ${c.id}: TEXT contains a NUL character`);
  // A decoy from the server's own port must come from another host, or it would be the server.
  for (const a of c.server) if ("decoy" in a && a.from?.serverPort && (a.from.host ?? c.host) === c.host) problems.push(`case ${c.id}: a decoy from the server's port needs another host`);
  // Over a lossy link the requests are told apart by sender only: one copy of the program.
  if (c.link && (c.clients ?? 1) > 1) problems.push(`case ${c.id}: a lossy link needs a single client`);
  // A program that does nothing must not pass it (see idleProblems).
  problems.push(...idleProblems(c));
  return problems;
}

/**
 * How long a case keeps a worker, as far as its data tells: the server's waits, or the program's own
 * time-out when no reply comes. Long cases start first, so the short ones fill the gaps beside them.
 */
function expectedMs(c: Case, limits: Limits): number {
  const waits = c.server.reduce((sum, a) => sum + ("waitMs" in a ? a.waitMs : 0), 0);
  const replies = c.server.some((a) => "reply" in a);
  const ms = replies ? waits : Math.max(waits, c.expect.endsWithinMs ?? limits.caseSeconds * 1000);
  // Over a lossy link the program resends and waits for the link: it mostly sleeps.
  return c.link ? Math.max(ms, WAITING_MS) : ms;
}

/** With `answerEvery`, each sender's requests are answered up to this many times. */
const MAX_ANSWERS = 64;

/** A case whose data makes it wait this long or more mostly sleeps: it runs beside the worker pool. */
const WAITING_MS = 500;

/** Over a lossy link the whole exchange is the lesson: its transcript shows up to this many datagrams. */
const LINK_TRANSCRIPT = 38;

export const udpClientDriver: KindDriver<UdpClientExercise> = {
  async validate(exercise) {
    const ex = exercise.data;
    const cases = await loadCases(exercise);
    const problems = messageValidator(exercise) ? [] : [`no schema ${ex.messages.schema} in schemas/answers/ nor in the exercise's folder`];
    for (const c of cases) problems.push(...caseRules(c));
    problems.push(...socketFamilyProblems<Case>(exercise, cases.map((c) => c.id), CASE_SCHEMA, caseRules));
    assertValid(exercise, [...problems, ...caseProblems(exercise, cases, [ex.messages.shapeCheck, ex.messages.checksum?.check])]);
  },

  async run(ctx) {
    const cases = selectedCases(ctx.exercise, await loadCases(ctx.exercise), () => [ctx.exercise.data.messages.shapeCheck, ctx.exercise.data.messages.checksum?.check]);
    const limits = ctx.exercise.data.limits;
    const probe = ctx.session.probe;
    const ipv6 = (await probe.call("canBind", { host: "::1", port: 0 })).ok;
    const run = new ClientCases(ctx, probe, limits, ipv6);
    const drawn = drawSocketFamilies<Case>(ctx.exercise, ctx.seed, CASE_SCHEMA, caseRules, ctx.exercise.data.messages.shapeCheck);
    const familyRun: FamilyRun<Case> = {
      exercise: ctx.exercise,
      seed: ctx.seed,
      submission: ctx.submission,
      lang: ctx.lang,
      evaluate: (c, record) => run.runCase(c, record),
      notRun: (c, message) => run.notRun(c, message),
    };
    // Fixed and generated cases share one pool of workers. A case that mostly waits (its server waits, or
    // the program's own time-out) holds no worker while it waits: the waiting cases start first, side by
    // side (up to `waitingConcurrency`), and the workers run the quick ones in their shadow, so the whole
    // run takes about as long as its longest wait. Long cases first (a stable sort keeps the file's order).
    type Item = { c: Case; d?: Drawn<Case>; i?: number };
    const items: Item[] = [...cases.map((c) => ({ c })), ...drawn.flatMap((d) => d.cases.flatMap((c, i) => (c ? [{ c, d, i }] : [])))];
    const sorted = items.map((item) => ({ item, ms: expectedMs(item.c, limits) })).sort((a, b) => b.ms - a.ms);
    const waiting = sorted.filter((x) => x.ms >= WAITING_MS).map((x) => x.item);
    const quick = sorted.filter((x) => x.ms < WAITING_MS).map((x) => x.item);
    const perCase = new Map(drawn.map((d) => [d, d.cases.map((): CheckVerdict[] => [])]));
    const runItem = async (item: Item) => {
      if (!item.d) await run.runCase(item.c);
      else perCase.get(item.d)![item.i!] = await runDrawnCase(familyRun, item.d, item.c);
    };
    const pool = (queue: Item[], size: number) =>
      Array.from({ length: Math.min(size, queue.length) }, async () => {
        for (let item = queue.shift(); item; item = queue.shift()) await runItem(item);
      });
    await Promise.all([...pool(waiting, limits.waitingConcurrency ?? 8), ...pool(quick, limits.concurrency ?? 6)]);
    // Shrinking reruns the program once per try: the families take turns, each within its own time.
    for (const d of drawn) await finishFamily(familyRun, d, perCase.get(d)!);
    const order = new Map([...cases, ...drawn.flatMap((d) => d.cases.filter((c) => c !== undefined))].map((c, i) => [c.id, i]));
    run.verdicts.sort((a, b) => (order.get(a.detail.id) ?? 0) - (order.get(b.detail.id) ?? 0));
    return { verdicts: run.verdicts, warnings: [...run.warnings, ...run.retriedWarning(), ...familyWarnings(ctx.lang, drawn)] };
  },
};

/**
 * Case data that a program doing nothing could pass (one that sends nothing and exits 0, say): every case
 * must need a request, the reply on stdout, or say so in `onlyIf`. A replyShown precondition needs a
 * reply with a token to look for.
 */
function idleProblems(c: Case): string[] {
  const e = c.expect;
  const needsWork = e.request !== undefined || (e.requests ?? 0) >= 1 || (e.requestsAtLeast ?? 0) >= 1 || e.stdout === "reply" || e.stdoutLine !== undefined || c.onlyIf !== undefined;
  const problems = needsWork ? [] : [`case ${c.id}: a program that sends nothing could pass it (add "onlyIf", a request or the reply on stdout)`];
  const hasToken = c.server.some((a) => "reply" in a && "json" in a.reply && /\{"\$token":true\}|"\$format":"(?:[^"\\]|\\.)*\{token\}/.test(JSON.stringify(a.reply.json)));
  if (c.onlyIf?.replyShown && !hasToken) problems.push(`case ${c.id}: "onlyIf.replyShown" needs a reply with {"$token": true}`);
  return problems;
}

/** One copy of the program in a case: its TEXT, what it sent, what it got, how it ended. */
interface ClientRun {
  text: string;
  started: number;
  outcome?: ProcessOutcome;
  requests: DatagramRecord[];
  firstRequestAt?: number;
  reply?: unknown;
  /** The unguessable token of the reply it was sent, if the reply had one. */
  token?: string;
  /** Stopped for sending more than the case's datagram budget. */
  flooded?: boolean;
  /** The token its replies carry: one per run, so every resend is answered alike. */
  tokenValue?: string;
}

/** While serving, how many datagrams between two looks at the case's datagram budget. */
const BUDGET_CHECK_EVERY = 32;
/** Shape verdicts one case may give (a correct client sends one request per copy, a few with resends). */
const MAX_SHAPE_VERDICTS = 8;

/** The probe name of the socket a decoy action sends from: one per place a case's decoys come from. */
function decoySocketName(c: Case, action: Extract<Action, { decoy: unknown }>): string {
  const from = action.from;
  return from ? `${c.id}/decoy@${from.host ?? c.host}${from.serverPort ? ":server" : ""}` : `${c.id}/decoy`;
}

/** How the feedback says where a decoy comes from. */
function decoyWords(a: Extract<Action, { decoy: unknown }>): "serverDecoy" | "serverDecoyFromHost" | "serverDecoyFromServerPort" {
  return a.from?.serverPort ? "serverDecoyFromServerPort" : a.from?.host ? "serverDecoyFromHost" : "serverDecoy";
}

/** Stands for the request in the words of a case: {"$requestField": "seq"} shows as <seq>. */
const PLACEHOLDER_REQUEST = Object.freeze({});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

class ClientCases {
  readonly verdicts: CheckVerdict[] = [];
  readonly warnings: string[] = [];
  private retried = 0;
  private readonly lang: Lang;
  private readonly entry: string;
  private readonly validateMessage;
  private readonly deadline: number;

  constructor(
    private readonly ctx: DriverContext<UdpClientExercise>,
    private readonly probe: ProbeClient,
    private readonly limits: Limits,
    private readonly ipv6: boolean,
  ) {
    this.lang = ctx.lang;
    this.entry = ctx.exercise.data.entry;
    this.validateMessage = messageValidator(ctx.exercise)!;
    this.deadline = performance.now() + limits.totalSeconds * 1000;
  }

  private textsOf(c: Case): string[] {
    const n = c.clients ?? 1;
    // Several copies at once get distinct texts, so each request can be told apart.
    return n === 1 ? [c.text] : Array.from({ length: n }, (_, i) => `${c.text} #${i + 1}`);
  }

  private given(c: Case, port: number | string): string {
    const l = this.lang;
    const copies = (c.clients ?? 1) > 1 ? t(l, "clientCopies", { n: c.clients! }) : "";
    const actions = c.server.map((a) =>
      "waitMs" in a
        ? t(l, "serverWaits", { ms: a.waitMs })
        : "reply" in a
          ? t(l, "serverReplies", { payload: preview(payloadBytes(this.fill(a.reply, { text: c.text, from: "IP:PORT", token: "<token>", request: PLACEHOLDER_REQUEST }).payload), 70) })
          : t(l, decoyWords(a), { payload: preview(payloadBytes(a.decoy), 40), host: a.from?.host ?? c.host }),
    );
    const link = c.link ? linkGiven(c.link, this.ctx.seed, l) : "";
    return `${commandText(this.entry, [c.host, String(port), this.shown(c.text)])}${copies}${t(l, "clientServerDoes", { actions: actions.join(t(l, "itemSeparator")) || t(l, "serverSilent") })}${link}`;
  }

  /**
   * The lossy link's own seed: from the grading seed and the case, so the same seed gives the same fates
   * and each case its own. The feedback names the grading seed, the one that replays it (--seed).
   */
  private linkSeed(c: Case): number {
    return seedOf(this.ctx.seed, "link", c.id);
  }

  /** TEXT as the feedback shows it: a long one (a generated case's) by its start and its length. */
  private shown(text: string): string {
    const chars = [...text];
    return chars.length <= 100 ? text : t(this.lang, "longTextShown", { start: chars.slice(0, 60).join(""), n: chars.length });
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
    this.addAll(out, c, "error", this.detail(c, "error", this.given(c, "PORT"), message));
    this.verdicts.push(...out);
    return out;
  }

  /** Runs one case; returns its verdicts, which are recorded unless `record` is false (a shrinking try). */
  async runCase(c: Case, record = true): Promise<CheckVerdict[]> {
    let out: CheckVerdict[] = [];
    const started = performance.now();
    const flooded = await this.runCaseInto(out, c);
    // A case whose verdict hangs on timing (a reply 1.5 s late against the program's 2 s) can fail a correct
    // program when the machine stalls both for half a second. It gets one more run: a program that really
    // waits too little fails both (the first run's feedback is kept), a correct one passes the second.
    // A flood is not timing: its case is not run again.
    if (!flooded && expectedMs(c, this.limits) >= WAITING_MS && out.some((v) => v.status === "failed") && performance.now() < this.deadline) {
      const again: CheckVerdict[] = [];
      await this.runCaseInto(again, c);
      if (!again.some((v) => v.status === "failed")) {
        out = again;
        if (record) this.retried++;
      }
    }
    timed(out, performance.now() - started);
    if (record) this.verdicts.push(...out);
    return out;
  }

  /** The warning for the timed cases that passed only on their second run, if any did. */
  retriedWarning(): string[] {
    return this.retried ? [t(this.lang, "timedCasesRetried", { n: this.retried })] : [];
  }

  /** Runs one case into `out`; true when its program was stopped for flooding (then it is not run again). */
  private async runCaseInto(out: CheckVerdict[], c: Case): Promise<boolean | void> {
    if (c.platforms && !c.platforms.includes(process.platform as "linux")) return this.addAll(out, c, "skipped", this.detail(c, "passed", this.given(c, "PORT"), t(this.lang, "skippedPlatform")));
    if (c.host.includes(":") && !this.ipv6) {
      if (!this.warnings.includes(t(this.lang, "ipv6Unavailable"))) this.warnings.push(t(this.lang, "ipv6Unavailable"));
      return this.addAll(out, c, "skipped", this.detail(c, "passed", this.given(c, "PORT"), t(this.lang, "ipv6Unavailable")));
    }
    if (performance.now() > this.deadline) return this.addAll(out, c, "error", this.detail(c, "error", this.given(c, "PORT"), t(this.lang, "budgetExhausted", { seconds: this.limits.totalSeconds })));

    const serverName = `${c.id}/server`;
    const decoys = new Map<string, Promise<Endpoint>>();
    const server = await this.openServer(serverName, c, decoys, c.link ? linkSchedule(c.link, this.linkSeed(c)) : undefined);

    // This case's sockets (server and decoys) are all named `${c.id}/…`: one budget for them.
    const budgetPrefix = `${c.id}/`;
    await resetBudget(this.probe, budgetPrefix);
    const mark = await this.probe.call("mark", {});
    const clients: ClientRun[] = this.textsOf(c).map((text) => ({ text, started: 0, requests: [] }));
    const procs = clients.map((cl) => {
      cl.started = performance.now();
      return startScript(this.ctx.session, this.entry, [c.host, String(server.port), cl.text], this.limits.caseSeconds * 1000);
    });
    const allDone = Promise.all(procs.map((p, i) => p.done.then((o) => (clients[i].outcome = o))));
    let finished = false;
    // The server's pending recv would wait out its 50 ms: wake it, so a quick program's case ends at once.
    void allDone.then(() => {
      finished = true;
      return this.probe.call("wake", { socket: serverName }).catch(() => {});
    });

    const flooded = async () => {
      if (!(await budgetSpent(this.probe, budgetPrefix))) return false;
      for (const cl of clients) cl.flooded = true;
      await Promise.all(procs.map((p) => p.stop()));
      return true;
    };
    await this.serve(out, c, serverName, decoys, clients, () => finished, flooded);
    if (!clients[0]?.flooded) await flooded(); // a flood that ended before serving looked (stop() on an ended program is a no-op)
    const records = await this.probe.call("transcript", { since: mark.seq, sockets: [serverName, ...decoys.keys()], head: c.link ? LINK_TRANSCRIPT : TRANSCRIPT_HEAD, tail: TRANSCRIPT_TAIL });
    // Over a lossy link every datagram that left the program counts, even one the link still held when
    // the program ended: the transcript has each once, as sent.
    if (c.link) clients[0].requests = records.filter((r) => r.direction === "received" && r.socket === serverName);
    await this.probe.call("close", { socket: serverName });
    for (const [name, opened] of decoys) if (await opened.then(() => true, () => false)) await this.probe.call("close", { socket: name });

    const problems = [...new Set(clients.flatMap((cl, i) => this.judge(c, cl, clients.length > 1 ? `#${i + 1}: ` : "")))];
    const status: Status = problems.length ? "failed" : "passed";
    const given = this.given(c, server.port);
    if (status === "passed") return this.addAll(out, c, status, this.detail(c, status, given, ""));
    const first = clients.find((cl) => this.judge(c, cl, "").length) ?? clients[0];
    const names = new Map([[endpointText(server), t(this.lang, "roleGrader")]]);
    for (const opened of decoys.values()) {
      const at = await opened.catch(() => undefined);
      if (at) names.set(endpointText(at), t(this.lang, "roleDecoy"));
    }
    this.addAll(
      out,
      c,
      status,
      this.detail(c, status, given, problems.join("\n"), {
        expected: this.expectedText(c),
        got: this.gotText(first),
        transcript: toTranscript(records, names, t(this.lang, "roleProgram"), mark.at, c.link ? LINK_TRANSCRIPT + TRANSCRIPT_TAIL : TRANSCRIPT_HEAD + TRANSCRIPT_TAIL, (r) => (r.link ? linkNoteText(r.link, this.ctx.seed, this.lang) : undefined)),
        ...(first.outcome ? { exit: describeExitWithTime(first.outcome, this.ctx.session.limits, this.lang) } : {}),
        ...(first.outcome?.stdout ? { stdout: tailOf(first.outcome.stdout, 400) } : {}),
        ...(first.outcome?.stderr ? { stderr: tailOf(first.outcome.stderr, 600) } : {}),
      }),
    );
    return clients.some((cl) => cl.flooded);
  }

  /**
   * The fake server: every datagram is a request; the first from each sender and TEXT gets the case's
   * actions (run concurrently, one handler each). Returns once every copy has ended and every handler
   * is done. Decoy sockets are opened on first use, into `decoys` (by probe name).
   */
  private async serve(
    out: CheckVerdict[],
    c: Case,
    serverName: string,
    decoys: Map<string, Promise<Endpoint>>,
    clients: ClientRun[],
    finished: () => boolean,
    flooded: () => Promise<boolean>,
  ): Promise<void> {
    const handlers: Promise<void>[] = [];
    const served = new Set<string>();
    const answers = new Map<string, number>();
    const leftovers: DatagramRecord[] = [];
    let stopped = false;
    let shapeVerdicts = 0;
    for (let drained = false, sinceCheck = 0; ; ) {
      // The budget is looked at when the socket is quiet and every so many datagrams: past it the probe
      // drops what arrives, so a flood shows as quiet soon after it spends the budget.
      if (!stopped && !drained && sinceCheck >= BUDGET_CHECK_EVERY) {
        sinceCheck = 0;
        stopped = await flooded();
      }
      if (finished() && !drained) {
        // The last copy has ended: read what arrived just before, then stop.
        leftovers.push(...(await this.probe.call("drain", { socket: serverName })));
        drained = true;
      }
      const d = drained ? leftovers.shift() : await this.probe.call("recv", { socket: serverName, timeoutMs: 50 });
      if (!d) {
        if (drained) break;
        sinceCheck = BUDGET_CHECK_EVERY;
        continue;
      }
      sinceCheck++;
      const arrived = performance.now();
      const parsed = parseJsonDatagram(Buffer.from(d.data, "base64"));
      // What the program sent: a corrupted datagram is judged by its bytes before the link changed them.
      const sent = d.wire ? parseJsonDatagram(Buffer.from(d.wire, "base64")) : parsed;
      const text = parsed.ok && parsed.value && typeof parsed.value === "object" ? (parsed.value as { text?: unknown }).text : undefined;
      // Whose request is it? Its TEXT says; failing that, an earlier datagram from the same address, or
      // the first copy that has sent nothing yet.
      const sender = endpointText(d.from);
      const owner =
        clients.find((cl) => cl.text === text) ??
        clients.find((cl) => cl.requests.some((r) => endpointText(r.from) === sender)) ??
        clients.find((cl) => cl.requests.length === 0) ??
        clients[0];
      if (!d.copy) {
        owner.requests.push(d);
        owner.firstRequestAt ??= arrived;
        // One shape verdict per datagram, up to a few per case: a flood is charged to its request count and
        // budget, and must not outweigh every other case of the shape check.
        if (shapeVerdicts++ < MAX_SHAPE_VERDICTS) this.shapeVerdict(out, c, sent, preview(Buffer.from(d.wire ?? d.data, "base64"), 100));
      }
      // The server never sees what the link dropped, and drops what the link corrupted (as its checksum would).
      if (d.link && linkIgnores(d.link)) continue;
      // Each new sender and TEXT is answered once (two copies may even share a fixed port, one after the
      // other), or every request when the case says so (a resend over a lossy link).
      const key = `${sender} ${owner.text}`;
      if (served.has(key) && !c.answerEvery) continue;
      served.add(key);
      // A program that floods gets its first answers, not one per datagram (the grader's work stays bounded).
      const answered = (answers.get(key) ?? 0) + 1;
      answers.set(key, answered);
      if (answered > MAX_ANSWERS) continue;
      const request = parsed.ok ? parsed.value : undefined;
      handlers.push(
        (async () => {
          // The case's waits count from when the request reached the probe, on the probe's clock: the
          // probe sends each datagram at its time (see `send`'s notBefore), whatever the grader's load.
          let due = d.at;
          for (const action of c.server) {
            if ("waitMs" in action) {
              due += action.waitMs;
              continue;
            }
            let decoyName = "";
            if ("decoy" in action) {
              decoyName = decoySocketName(c, action);
              if (!decoys.has(decoyName)) decoys.set(decoyName, this.probe.call("open", { socket: decoyName, host: action.from?.host ?? c.host }));
              await decoys.get(decoyName);
            }
            await this.act(action, serverName, decoyName, d.from, owner, due, request);
          }
          // A last wait with nothing after it still keeps the case open that long.
          const last = c.server[c.server.length - 1];
          if (last && "waitMs" in last) await sleep(Math.max(0, due - d.at - (performance.now() - arrived)));
        })(),
      );
    }
    await Promise.all(handlers);
  }

  /**
   * The fake server on a free port of the case's host, with the decoys that send from that same port on
   * another host (opened with it: if the port is taken there, both move to another port).
   */
  private async openServer(name: string, c: Case, decoys: Map<string, Promise<Endpoint>>, link?: ReturnType<typeof linkSchedule>): Promise<Endpoint> {
    const samePort = [...new Map(c.server.flatMap((a) => ("decoy" in a && a.from?.serverPort ? [[decoySocketName(c, a), a.from.host ?? c.host] as const] : []))).entries()];
    for (let i = 0; ; i++) {
      const port = await getPort({ host: c.host });
      const opened: string[] = [];
      try {
        const server = await this.probe.call("open", { socket: name, host: c.host, port, ...(link ? { link } : {}) });
        opened.push(name);
        for (const [decoyName, host] of samePort) {
          const at = await this.probe.call("open", { socket: decoyName, host, port });
          opened.push(decoyName);
          decoys.set(decoyName, Promise.resolve(at));
        }
        return server;
      } catch (e) {
        for (const n of opened) await this.probe.call("close", { socket: n });
        decoys.clear();
        if (i >= 20) throw e; // taken by UDP meanwhile (get-port checks TCP): try another
      }
    }
  }

  /**
   * Fills {"$requestText"}, {"$requestFrom"}, {"$token"}, {"$requestField"} and {"$format"} in a reply,
   * then {"$checksum"} over the filled object's other keys.
   */
  private fill(p: Payload, v: { text: unknown; from: string; token: string; request?: unknown }): { payload: Payload; json?: unknown } {
    if (!("json" in p)) return { payload: p };
    const json = this.fillValue(p.json, v);
    return { payload: { ...p, json }, json };
  }

  private fillValue(pattern: unknown, v: { text: unknown; from: string; token: string; request?: unknown }): unknown {
    const field = (arg: unknown) => {
      const { key, add } = typeof arg === "string" ? { key: arg, add: 0 } : (arg as { key: string; add?: number });
      const value = v.request && typeof v.request === "object" ? (v.request as Record<string, unknown>)[key] : undefined;
      if (v.request === PLACEHOLDER_REQUEST) return add ? `<${key}${add > 0 ? "+" : ""}${add}>` : `<${key}>`;
      return add && typeof value === "number" ? value + add : value;
    };
    const format = (arg: unknown) => String(arg).replace(/\{(text|token|from)\}/g, (_m, k: string) => String(k === "text" ? v.text : k === "token" ? v.token : v.from));
    const CHECKSUM = "\u0000checksum";
    const json = fillPattern(pattern, { $requestText: () => v.text, $requestFrom: () => v.from, $token: () => v.token, $requestField: field, $format: format, $checksum: () => CHECKSUM });
    // The checksum covers the other keys as filled, so it is computed last, in every object that asks for it.
    const seal = (x: unknown): unknown => {
      if (Array.isArray(x)) return x.map(seal);
      if (!x || typeof x !== "object") return x;
      const o = Object.fromEntries(Object.entries(x).map(([k, y]) => [k, seal(y)]));
      for (const [k, y] of Object.entries(o)) if (y === CHECKSUM) o[k] = checksumOf(o, k);
      return o;
    };
    return seal(json);
  }

  private async act(action: Exclude<Action, { waitMs: number }>, serverName: string, decoyName: string, to: Endpoint, owner: ClientRun, notBefore: number, request?: unknown): Promise<void> {
    if ("decoy" in action) {
      await this.probe.call("send", { socket: decoyName, to, data: payloadBytes(action.decoy).toString("base64"), notBefore });
      return;
    }
    // An unguessable token makes a made-up answer impossible: stdout must be this very reply.
    const token = (owner.tokenValue ??= randomBytes(9).toString("hex"));
    const { payload, json } = this.fill(action.reply, { text: owner.text, from: endpointText(to), token, request });
    owner.reply ??= json;
    if (JSON.stringify(json)?.includes(token)) owner.token = token;
    await this.probe.call("send", { socket: serverName, to, data: payloadBytes(payload).toString("base64"), notBefore });
  }

  private shapeVerdict(out: CheckVerdict[], c: Case, parsed: ReturnType<typeof parseJsonDatagram>, gotText: string): void {
    this.checksumVerdict(out, c, parsed, gotText);
    const shapeCheck = this.ctx.exercise.data.messages.shapeCheck;
    if (!shapeCheck) return;
    const problems = messageShapeProblems(parsed, this.validateMessage, "requestNotJson", this.lang);
    const status = problems.length ? "failed" : "passed";
    out.push({ checkId: shapeCheck, status, detail: this.detail(c, status, this.given(c, "PORT"), problems.join(" "), { got: gotText }) });
  }

  /** One verdict per request that is a JSON object: its checksum field is right (messages.checksum). */
  private checksumVerdict(out: CheckVerdict[], c: Case, parsed: ReturnType<typeof parseJsonDatagram>, gotText: string): void {
    const sum = this.ctx.exercise.data.messages.checksum;
    if (!sum?.check || !parsed.ok || !parsed.value || typeof parsed.value !== "object" || Array.isArray(parsed.value)) return;
    const wrong = checksumProblem(parsed.value as Record<string, unknown>, sum.field);
    const message = wrong ? t(this.lang, "checksumWrong", { field: sum.field, got: show(wrong.got, this.lang), expected: wrong.expected }) : "";
    out.push({ checkId: sum.check, status: wrong ? "failed" : "passed", detail: this.detail(c, wrong ? "failed" : "passed", this.given(c, "PORT"), message, { got: gotText }) });
  }

  private judge(c: Case, cl: ClientRun, prefix: string): string[] {
    const e = c.expect;
    const o = cl.outcome!;
    const problems: string[] = [];
    // Stopped for flooding: that says it all (its exit, output and timing are the grader's doing).
    if (cl.flooded) return [prefix + floodWords(this.lang)];
    if (o.timedOut) problems.push(t(this.lang, "programKilled", { seconds: this.limits.caseSeconds }));
    // Preconditions first: without them the rest (an exit code, say) would be credit for doing nothing.
    if (c.onlyIf?.requestSent && cl.requests.length === 0) problems.push(t(this.lang, "onlyIfRequest"));
    else if (c.onlyIf?.replyShown && !(cl.token && o.stdout.includes(cl.token))) problems.push(t(this.lang, "onlyIfReplyShown"));
    if (e.request !== undefined) {
      const first = cl.requests[0];
      if (!first) problems.push(t(this.lang, "programNoRequest"));
      else {
        const parsed = parseJsonDatagram(Buffer.from(first.data, "base64"));
        if (!parsed.ok) problems.push(t(this.lang, "requestNotJson", { why: parsed.why }));
        else problems.push(...matchPattern(e.request, parsed.value, { $text: (_a, v) => (v === cl.text ? undefined : expectedGot(this.lang, show(cl.text, this.lang), v)) }, this.lang));
      }
    }
    if (e.requests !== undefined && cl.requests.length !== e.requests) {
      problems.push(cl.requests.length === 0 ? t(this.lang, "programNoRequest") : t(this.lang, "programRequests", { count: cl.requests.length, expected: e.requests }));
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
      if (!parsedOk || cl.reply === undefined || !jsonEqual(value, cl.reply)) problems.push(t(this.lang, pythonRepr ? "stdoutPythonRepr" : "stdoutNotReply", { got: show(tailOf(o.stdout, 200), this.lang) }));
    }
    if (e.stdoutLine !== undefined) {
      const line = this.fillValue(e.stdoutLine, { text: cl.text, from: "", token: cl.tokenValue ?? "<token>" });
      const got = o.stdout.replace(/\r\n/g, "\n");
      if (got !== `${String(line)}\n`) {
        const times = got.split(`${String(line)}\n`).length - 1;
        problems.push(times > 1 ? t(this.lang, "stdoutLineTwice", { n: times }) : t(this.lang, "stdoutNotLine", { expected: show(line, this.lang), got: show(tailOf(o.stdout, 200), this.lang) }));
      }
    }
    const sentCount = cl.requests.length;
    if (e.requestsAtMost !== undefined && sentCount > e.requestsAtMost) problems.push(t(this.lang, "tooManyRequests", { count: sentCount, max: e.requestsAtMost }));
    if (e.requestsAtLeast !== undefined && sentCount < e.requestsAtLeast) problems.push(t(this.lang, "tooFewRequests", { count: sentCount, min: e.requestsAtLeast }));
    if (e.requestSpanAtLeastMs !== undefined && sentCount >= 2) {
      const span = Math.round(cl.requests[sentCount - 1].at - cl.requests[0].at);
      if (span < e.requestSpanAtLeastMs) problems.push(t(this.lang, "requestsTooClose", { count: sentCount, ms: span, min: e.requestSpanAtLeastMs }));
    }
    if (e.sameRequests && sentCount >= 2) {
      const values = cl.requests.map((r) => parseJsonDatagram(Buffer.from(r.wire ?? r.data, "base64")));
      const first = values[0];
      const i = values.findIndex((v) => !first.ok || !v.ok || !jsonEqual(v.value, first.value));
      if (i >= 0) problems.push(t(this.lang, "resendDiffers", { n: i + 1, got: preview(Buffer.from(cl.requests[i].wire ?? cl.requests[i].data, "base64"), 80), first: preview(Buffer.from(cl.requests[0].wire ?? cl.requests[0].data, "base64"), 80) }));
    }
    if (e.stdout === "empty" && o.stdout !== "") problems.push(t(this.lang, "stdoutNotEmpty", { got: show(tailOf(o.stdout, 200), this.lang) }));
    if (e.exitCode !== undefined && !o.timedOut && o.exitCode !== e.exitCode) {
      problems.push(t(this.lang, "exitCodeWrong", { got: o.exitCode ?? (o.signal ? `signal ${o.signal}` : "none"), expected: e.exitCode }));
    }
    if (e.stderr === "nonEmpty" && o.stderr.trim() === "") problems.push(t(this.lang, "stderrEmpty"));
    if (e.endsWithinMs !== undefined && cl.firstRequestAt !== undefined) {
      const ms = Math.round(cl.started + o.durationMs - cl.firstRequestAt);
      if (ms > e.endsWithinMs) problems.push(t(this.lang, "tooSlow", { ms, limit: e.endsWithinMs }));
    }
    return [...new Set(problems)].map((p) => prefix + p);
  }

  private expectedText(c: Case): string {
    const e = c.expect;
    const parts: string[] = [];
    const l = this.lang;
    if (e.request !== undefined) parts.push(t(l, "expectRequest", { pattern: describePattern(e.request, { $text: () => JSON.stringify(this.shown(c.text)) }) }));
    if (e.stdout === "reply") parts.push(t(l, "expectStdoutReply"));
    if (e.stdout === "empty") parts.push(t(l, "expectStdoutEmpty"));
    if (e.stdoutLine !== undefined) parts.push(t(l, "expectStdoutLine", { line: show(this.fillValue(e.stdoutLine, { text: this.shown(c.text), from: "IP:PORT", token: "<token>" }), l) }));
    if (e.requestsAtLeast !== undefined || e.requestsAtMost !== undefined) parts.push(t(l, "expectRequestCount", { min: e.requestsAtLeast ?? 1, max: e.requestsAtMost ?? "∞" }));
    if (e.requestSpanAtLeastMs !== undefined) parts.push(t(l, "expectRequestSpan", { ms: e.requestSpanAtLeastMs }));
    if (e.sameRequests) parts.push(t(l, "expectSameRequests"));
    if (e.exitCode !== undefined) parts.push(t(l, "expectExitCode", { code: e.exitCode }));
    if (e.stderr) parts.push(t(l, "expectStderr"));
    if (e.endsWithinMs) parts.push(t(l, "expectEndsWithin", { ms: e.endsWithinMs }));
    if (c.onlyIf?.replyShown) parts.push(t(l, "expectOnlyIfReplyShown"));
    else if (c.onlyIf?.requestSent) parts.push(t(l, "expectOnlyIfRequest"));
    return parts.join(t(l, "listSeparator"));
  }

  private gotText(cl: ClientRun): string {
    const o = cl.outcome;
    const l = this.lang;
    const req = cl.requests[0] ? t(l, "gotRequest", { payload: preview(Buffer.from(cl.requests[0].data, "base64"), 80) }) : t(l, "gotNoRequest");
    const out = o ? t(l, "gotStdoutExit", { stdout: show(tailOf(o.stdout, 120), l), code: String(o.exitCode ?? o.signal) }) : "";
    const count = cl.requests.length > 1 ? t(l, "gotDatagrams", { n: cl.requests.length }) : "";
    return [req, count, out].filter(Boolean).join(t(l, "listSeparator"));
  }
}
