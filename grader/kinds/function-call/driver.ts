// The function-call kind: one Python harness per submission imports the student's module and calls its
// functions case by case. A case that hangs or kills the process costs that case only: the harness is
// restarted and grading goes on.
import { mark } from "../../core/trace.js";
import type { Case } from "../../generated/function-cases.js";
import type { Check, FunctionCallExercise, FunctionCallLimits } from "../../generated/exercise.js";
import type { Status } from "../../generated/result.js";
import { GraderError } from "../../core/errors.js";
import { t, type Lang } from "../../core/i18n.js";
import { hasSchema, validatorFor } from "../../core/schemas.js";
import { assertValid, caseProblems, loadCaseFile } from "../case-file.js";
import { tailOf } from "../output-tail.js";
import { plainErrors } from "../../answers/plain-errors.js";
import { renderPython } from "../../answers/python-values.js";
import { selectedCases, timed, type CheckVerdict, type DriverContext, type DriverOutput, type KindDriver, type LoadedExercise } from "../types.js";
import type { ProbeClient } from "../../probe/client.js";
import { HARNESS_START_SECONDS, HarnessSession, type Exchange, type HarnessReply, type Observed } from "./harness-session.js";
import { describeRaised, judge, locationOf, toResultCase } from "./judge.js";
import type { Location } from "../../generated/result.js";
import { describeExit } from "../exit-words.js";
import { limitsInText, processLimitWords } from "../../sandbox/limits.js";
import { ReferenceOracle } from "./reference.js";
import { BATCH_CALLS, drawFamilies, familyProblems, runFamilies } from "./generated.js";

const loadCases = (exercise: LoadedExercise) => loadCaseFile<Case>(exercise, "function-cases.schema.json");

function answerSchemaId(name: string): string {
  return `answers/${name}`;
}

export const functionCallDriver: KindDriver<FunctionCallExercise> = {
  async validate(exercise) {
    const functions = exercise.data.functions;
    const checkIds = new Set(exercise.data.checks.map((c) => c.id));
    const problems: string[] = [];
    if (Object.keys(functions).length === 0) problems.push("`functions` is empty");
    for (const [name, fn] of Object.entries(functions)) {
      if (!hasSchema(answerSchemaId(fn.answerSchema))) problems.push(`function ${name}: no schema ${answerSchemaId(fn.answerSchema)} in schemas/`);
      if (fn.shapeCheck && !checkIds.has(fn.shapeCheck)) problems.push(`function ${name}: shapeCheck ${fn.shapeCheck} is not a check`);
    }
    const cases = await loadCases(exercise);
    for (const c of cases) if (!(c.call in functions)) problems.push(`case ${c.id} calls ${c.call}, which is not in \`functions\``);
    problems.push(...familyProblems(exercise, checkIds));
    assertValid(exercise, [...problems, ...caseProblems(exercise, cases, Object.values(functions).map((f) => f.shapeCheck))]);
  },

  async run(ctx) {
    const shapeOf = (c: Case) => [ctx.exercise.data.functions[c.call]?.shapeCheck];
    return new FunctionCallRun(ctx, selectedCases(ctx.exercise, await loadCases(ctx.exercise), shapeOf)).run();
  },
};

/** Replaces {"$port": "a"} with the port number the setup found. */
function withPorts(value: unknown, ports: Record<string, number>): unknown {
  if (Array.isArray(value)) return value.map((v) => withPorts(v, ports));
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (Object.keys(o).length === 1 && typeof o.$port === "string") {
      const p = ports[o.$port];
      if (p === undefined) throw new GraderError("EXERCISE_INVALID", "errExerciseFile", { file: "cases.json", problem: `unknown port name ${o.$port}` });
      return p;
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, withPorts(v, ports)]));
  }
  return value;
}

class FunctionCallRun {
  private readonly lang: Lang;
  private readonly checks: Map<string, Check>;
  private readonly entry: string;
  private readonly verdicts: CheckVerdict[] = [];
  private readonly warnings: string[] = [];
  private session?: HarnessSession;
  private missing = new Set<string>();
  private fatalLocation?: Location;
  private deadline: number;
  private ipv6?: Promise<boolean>;

