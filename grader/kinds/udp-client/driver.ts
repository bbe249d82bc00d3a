// The udp-client kind: the grader is the server. Each case opens a fake server on a free loopback port
// through the probe, runs the program with the exercise's command line (`client.args`, by default
// `python3 ENTRY HOST PORT TEXT`; one or more copies at once), answers the request as the case says (wait,
// decoy, reply), and checks the request, stdout, stderr, exit code and timing. Cases run concurrently, so
// the exercise takes about as long as its slowest case. This file schedules them; the jobs are in:
// command.ts (the command line), case-rules.ts, fake-server.ts and routing.ts, case-run.ts, judge.ts, case-text.ts.
import { setTimeout as sleep } from "node:timers/promises";
import type { Case } from "../../generated/udp-client-cases.js";
import { assertValid, caseProblems, loadCaseFile } from "../case-file.js";
import { selectedCases, type CheckVerdict, type KindDriver, type LoadedExercise } from "../types.js";
import type { UdpClientExercise } from "../../generated/exercise.js";
import { messageValidator } from "../socket/message-shape.js";
import { drawSocketFamilies, familyWarnings, finishFamily, runDrawnCase, socketFamilyProblems, type Drawn, type FamilyRun } from "../socket/generated.js";
import { caseRules, expectedMs, WAITING_MS} from "./case-rules.js";
import { clientSettings, templateProblems } from "./command.js";
import { ClientCases } from "./case-run.js";

const CASE_SCHEMA = "udp-client-cases.schema.json";
/** Between the starts of the waiting cases, longest first; and when the quick ones start (measured on 2 cores:
 * exercise-04 3028 → 2849 ms, exercise-06 5758 → 5597 ms, medians, against 0/0 and 10/50 and 40/200). */
const STAGGER_MS = 20;
const QUICK_AFTER_MS = 80;
const loadCases = (exercise: LoadedExercise) => loadCaseFile<Case>(exercise, CASE_SCHEMA);

export const udpClientDriver: KindDriver<UdpClientExercise> = {
  async validate(exercise) {
    const ex = exercise.data;
    const settings = clientSettings(exercise);
    const rules = caseRules(settings.args);
    const cases = await loadCases(exercise);
    const problems = messageValidator(exercise) ? [] : [`no schema ${ex.messages.schema} in schemas/answers/ nor in the exercise's folder`];
    problems.push(...templateProblems(settings.args));
    for (const c of cases) problems.push(...rules(c));
    problems.push(...socketFamilyProblems<Case>(exercise, cases.map((c) => c.id), CASE_SCHEMA, rules));
    assertValid(exercise, [...problems, ...caseProblems(exercise, cases, [ex.messages.shapeCheck, ex.messages.checksum?.check])]);
  },

  async run(ctx) {
    const cases = selectedCases(ctx.exercise, await loadCases(ctx.exercise), () => [ctx.exercise.data.messages.shapeCheck, ctx.exercise.data.messages.checksum?.check]);
    const limits = ctx.exercise.data.limits;
    const settings = clientSettings(ctx.exercise);
    const probe = ctx.session.probe;
    const ipv6 = (await probe.call("canBind", { host: "::1", port: 0 })).ok;
    const run = new ClientCases(ctx, probe, limits, settings, ipv6);
    const drawn = drawSocketFamilies<Case>(ctx.exercise, ctx.seed, CASE_SCHEMA, caseRules(settings.args), ctx.exercise.data.messages.shapeCheck);
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
    // The longest waits decide how long the grading takes: they start first and a little apart, so their
    // programs do not all start at once on a machine of two cores; the quick cases start after the
    // longest few (they finish in the waits' shadow anyway).
    const pool = (queue: Item[], size: number, staggerMs: number, afterMs = 0) =>
      Array.from({ length: Math.min(size, queue.length) }, async (_, k) => {
        const delay = afterMs + k * staggerMs;
        if (delay > 0) await sleep(delay);
        for (let item = queue.shift(); item; item = queue.shift()) await runItem(item);
      });
    await Promise.all([...pool(waiting, limits.waitingConcurrency ?? 8, STAGGER_MS), ...pool(quick, limits.concurrency ?? 6, 0, waiting.length ? QUICK_AFTER_MS : 0)]);
    // Shrinking reruns the program once per try: the families take turns, each within its own time.
    for (const d of drawn) await finishFamily(familyRun, d, perCase.get(d)!);
    const order = new Map([...cases, ...drawn.flatMap((d) => d.cases.filter((c) => c !== undefined))].map((c, i) => [c.id, i]));
    run.verdicts.sort((a, b) => (order.get(a.detail.id) ?? 0) - (order.get(b.detail.id) ?? 0));
    return { verdicts: run.verdicts, warnings: [...run.warnings, ...run.rerunWarnings(), ...familyWarnings(ctx.lang, drawn)] };
  },
};
