// The tcp-server kind: the grader is the client of `python3 ENTRY HOST PORT` over TCP. Each launch in the
// exercise's `tcp` settings is one server; its cases are steps on named grader connections made by the probe
// in the submission's network (connect, send in chosen segments, half-close, reset, expect lines or the
// close). Every protocol detail is in the exercise's data: this file knows none.
import net from "node:net";
import type { Launch, TcpServerExercise, TcpServerSettings } from "../../generated/exercise.js";
import type { Case } from "../../generated/tcp-server-cases.js";
import type { Case as ResultCase, Status } from "../../generated/result.js";
import { t } from "../../core/i18n.js";
import { assertValid, caseProblems, loadCaseFile } from "../case-file.js";
import { resultCase } from "../result-case.js";
import { commandText, tailOf } from "../socket/student-program.js";
import { selectedCases, type CheckVerdict, type DriverContext, type KindDriver, type LoadedExercise } from "../types.js";
import { ServerLife } from "./server.js";
import { StepRunner, stepsText } from "./steps.js";
import { streamTranscript } from "./stream-transcript.js";

const CASE_SCHEMA = "tcp-server-cases.schema.json";
const loadCases = (exercise: LoadedExercise) => loadCaseFile<Case>(exercise, CASE_SCHEMA);

export const tcpServerDriver: KindDriver<TcpServerExercise> = {
  async validate(exercise) {
    const settings = exercise.data.tcp;
    const cases = await loadCases(exercise);
    const launches = new Map(settings.launches.map((l) => [l.id, l.host]));
    const problems = cases.flatMap((c) => caseRules(c, launches));
    for (const [id, host] of launches) if (!net.isIP(host)) problems.push(`launch ${id}: host ${host} is not an IP address`);
    assertValid(exercise, [...problems, ...caseProblems(exercise, cases)]);
  },

  async run(ctx) {
    const settings = ctx.exercise.data.tcp;
    const cases = selectedCases(ctx.exercise, await loadCases(ctx.exercise));
    const deadline = performance.now() + ctx.exercise.data.limits.totalSeconds * 1000;
    // One server at a time: the servers of a submission share its process limit (the kernel counts
    // RLIMIT_NPROC per uid, threads included), so two at once would each get about half of what the
    // limit promises a program (a server with a pool of 32 workers failed to start beside the other).
    const outputs: Awaited<ReturnType<typeof runLaunch>>[] = [];
    for (const l of settings.launches) outputs.push(await runLaunch(ctx, settings, l, cases.filter((c) => c.launch === l.id), deadline));
    const order = new Map(cases.map((c, i) => [c.id, i]));
    const verdicts = outputs.flatMap((o) => o.verdicts).sort((a, b) => (order.get(a.detail.id) ?? 0) - (order.get(b.detail.id) ?? 0));
    return { verdicts, warnings: [...new Set(outputs.flatMap((o) => o.warnings))] };
  },
};

/** What a case must satisfy beyond its schema: one action per step, connections opened before use, a reply expected. */
function caseRules(c: Case, launches: Map<string, string>): string[] {
  const problems: string[] = [];
  const host = launches.get(c.launch);
  if (host === undefined) problems.push(`case ${c.id} names unknown launch ${c.launch}`);
  const open = new Set<string>();
  for (const [i, s] of c.steps.entries()) {
    const actions = (["connect", "send", "shutdown", "close", "expect", "waitMs", "alive"] as const).filter((k) => s[k] !== undefined);
    if (actions.length !== 1) problems.push(`case ${c.id} step ${i + 1}: exactly one of connect, send, shutdown, close, expect, waitMs, alive (got ${actions.join(", ") || "none"})`);
    const needsConn = !s.waitMs && !s.alive;
    if (needsConn !== Boolean(s.conn)) problems.push(`case ${c.id} step ${i + 1}: ${needsConn ? "needs" : "takes no"} "conn"`);
    if ((s.chunks || s.delayMs !== undefined) && s.send === undefined) problems.push(`case ${c.id} step ${i + 1}: chunks and delayMs go with send`);
    if (s.connect && s.conn) {
      if (open.has(s.conn)) problems.push(`case ${c.id} step ${i + 1}: ${s.conn} is already connected`);
      if (!s.connect.refused) open.add(s.conn);
      if (s.connect.host && host && net.isIPv6(s.connect.host) !== net.isIPv6(host) && !s.connect.refused) problems.push(`case ${c.id} step ${i + 1}: ${s.connect.host} cannot reach a server on ${host}`);
    } else if (s.conn && !open.has(s.conn)) problems.push(`case ${c.id} step ${i + 1}: ${s.conn} is not connected here`);
    if (s.close && s.conn) open.delete(s.conn);
    if (s.expect && !s.expect.lines?.length && !s.expect.closed && !s.expect.silentMs) problems.push(`case ${c.id} step ${i + 1}: an empty expect`);
  }
  // A server that accepts connections and never answers must earn nothing: every case needs a reply line.
  if (!c.steps.some((s) => s.expect?.lines?.length)) problems.push(`case ${c.id}: a silent server could pass it (no step expects a line)`);
  return problems;
}