  private get limits(): FunctionCallLimits {
    return this.ctx.exercise.data.limits;
  }

  constructor(private readonly ctx: DriverContext<FunctionCallExercise>, private readonly cases: Case[]) {
    this.lang = ctx.lang;
    this.checks = new Map(ctx.exercise.data.checks.map((c) => [c.id, c]));
    this.entry = ctx.exercise.data.entry;
    this.deadline = performance.now() + ctx.exercise.data.limits.totalSeconds * 1000;
  }

  async run(): Promise<DriverOutput> {
    const ctx = this.ctx;
    // The reference answers the generated inputs while the student's module imports and the fixed cases run.
    const oracle = ctx.exercise.data.generated?.length ? new ReferenceOracle(ctx.exercise, ctx.session) : undefined;
    const generated = { exercise: ctx.exercise, seed: ctx.seed, submission: ctx.submission, lang: this.lang, oracle: oracle!, evaluate: (c: Case) => this.evaluate(c), evaluateMany: (cs: Case[], deadline: number) => this.evaluateMany(cs, deadline) };
    try {
      // The student's harness starts first: its Python (through the sandbox) starts on the other core while
      // the generated inputs are drawn here (~15 ms for exercise-01).
      const importing = this.startSession();
      importing.catch(() => {}); // awaited below; drawing may throw first
      const drawn = oracle ? drawFamilies(generated) : [];
      const fatal = await importing;
      if (fatal) return this.allCasesError(fatal, true);
      mark("imported");
      // Runs of plain cases of one function go to the harness together, as generated cases do: one round
      // trip for up to BATCH_CALLS calls instead of two per call (a batch that does not come back whole is
      // run again one case at a time, each with its own limit).
      for (const run of plainRuns(this.cases)) {
        if (run.length === 1) this.verdicts.push(...(await this.evaluate(run[0])));
        else for (const v of await this.evaluateMany(run)) this.verdicts.push(...v!);
      }
      mark("fixed cases done");
      const extra = await runFamilies(generated, drawn);
      mark("generated done");
      this.verdicts.push(...extra.verdicts);
      this.warnings.push(...extra.warnings);
      if (this.session && this.session.strayLines > 0) this.warnings.push(t(this.lang, "warnStrayLines", { n: this.session.strayLines }));
      return { verdicts: this.verdicts, warnings: this.warnings };
    } finally {
      // Not waited for: the session's dispose waits for every program it started.
      void this.session?.stop();
      void oracle?.dispose();
    }
  }

  /** Starts the harness and imports the module; returns a message when that is impossible. */
  private async startSession(): Promise<string | undefined> {
    const ex = this.ctx.exercise.data;
    this.session = HarnessSession.start(this.ctx.session, this.cases.some((c) => c.expect.closesSockets));
    const init = await this.session.exchange(
      { op: "init", dir: this.ctx.session.workDir, module: this.entry.replace(/\.py$/, ""), functions: Object.keys(ex.functions) },
      this.limits.importSeconds * 1000,
      { startMs: HARNESS_START_SECONDS * 1000 },
    );
    if (init.kind === "timeout" && init.starting) return t(this.lang, "harnessStartTimeout", { entry: this.entry, seconds: HARNESS_START_SECONDS });
    if (init.kind === "timeout") return t(this.lang, "importTimeout", { entry: this.entry, seconds: this.limits.importSeconds });
    if (init.kind === "lingering") {
      // A fork bomb stops at the process limit with its children still there: say which limit it hit.
      const full = init.processes + 1 >= this.ctx.session.limits.processes ? ` (${processLimitWords(this.ctx.session.limits, this.lang)})` : "";
      return t(this.lang, "importLingering", { entry: this.entry, threads: init.threads, processes: init.processes }) + full;
    }
    if (init.kind === "died") {
      return t(this.lang, "importExited", { entry: this.entry, how: describeExit(init.outcome, this.ctx.session.limits, this.lang) }) + tail(this.session);
    }
    const reply = init.reply;
    if (!reply.ok) return this.importError(reply);
    this.missing = new Set(reply.missing ?? []);
    return undefined;
  }

