// Generated cases for the socket kinds. A family in exercise.json draws named values (`let`, from the
// generator vocabulary) and fills them into a case template (`case`) written in the kind's own case
// language: the same value goes into what is sent and into what is expected, so the expectation comes
// from the contract itself and no reference program is run. The drivers run the drawn cases exactly as
// their fixed cases; this module draws them, keeps each family within its time, shrinks the first
// failing case of each check (fast-check, as for function calls) and marks every verdict with the seed
// and the command that replays it.
import * as fc from "fast-check";
import type { Arbitrary } from "fast-check";
import type { SocketFamily } from "../../generated/exercise.js";
import { t, type Bilingual, type Lang } from "../../core/i18n.js";
import { describeErrors, validatorFor } from "../../core/schemas.js";
import { drawInputs } from "../../generate/draw.js";
import { familySeed } from "../../generate/seed.js";
import { toArbitrary } from "../../generate/vocabulary.js";
import type { CheckVerdict, LoadedExercise, UdpExercise } from "../types.js";
import { instantiate } from "./template.js";
import { finishGeneratedFamily } from "../generated-family.js";

/** Draws checked when the exercise is validated: enough to catch a template that cannot make a case. */
const VALIDATION_DRAWS = 3;

export interface SocketCase {
  id: string;
  checks: string[];
  why?: Bilingual;
}

export interface Drawn<C extends SocketCase> {
  family: SocketFamily;
  seed: number;
  arb: Arbitrary<unknown>;
  inputs: unknown[];
  /** The case of each input; undefined where the draw made no valid case (see `problems`). */
  cases: (C | undefined)[];
  problems: string[];
  /** The case for an input (a shrinking try gets its own id suffix), or why there is none. */
  make(input: unknown, index: number, idSuffix?: string): C | string;
  /** Set when the family's first case starts. */
  deadline?: number;
}

export interface FamilyRun<C extends SocketCase> {
  exercise: LoadedExercise<UdpExercise>;
  seed: number;
  submission: string;
  lang: Lang;
  /**
   * Runs one case as the fixed cases are run. `record`: its verdicts are the run's own (the objects are
   * annotated in place afterwards); otherwise they are only returned (a shrinking try).
   */
  evaluate(c: C, record: boolean): Promise<CheckVerdict[]>;
  /** Records verdicts with status error for a case that was not run, saying why. */
  notRun(c: C, message: string): CheckVerdict[] | Promise<CheckVerdict[]>;
}

/** The socket families of an exercise that count for a selected check (or feed its message-shape check). */
function familiesFor(exercise: LoadedExercise<UdpExercise>, shapeCheck?: string): SocketFamily[] {
  const selected = new Set(exercise.data.checks.map((c) => c.id));
  const feedsShape = shapeCheck !== undefined && selected.has(shapeCheck);
  return (exercise.data.generated ?? []).filter((f) => feedsShape || f.checks.some((id) => selected.has(id)));
}

/** Makes a family's cases: the template filled with one draw, checked against the kind's case schema and rules. */
function maker<C extends SocketCase>(exercise: LoadedExercise<UdpExercise>, family: SocketFamily, caseSchema: string, rules: (c: C) => string[]): Drawn<C>["make"] {
  const validate = validatorFor(`${caseSchema}#/definitions/case`);
  return (input, index, idSuffix = "") => {
    let body: unknown;
    try {
      // Local names carry the case number (a family runs on a server of its own): a shrinking try of case
      // i reuses case i's sockets. "b" → "b8"; a name ending in a digit gets a letter between ("b1" → "b1n8").
      const local = (name: string) => `${name}${/\d$/.test(name) ? "n" : ""}${index + 1}`;
      body = instantiate(family.case, { vars: input as Record<string, unknown>, local });
    } catch (e) {
      return `family ${family.id}: ${(e as Error).message}`;
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) return `family ${family.id}: the case template does not make an object`;
    const c = { ...(family.why ? { why: family.why } : {}), ...body, id: `${family.id}-${index + 1}${idSuffix}`, checks: family.checks } as unknown as C;
    if (!validate(c)) return `family ${family.id}: a drawn case is not valid: ${describeErrors(validate.errors)}`;
    const problems = rules(c);
    return problems.length ? `family ${family.id}: ${problems.join("; ")}` : c;
  };
}

function arbitraryOf(exercise: LoadedExercise<UdpExercise>, family: SocketFamily): Arbitrary<unknown> {
  const lets = Object.entries(family.let ?? {}).map(([name, g]) => [name, toArbitrary(g, exercise.data.generators)] as const);
  return fc.record(Object.fromEntries(lets));
}

/**
 * Problems of the exercise's socket families, for the driver's validate() (the kind's schema already gave
 * each a case template and no function-call fields): each names known checks, makes ids no fixed case has,
 * and its first draws make valid cases.
 */
