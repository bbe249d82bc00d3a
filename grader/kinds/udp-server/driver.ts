// The udp-server kind: the grader is the client. Each launch in exercise.json is one run of
// `python3 ENTRY HOST PORT`; its cases are steps sent from named grader sockets through the probe, and
// each reply is checked against the case's pattern and the exercise's message schema.
import type { Case } from "../../generated/udp-server-cases.js";
import { t } from "../../core/i18n.js";
import { assertValid, caseProblems, loadCaseFile } from "../case-file.js";
import { selectedCases, type DriverContext, type KindDriver, type LoadedExercise } from "../types.js";
import { messageValidator } from "../socket/message-shape.js";
import { drawSocketFamiliesInTurns, familyWarnings, socketFamilyProblems, type Drawn } from "../socket/generated.js";
import { caseRules, socketDeclarationProblems } from "./case-rules.js";
import { LaunchRun } from "./launch-run.js";
import { serversPerLaunch } from "./servers-per-launch.js";
import type { Launch } from "./sockets.js";
import type { UdpServerExercise } from "../../generated/exercise.js";

export { socketDeclarationProblems };

const CASE_SCHEMA = "udp-server-cases.schema.json";
const loadCases = (exercise: LoadedExercise<UdpServerExercise>) => loadCaseFile<Case>(exercise, CASE_SCHEMA);
/** The largest UDP payload over IPv4. */

export const udpServerDriver: KindDriver<UdpServerExercise> = {
  async validate(exercise) {
    const ex = exercise.data;
    const cases = await loadCases(exercise);
    const problems = [];
    if (!messageValidator(exercise)) problems.push(`no schema ${ex.messages.schema} in schemas/answers/ nor in the exercise's folder`);
    for (const c of cases) problems.push(...caseRules(exercise, c));
    for (const f of ex.generated ?? []) if (typeof f.case.launch !== "string") problems.push(`family ${f.id}: "launch" must be written out in its case template`);
    problems.push(...socketFamilyProblems<Case>(exercise, cases.map((c) => c.id), CASE_SCHEMA, (c) => caseRules(exercise, c)));
    problems.push(...socketDeclarationProblems(cases, new Map(ex.launches.map((l) => [l.id, l.host]))));
    assertValid(exercise, [...problems, ...caseProblems(exercise, cases, [ex.messages.shapeCheck])]);
  },

  async run(ctx) {
    const cases = selectedCases(ctx.exercise, await loadCases(ctx.exercise), () => [ctx.exercise.data.messages.shapeCheck]);
    const launches: Launch[] = ctx.exercise.data.launches;
    const deadline = performance.now() + ctx.exercise.data.limits.totalSeconds * 1000;
    const casesOf = (l: Launch) => cases.filter((c) => c.launch === l.id);
    // Launches are independent servers on their own ports, and so are the chains a launch's cases are
    // split into: each chain runs on a server of its own, side by side. The cases that must wait out a
    // silence (a datagram that must get no reply) get a chain of their own where a silence may last its
    // whole replySeconds, so their waits overlap the rest; the other fixed cases and the generated families
    // are shared out among `servers` chains, the biggest first (a family stays in one chain: it runs in order and shrinks there). Not one server per
    // case: a dozen servers at once starved each other on a busy machine.
    // The waiting chains decide how long the grading takes and need no drawn case: they start first, and the
    // generated inputs are drawn (fast-check, on this thread) one family per turn while their servers start.
    // Where the probe can tell a datagram nobody could take, a silence ends at once for a correct server:
    // those cases then join the shared chains (a chain of their own would cost a server's start).
    const silencesEnd = (await ctx.session.probe.call("canTellUnheard", {})).ok;
    const ownChain = (c: Case) => !silencesEnd && waitsForSilence(c);
    const waits = launches.map((l) => (silencesEnd ? undefined : waitingChain(ctx, l, casesOf(l), deadline)));
    const waiting = waits.map((w) => w?.run());
    for (const w of waiting) w?.catch(() => {}); // awaited below; the drawing takes turns of the event loop first
    let drawn: Drawn<Case>[];
    try {
      drawn = await drawSocketFamiliesInTurns<Case>(ctx.exercise, ctx.seed, CASE_SCHEMA, (c) => caseRules(ctx.exercise, c), ctx.exercise.data.messages.shapeCheck);
    } catch (e) {
      await Promise.allSettled(waiting); // each stops its server as it ends
      throw e;
    }
    const running = launches.flatMap((l, i) => [
      ...(waiting[i] ? [waiting[i]] : []),
      ...sharedChains(ctx, l, casesOf(l).filter((c) => !ownChain(c)), drawn.filter((d) => d.family.case.launch === l.id), deadline).map((r) => r.run()),
    ]);
    const outputs = await Promise.all(running);
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

/** The chain of a launch's cases that wait out a silence, if it has any. */
function waitingChain(ctx: DriverContext<UdpServerExercise>, launch: Launch, cases: Case[], deadline: number): LaunchRun | undefined {
  const waiting = cases.filter(waitsForSilence);
  return waiting.length ? new LaunchRun(ctx, { id: `${launch.id}-waits`, host: launch.host }, waiting, deadline) : undefined;
}

/** A launch's other cases (`quick`) and its families, split into chains that each run on a server of their own. */
function sharedChains(ctx: DriverContext<UdpServerExercise>, launch: Launch, quick: Case[], families: Drawn<Case>[], deadline: number): LaunchRun[] {
  const servers = serversPerLaunch(ctx.exercise.data);
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
  return bins.map((b, i) => new LaunchRun(ctx, { id: i === 0 ? launch.id : `${launch.id}-${i + 1}`, host: launch.host }, b.cases, deadline, b.families));
}

/** Fewer cases than this in a chain cost more in a server's start than they save. */
const MIN_CHAIN = 12;