  private importError(reply: HarnessReply): string {
    const err = reply.error!;
    this.fatalLocation = locationOf(err);
    if (err.type === "SystemExit") return t(this.lang, "importSystemExit", { entry: this.entry });
    if (err.mro.includes("SyntaxError")) {
      const caret = err.line ? `\n    ${err.line.trim()}\n    ${" ".repeat(Math.max(0, (err.offset ?? 1) - 1 - (err.line.length - err.line.trimStart().length)))}^` : "";
      return `${t(this.lang, "importFailed")} ${err.type}: ${err.message} (${err.where})${caret}`;
    }
    const stdin = err.mro.includes("EOFError") ? " " + t(this.lang, "stdinEof") : "";
    const limits = limitsInText(`${err.type}: ${err.message}`, this.ctx.session.limits, this.lang).map((w) => ` (${w})`).join("");
    return `${t(this.lang, "importFailed")} ${t(this.lang, "importRaised", { entry: this.entry, error: describeRaised(err) })}${limits}${stdin}`;
  }

  private allCasesError(message: string, fatal: boolean): DriverOutput {
    for (const c of this.cases) this.addAll(c, "error", { id: c.id, status: "error", given: this.given(c), message });
    return { verdicts: this.verdicts, warnings: this.warnings, ...(fatal ? { fatal: message } : {}), ...(this.fatalLocation ? { location: this.fatalLocation } : {}) };
  }

  private given(c: Case, ports?: Record<string, number>): string {
    const args = ports ? (withPorts(c.args, ports) as unknown[]) : c.args;
    let text = `${c.call}(${args.map(renderPython).join(", ")})`;
    if (c.setup?.ports && ports) {
      const l = this.lang;
      const words = c.setup.ports.map((p) => (p.state === "free" ? t(l, "portFree", { port: ports[p.name] }) : t(l, "portTaken", { port: ports[p.name], proto: p.state.toUpperCase(), host: p.host ?? "127.0.0.1" })));
      text += t(l, "portsSetup", { ports: words.join(t(l, "itemSeparator")) });
    }
    return text;
  }

  /** One verdict for every check of the case, and for the function's shape check. */
  private all(c: Case, status: Status | "skipped", detail: CheckVerdict["detail"]): CheckVerdict[] {
    const out: CheckVerdict[] = c.checks.map((id) => ({ checkId: id, status, detail }));
    const shape = this.ctx.exercise.data.functions[c.call]?.shapeCheck;
    if (shape && !c.expect.raises && status !== "passed") out.push({ checkId: shape, status, detail });
    return out;
  }

  private addAll(c: Case, status: Status | "skipped", detail: CheckVerdict["detail"]): void {
    this.verdicts.push(...this.all(c, status, detail));
  }

  /** Runs one case (fixed or generated) and returns its verdicts (timed: the round trip, not only the call), recording nothing. */
  async evaluate(c: Case): Promise<CheckVerdict[]> {
    const started = performance.now();
    return timed(await this.evaluateUntimed(c), performance.now() - started);
  }