export function socketFamilyProblems<C extends SocketCase>(exercise: LoadedExercise<UdpExercise>, fixedIds: string[], caseSchema: string, rules: (c: C) => string[]): string[] {
  const problems: string[] = [];
  const checkIds = new Set(exercise.data.checks.map((c) => c.id));
  const ids = new Set<string>();
  for (const family of exercise.data.generated ?? []) {
    if (ids.has(family.id)) problems.push(`family ${family.id} appears twice`);
    ids.add(family.id);
    for (const id of family.checks) if (!checkIds.has(id)) problems.push(`family ${family.id} names unknown check ${id}`);
    const clash = fixedIds.find((id) => new RegExp(`^${family.id}-\\d+$`).test(id));
    if (clash) problems.push(`family ${family.id}: its case ids would clash with case ${clash}`);
    try {
      const make = maker<C>(exercise, family, caseSchema, rules);
      const inputs = drawInputs(arbitraryOf(exercise, family), 0, Math.min(VALIDATION_DRAWS, family.count));
      for (const [i, input] of inputs.entries()) {
        const c = make(input, i);
        if (typeof c === "string") problems.push(c);
      }
    } catch (e) {
      problems.push(`family ${family.id}: ${(e as Error).message}`);
    }
  }
  return [...new Set(problems)];
}

/** Draws every selected family's cases from the run's seed (each family from its own stream). */
export function drawSocketFamilies<C extends SocketCase>(exercise: LoadedExercise<UdpExercise>, seed: number, caseSchema: string, rules: (c: C) => string[], shapeCheck?: string): Drawn<C>[] {
  return familiesFor(exercise, shapeCheck).map((family) => drawFamily(exercise, family, seed, caseSchema, rules));
}

/**
 * The same draw, one family per turn of the event loop: programs already started (a driver's first cases)
 * keep being served while the inputs are drawn (~50 ms of fast-check for exercise-03).
 */
export async function drawSocketFamiliesInTurns<C extends SocketCase>(exercise: LoadedExercise<UdpExercise>, seed: number, caseSchema: string, rules: (c: C) => string[], shapeCheck?: string): Promise<Drawn<C>[]> {
  const drawn: Drawn<C>[] = [];
  for (const family of familiesFor(exercise, shapeCheck)) {
    await new Promise((resolve) => setImmediate(resolve));
    drawn.push(drawFamily(exercise, family, seed, caseSchema, rules));
  }
  return drawn;
}

function drawFamily<C extends SocketCase>(exercise: LoadedExercise<UdpExercise>, family: SocketFamily, seed: number, caseSchema: string, rules: (c: C) => string[]): Drawn<C> {
  const fseed = familySeed(seed, family.id);
  const arb = arbitraryOf(exercise, family);
  const inputs = drawInputs(arb, fseed, family.count);
  const make = maker<C>(exercise, family, caseSchema, rules);
  const problems: string[] = [];
  const cases = inputs.map((input, i) => {
    const c = make(input, i);
    if (typeof c === "string") problems.push(c);
    return typeof c === "string" ? undefined : c;
  });
  return { family, seed: fseed, arb, inputs, cases, problems, make };
}

/** Warnings for drawn cases left out because the family's data could not make them (a grader problem). */
export function familyWarnings(lang: Lang, drawn: Drawn<SocketCase>[]): string[] {
  return drawn.filter((d) => d.problems.length).map((d) => t(lang, "warnReference", { n: d.problems.length, problem: d.problems[0] }));
}

/** Runs one drawn case, unless its family's time is up (then it counts as an error: a slow program must not dodge it). */
export async function runDrawnCase<C extends SocketCase>(run: FamilyRun<C>, d: Drawn<C>, c: C): Promise<CheckVerdict[]> {
  d.deadline ??= performance.now() + d.family.seconds * 1000;
  if (performance.now() > d.deadline) return run.notRun(c, t(run.lang, "generatedTimeUp", { seconds: d.family.seconds }));
  return run.evaluate(c, true);
}

/** Runs a family's cases one after the other, then finishes it (shrinking and marking). */
export async function runFamilyInOrder<C extends SocketCase>(run: FamilyRun<C>, d: Drawn<C>): Promise<void> {
  const perCase: CheckVerdict[][] = [];
  for (const c of d.cases) perCase.push(c ? await runDrawnCase(run, d, c) : []);
  await finishFamily(run, d, perCase);
}

/**
 * After a family's cases ran (`perCase[i]`: the recorded verdicts of case i): shrinks the first failing case
 * of each check while the family's time lasts, and marks every verdict with its family, index, seed and
 * replay command. The verdict objects are the run's own and are changed in place.
 */
export async function finishFamily<C extends SocketCase>(run: FamilyRun<C>, d: Drawn<C>, perCase: CheckVerdict[][]): Promise<void> {
  await finishGeneratedFamily(
    {
      familyId: d.family.id,
      checks: d.family.checks,
      arb: d.arb,
      familySeed: d.seed,
      inputs: d.inputs,
      deadline: d.deadline ?? performance.now() + d.family.seconds * 1000,
      seed: run.seed,
      exerciseId: run.exercise.data.id,
      submission: run.submission,
      lang: run.lang,
      separator: "\n",
      caseId: (i) => d.cases[i]!.id,
      judge: async (input, i, checkId) => {
        const c = d.make(input, i, "-shrink");
        return typeof c === "string" ? undefined : (await run.evaluate(c, false)).find((x) => x.checkId === checkId);
      },
    },
    perCase,
  );
}