async function runLaunch(ctx: DriverContext<TcpServerExercise>, settings: TcpServerSettings, launch: Launch, cases: Case[], deadline: number): Promise<{ verdicts: CheckVerdict[]; warnings: string[] }> {
  const verdicts: CheckVerdict[] = [];
  const warnings: string[] = [];
  if (!cases.length) return { verdicts, warnings };
  const { lang, session } = ctx;
  const probe = session.probe;
  const limits = ctx.exercise.data.limits;
  const entry = ctx.exercise.data.entry;
  const add = (c: Case, status: CheckVerdict["status"], detail: ResultCase) => {
    for (const id of c.checks) verdicts.push({ checkId: id, status, detail });
  };
  // IPv6 loopback is missing on some machines (containers): then its cases are skipped, not failed.
  if (!(await probe.call("tcpCanListen", { host: launch.host, port: 0 })).ok) {
    for (const c of cases) add(c, "skipped", resultCase(c, "passed", c.id, t(lang, "ipv6Unavailable"), lang));
    return { verdicts, warnings: [t(lang, "ipv6Unavailable")] };
  }
  const server = new ServerLife(session, probe, entry, launch, settings, limits, lang);
  let startProblem: string | undefined;
  try {
    for (const c of cases) {
      const given = () => `${commandText(entry, [launch.host, String(server.port)])}; ${stepsText(c, lang, launch.host, server.port)}`;
      if (performance.now() > deadline) {
        add(c, "error", resultCase(c, "error", given(), t(lang, "tcpOutOfTime", { seconds: ctx.exercise.data.limits.totalSeconds }), lang));
        continue;
      }
      startProblem ??= await server.ensure();
      if (startProblem) {
        add(c, "error", resultCase(c, "error", given(), startProblem, lang, await outputTail(server)));
        continue;
      }
      const mark = await probe.call("mark", {});
      const printed = { out: server.proc!.stdout.total, err: server.proc!.stderr.total };
      const run = await new StepRunner(probe, server, launch, c, limits.replySeconds, lang, t(lang, "roleGrader")).all();
      const status: Status = run.problems.length ? "failed" : "passed";
      if (status === "passed") {
        add(c, status, resultCase(c, status, given(), "", lang));
        continue;
      }
      const records = (await probe.call("tcpTranscript", { since: mark.seq })).filter((r) => run.names.has(r.conn));
      const since = (o: { total: number; lastChars(n: number): string }, from: number, cap: number) => (o.total > from ? tailOf(o.lastChars(Math.min(cap, o.total - from))) : "");
      const out = since(server.proc!.stdout, printed.out, 400);
      const err = since(server.proc!.stderr, printed.err, 600);
      add(
        c,
        status,
        resultCase(c, status, given(), run.problems.join("\n"), lang, {
          expected: run.expected.join("; "),
          got: run.got.join("; "),
          transcript: streamTranscript(records, run.names, lang, mark.at),
          ...(server.running ? {} : { exit: await server.exitWords() }),
          ...(out ? { stdout: out } : {}),
          ...(err ? { stderr: err } : {}),
        }),
      );
    }
    if (server.restarts) warnings.push(t(lang, "serverRestarted", { how: server.lastEnd, count: server.restarts }));
  } finally {
    await server.stop();
  }
  return { verdicts, warnings };
}

async function outputTail(server: ServerLife): Promise<Partial<ResultCase>> {
  if (!server.proc) return {};
  const err = tailOf(server.proc.stderr.lastChars(600));
  return { ...(server.running ? {} : { exit: await server.exitWords() }), ...(err ? { stderr: err } : {}) };
}