  private async evaluateUntimed(c: Case): Promise<CheckVerdict[]> {
    const limits = this.limits;
    if (c.platforms && !c.platforms.includes(process.platform as "linux")) {
      return this.all(c, "skipped", { id: c.id, status: "passed", given: this.given(c), message: t(this.lang, "skippedPlatform") });
    }
    if (performance.now() > this.deadline) {
      return this.all(c, "error", { id: c.id, status: "error", given: this.given(c), message: t(this.lang, "budgetExhausted", { seconds: limits.totalSeconds }) });
    }
    if (needsIpv6(c) && !(await (this.ipv6 ??= ipv6Available(this.ctx.session.probe)))) {
      // As in the socket kinds: a machine without ::1 skips these cases rather than failing everyone.
      if (!this.warnings.includes(t(this.lang, "ipv6Unavailable"))) this.warnings.push(t(this.lang, "ipv6Unavailable"));
      return this.all(c, "skipped", { id: c.id, status: "passed", given: this.given(c), message: t(this.lang, "ipv6Unavailable") });
    }
    if (this.missing.has(c.call)) {
      return this.all(c, "failed", { id: c.id, status: "failed", given: this.given(c), message: t(this.lang, "functionMissing", { entry: this.entry, fn: c.call }) });
    }
    if (!this.session?.alive && !(await this.restart())) {
      return this.all(c, "error", { id: c.id, status: "error", given: this.given(c), message: t(this.lang, "restartFailed") });
    }
    const probe = this.ctx.session.probe;
    let held: { handle: string; ports: Record<string, number> } | undefined;
    try {
      held = c.setup?.ports ? await probe.call("holdPorts", { requests: c.setup.ports }) : undefined;
      const ports = held?.ports ?? {};
      const given = this.given(c, held?.ports);
      const expect = withPorts(c.expect, ports) as Case["expect"];
      const exchange = await this.session!.exchange({ op: "call", fn: c.call, args: withPorts(c.args, ports) }, limits.caseSeconds * 1000, { sockets: Boolean(expect.closesSockets) });
      if (exchange.kind !== "answer") return await this.caseDied(c, given, exchange);
      const reply = exchange.reply;
      // Checked while the case's other ports are still held: is the answer really bindable right now?
      const port = reply.value as number;
      const bind = expect.udpBindable && reply.ok && Number.isInteger(port) ? { host: expect.udpBindable, port, ...(await bindError(probe, expect.udpBindable, port)) } : undefined;
      return this.judgeCase(c, given, expect, reply, bind, exchange.observed);
    } finally {
      // Not waited for: the next case's ports are picked around any still being let go.
      if (held) void probe.call("releasePorts", { handle: held.handle }).catch(() => {});
    }
  }

  /**
   * Runs many cases of one function at once (generated cases): one request and one answer for all, which
   * saves a round trip per call; the case limit still times each call. Cases that need more than a plain call
   * (ports, sockets, a bind check) and a batch that does not come back whole (a hang, a crash) go one by one
   * instead, each with its own limit.
   */
  async evaluateMany(cases: Case[], deadline = Infinity): Promise<(CheckVerdict[] | undefined)[]> {
    const fn = cases[0]?.call;
    const batchable = cases.length > 1 && cases.every((c) => plain(c) && c.call === fn) && !this.missing.has(fn) && performance.now() < this.deadline;
    if (batchable && (this.session?.alive || (await this.restart()))) {
      const started = performance.now();
      const exchange = await this.session!.exchange({ op: "calls", fn, argsList: cases.map((c) => c.args) }, this.limits.caseSeconds * 1000, { calls: cases.length });
      const batch = exchange.kind === "answer" ? exchange.reply.batch : undefined;
      if (exchange.kind === "answer" && batch?.length === cases.length) {
        const each = (performance.now() - started) / cases.length; // one round trip shared by the batch
        return cases.map((c, i) => timed(this.judgeCase(c, this.given(c), c.expect, batch[i], undefined, {}), each));
      }
      if (exchange.kind !== "answer") await this.session?.stop();
    }
    // One by one: a case not started before `deadline` is left undefined (the caller says why).
    const out: (CheckVerdict[] | undefined)[] = [];
    for (const c of cases) out.push(performance.now() > deadline ? undefined : await this.evaluate(c));
    return out;
  }

