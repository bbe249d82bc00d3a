// Generated cases for the function-call kind: each family in exercise.json draws fresh inputs from its
// seeded generator, asks the reference solution what they should give, and judges the student's answers
// with the same judge as the fixed cases. The first failing input of each check is shrunk (fast-check) to a
// smaller one that still fails, and that one is what the feedback shows, with the command that replays it.
import { existsSync } from "node:fs";
import path from "node:path";
import * as fc from "fast-check";
import type { Arbitrary } from "fast-check";
import { solutionsDir } from "../../core/paths.js";
import type { FunctionCallExercise, FunctionFamily } from "../../generated/exercise.js";
import type { Case } from "../../generated/function-cases.js";
import { t, type Lang } from "../../core/i18n.js";
import { drawInputs } from "../../generate/draw.js";
import { familySeed } from "../../generate/seed.js";
import { toArbitrary } from "../../generate/vocabulary.js";
import type { CheckVerdict, LoadedExercise } from "../types.js";
import type { ReferenceAnswer, ReferenceOracle } from "./reference.js";
import { finishGeneratedFamily } from "../generated-family.js";


/** Calls sent to the student's harness in one request, fixed and generated cases alike (one round trip instead of two each). */
export const BATCH_CALLS = 50;

interface Drawn {
  family: FunctionFamily;
  seed: number;
  arb: Arbitrary<unknown>;
  inputs: unknown[][];
  /** The reference's answers, asked for while the fixed cases run. */
  answers: Promise<ReferenceAnswer[]>;
}

export interface GeneratedRun {
  exercise: LoadedExercise<FunctionCallExercise>;
  seed: number;
  submission: string;
  lang: Lang;
  oracle: ReferenceOracle;
  /** Runs one case through the student's code, as the fixed cases are. */
  evaluate(c: Case): Promise<CheckVerdict[]>;
  /** Runs many at once where it can; a case not started before `deadline` comes back undefined. */
  evaluateMany(cases: Case[], deadline: number): Promise<(CheckVerdict[] | undefined)[]>;
}

/** What is wrong with the exercise's families (for its validation): names, calls, generators, the reference. */
export function familyProblems(exercise: LoadedExercise<FunctionCallExercise>, checkIds: Set<string>): string[] {
  const ex = exercise.data;
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const f of ex.generated ?? []) {
    if (ids.has(f.id)) problems.push(`generated family ${f.id} appears twice`);
    ids.add(f.id);
    if (!(f.call in ex.functions)) problems.push(`generated family ${f.id}: call ${f.call} is not in \`functions\``);
    for (const id of f.checks) if (!checkIds.has(id)) problems.push(`generated family ${f.id} counts for ${id}, which is not a check`);
    try {
      for (const g of f.args) toArbitrary(g, ex.generators);
    } catch (e) {
      problems.push(`generated family ${f.id}: ${(e as Error).message}`);
    }
  }
  if (ex.generated?.length && !existsSync(path.join(solutionsDir, ex.id, ex.entry))) problems.push(`generated cases need the reference solution solutions/${ex.id}/${ex.entry}`);
  return problems;
}

/** The families that count for a check still selected (--only), with their inputs drawn. */
export function drawFamilies(run: Omit<GeneratedRun, "evaluate">): Drawn[] {
  const ex = run.exercise.data;
  const selected = new Set(ex.checks.map((c) => c.id));
  return (ex.generated ?? [])
    .filter((f) => f.checks.some((id) => selected.has(id)))
    .map((family) => {
      const seed = familySeed(run.seed, family.id);
      const arb = fc.tuple(...family.args.map((g) => toArbitrary(g, ex.generators)));
      const inputs = drawInputs(arb, seed, family.count) as unknown[][];
      const answers = run.oracle.answerMany(family.call, inputs);
      answers.catch(() => {});
      return { family, seed, arb, inputs, answers };
    });
}

export async function runFamilies(run: GeneratedRun, drawn: Drawn[]): Promise<{ verdicts: CheckVerdict[]; warnings: string[] }> {
  const verdicts: CheckVerdict[] = [];
  const warnings: string[] = [];
  for (const d of drawn) {
    const out = await runFamily(run, d);
    verdicts.push(...out.verdicts);
    if (out.problem) warnings.push(t(run.lang, "warnReference", { n: out.left, problem: out.problem }));
  }
  return { verdicts, warnings };
}

async function runFamily(run: GeneratedRun, d: Drawn): Promise<{ verdicts: CheckVerdict[]; problem?: string; left: number }> {
  const { family } = d;
  const deadline = performance.now() + family.seconds * 1000;
  const answers = await d.answers;
  const caseFor = (args: unknown[], i: number, expect: Case["expect"]): Case => ({
    id: `${family.id}-${i + 1}`,
    checks: family.checks,
    call: family.call,
    args,
    expect,
    ...(family.why ? { why: family.why } : {}),
  });
  const perInput: CheckVerdict[][] = d.inputs.map(() => []);
  let problem: string | undefined;
  let left = 0;
  const toRun: { i: number; c: Case }[] = [];
  for (const [i, args] of d.inputs.entries()) {
    const answer = answers[i];
    if ("problem" in answer) {
      // The reference itself could not answer: a grader problem, never the student's loss.
      problem ??= answer.problem;
      left++;
    } else toRun.push({ i, c: caseFor(args, i, answer.expect) });
  }
  const timeUp = (c: Case): CheckVerdict[] => {
    const detail = { id: c.id, status: "error" as const, given: `${family.call}(${JSON.stringify(c.args)})`, message: t(run.lang, "generatedTimeUp", { seconds: family.seconds }) };
    return family.checks.map((checkId) => ({ checkId, status: "error", detail }));
  };
  for (let start = 0; start < toRun.length; start += BATCH_CALLS) {
    const chunk = toRun.slice(start, start + BATCH_CALLS);
    const results = performance.now() > deadline ? [] : await run.evaluateMany(chunk.map((x) => x.c), deadline);
    for (const [k, { i, c }] of chunk.entries()) perInput[i] = results[k] ?? timeUp(c);
  }

  await finishGeneratedFamily(
    {
      familyId: family.id,
      checks: family.checks,
      arb: d.arb,
      familySeed: d.seed,
      inputs: d.inputs,
      deadline,
      seed: run.seed,
      exerciseId: run.exercise.data.id,
      submission: run.submission,
      lang: run.lang,
      separator: " ",
      caseId: (i) => `${family.id}-${i + 1}`,
      judge: async (input, i, checkId) => {
        const args = input as unknown[];
        const answer = await run.oracle.answer(family.call, args);
        if ("problem" in answer) return undefined;
        return (await run.evaluate(caseFor(args, i, answer.expect))).find((x) => x.checkId === checkId);
      },
    },
    perInput,
  );
  const verdicts = perInput.flat();
  return { verdicts, problem, left };
}