  private judgeCase(c: Case, given: string, expect: Case["expect"], reply: HarnessReply, bind: { host: string; port: unknown; error?: string } | undefined, observed: Observed): CheckVerdict[] {
    const out: CheckVerdict[] = [];
    const fn = this.ctx.exercise.data.functions[c.call];
    const validate = validatorFor(answerSchemaId(fn.answerSchema));
    const valid = reply.ok ? validate(reply.value) : true;
    const errors = valid ? [] : plainErrors(validate.errors, reply.value, "the answer", this.lang, "returns" in expect ? expect.returns : undefined);
    const errorsFor = (keys: string[] | undefined) => (keys ? errors.filter((e) => keys.some((k) => e.startsWith("`" + k + "`"))) : errors);
    for (const id of c.checks) {
      const check = this.checks.get(id);
      if (!check) continue; // left out by --only
      // The leak check is made from outside the student's process; where it cannot be, the case says so.
      if (expect.closesSockets && observed.unavailable) {
        out.push({ checkId: id, status: "error", detail: this.unobservable(c, given, observed.unavailable) });
        continue;
      }
      const j = judge(expect, check, reply, { bind, leakedSockets: observed.leakedSockets }, errorsFor, this.lang);
      out.push({ checkId: id, status: j.status, detail: toResultCase(c, given, j, reply, this.lang) });
    }
    if (fn.shapeCheck && reply.ok) {
      const status = valid ? "passed" : "failed";
      const message = valid ? t(this.lang, "shapeOk") : t(this.lang, "shapeInvalid", { details: errors.join(t(this.lang, "listSeparator")) });
      out.push({ checkId: fn.shapeCheck, status, detail: toResultCase(c, given, { status, got: reply.repr, messages: [message] }, reply, this.lang) });
    }
    return out;
  }

  private async caseDied(c: Case, given: string, exchange: Exclude<Exchange, { kind: "answer" }>): Promise<CheckVerdict[]> {
    const limits = this.limits;
    const message =
      exchange.kind === "timeout"
        ? t(this.lang, "caseTimeout", { seconds: limits.caseSeconds })
        : exchange.kind === "lingering"
          ? t(this.lang, "caseLingering", { threads: exchange.threads, processes: exchange.processes })
          : t(this.lang, "caseCrashed", { how: describeExit(exchange.outcome, this.ctx.session.limits, this.lang) }) + tail(this.session!);
    await this.session?.stop();
    // The check's own hint is about its clause; a call refused for the code it left running needs another.
    const hint = exchange.kind === "lingering" ? { hint: t(this.lang, "hintLingering") } : {};
    return this.all(c, "error", { id: c.id, status: "error", given, message, ...hint });
  }

  /** A case whose check needs an outside observation this platform cannot make: an error, never a pass. */
  private unobservable(c: Case, given: string, why: string): CheckVerdict["detail"] {
    const warning = t(this.lang, "warnUnobservable", { why });
    if (!this.warnings.includes(warning)) this.warnings.push(warning);
    return { id: c.id, status: "error", given, message: t(this.lang, "caseUnobservable", { why }) };
  }

  private async restart(): Promise<boolean> {
    await this.session?.stop();
    return (await this.startSession()) === undefined;
  }
}

/** A case that is only a call (no ports to hold, no sockets to count, no bind to check, no platform of its own): it can share a request. */
const plain = (c: Case) => !c.setup && !c.platforms && !c.expect.closesSockets && !c.expect.udpBindable;

/** The cases in order, cut into runs: consecutive plain cases of one function (at most BATCH_CALLS), every other case alone. */
function plainRuns(cases: Case[]): Case[][] {
  const runs: Case[][] = [];
  for (const c of cases) {
    const last = runs.at(-1);
    if (last && plain(c) && plain(last[0]) && last[0].call === c.call && last.length < BATCH_CALLS) last.push(c);
    else runs.push([c]);
  }
  return runs;
}

/** A case that holds or checks ports on an IPv6 address (an argument such as classify_ip("::1") is just text). */
function needsIpv6(c: Case): boolean {
  return [...(c.setup?.ports ?? []).map((p) => p.host ?? ""), c.expect.udpBindable ?? ""].some((h) => h.includes(":"));
}

async function ipv6Available(probe: ProbeClient): Promise<boolean> {
  return (await probe.call("canBind", { host: "::1", port: 0 })).ok;
}

async function bindError(probe: ProbeClient, host: string, port: number): Promise<{ error?: string }> {
  if (port < 1 || port > 65535) return {};
  const r = await probe.call("canBind", { host, port });
  return r.ok ? {} : { error: r.error ?? "in use" };
}

function tail(session: HarnessSession): string {
  const err = tailOf(session.stderrTail(4000), 400).trim();
  return err ? `\n${err}` : "";
}
