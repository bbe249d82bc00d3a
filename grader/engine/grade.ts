// Grades one submission for one exercise and returns the one Result object every reporter formats.
import { mark } from "../core/trace.js";
import path from "node:path";
import type { GradeResult, Test } from "../generated/result.js";
import { GraderError, isGraderError } from "../core/errors.js";
import { exerciseIds, loadExercise, maxScore } from "./exercises.js";
import { pick, t, type Lang } from "../core/i18n.js";
import { graderVersion } from "../core/paths.js";
import { describeErrors, validatorFor } from "../core/schemas.js";
import { preloadKind, programsAtOnce, runKind, startsProgramsAtOnce } from "../kinds/index.js";
import type { DriverOutput, LoadedExercise } from "../kinds/types.js";
import { resolvePython, type PythonInfo } from "../python/interpreter.js";
import { toStudentPaths } from "../submission/student-paths.js";
import { assertSubmissionDir, locateEntry, nearMiss, prepareWorkDir, SubmissionProblem, whereFilesAre } from "../submission/workdir.js";
import { round2, scoreChecks } from "../scoring/score.js";
import { redactTests, redactVerdicts, secretCases } from "../scoring/visibility.js";
import { withDurations } from "../scoring/durations.js";
import { loadedCases } from "../kinds/case-file.js";
import { startSession, type SandboxMode } from "../sandbox/open.js";
import { DEFAULT_LIMITS } from "../sandbox/limits.js";
import type { LimitsInForce } from "../sandbox/session.js";
import { contentSeed } from "../generate/seed.js";

export interface GradeOptions {
  lang: Lang;
  /** Python to run student code with (default: python3 from PATH, or $GRADER_PYTHON). */
  python?: string;
  /** Where student code runs (default auto: bubblewrap where it works). */
  sandbox?: SandboxMode;
  /** Run only these checks (ids, or parts of ids). */
  only?: string[];
  /** Another grading follows this one: its sandbox starts now, beside this grading, not after it. */
  moreToCome?: boolean;
  /** The generated cases' seed (default: from the exercise and the content of the submission's code). */
  seed?: number;
  /** How messages name the submission's folder (a batch gives the student's name, not its temp folder). */
  submissionLabel?: string;
  /** A teacher's folder of private checks and cases, laid out like exercises/ (--private, GRADER_PRIVATE). */
  privateDir?: string;
}

/** The exercise narrowed to the checks named by --only (an unknown name is a clear error). */
export function onlyChecks(exercise: LoadedExercise, only: string[] | undefined): LoadedExercise {
  if (!only?.length) return exercise;
  const ids = exercise.data.checks.map((c) => c.id);
  const keep = new Set<string>();
  for (const name of only) {
    const hits = ids.filter((id) => id === name || id.includes(name));
    if (!hits.length) {
      throw new GraderError("BAD_ARGUMENT", "errOnlyUnknown", { exercise: exercise.data.id, name, ids: ids.join(", ") });
    }
    for (const h of hits) keep.add(h);
  }
  return { ...exercise, data: { ...exercise.data, checks: exercise.data.checks.filter((c) => keep.has(c.id)) as typeof exercise.data.checks } };
}

/** GRADER_GENERATED=off grades the fixed cases only: for the bench's comparison, and to debug an exercise's data. */
function withoutGenerated(exercise: LoadedExercise): LoadedExercise {
  // tcp-server has no generated cases (its schema has no `generated`).
  if (process.env.GRADER_GENERATED !== "off" || !("generated" in exercise.data) || !exercise.data.generated) return exercise;
  return { ...exercise, data: { ...exercise.data, generated: [] } };
}

export async function gradeSubmission(exerciseId: string, submissionDir: string, options: GradeOptions): Promise<GradeResult> {
  const started = performance.now();
  mark("gradeSubmission");
  const lang = options.lang;
  const submission = await assertSubmissionDir(submissionDir);
  // The exercise is loaded once per run (the CLI and a batch have it already): its entry file decides
  // whether there is anything to run at all.
  // Which checks and cases are hidden is decided on all of them (`full`), before --only narrows them.
  const full = await loadExercise(exerciseId, undefined, options.privateDir);
  const exercise = withoutGenerated(onlyChecks(full, options.only));
  // No entry file: a graded zero, said plainly, and no sandbox started for it (`grade all` and the
  // gradebook count every exercise of the course, handed in or not).
  if (!locateEntry(submission, exercise.data.id, exercise.data.entry)) return missingResult(exercise, full, submission, options, started);
  preloadKind(exercise.data.kind);
  // The sandbox host takes ~60 ms to start (unless the launcher started one already): start it first, on
  // a still empty work folder, and find Python and copy the submission meanwhile.
  const resolving = resolvePython(options.python);
  resolving.catch(() => {}); // awaited below
  const pending = await startSession(options.sandbox ?? "auto", DEFAULT_LIMITS, lang, { startNext: options.moreToCome, launcherThread: startsProgramsAtOnce(exercise.data.kind), programsAtOnce: programsAtOnce(exercise.data) });
  let python: PythonInfo;
  try {
    python = await resolving;
    mark("python resolved");
  } catch (e) {
    await pending.close();
    throw e;
  }

  let output: DriverOutput;
  const warnings: string[] = [];
  let sandboxName = "none";
  let inForce: LimitsInForce | undefined;
  let seed = options.seed;
  try {
    const work = await prepareWorkDir(submission, exercise.data.id, exercise.data.entry, lang, pending.workDir);
    warnings.push(...work.warnings);
    seed ??= await contentSeed(exercise.data.id, work.dir);
    const session = await pending.finish(python);
    mark("session ready");
    sandboxName = session.name;
    inForce = session.inForce;
    output = await runKind({ exercise, session, lang, seed, submission });
    mark("driver done");
    const base = locateEntry(submission, exercise.data.id, exercise.data.entry)!;
    const shown = options.submissionLabel ? path.join(options.submissionLabel, path.relative(submission, base)) : base;
    output = toStudentPaths(output, [session.workDir, work.dir], shown);
  } catch (e) {
    if (e instanceof SubmissionProblem) output = { verdicts: [], fatal: e.message, warnings: [] };
    else {
      await pending.close();
      if (isGraderError(e)) throw e;
      throw new GraderError("INTERNAL", "errInternal", { problem: `while grading ${submission}: ${(e as Error).stack ?? e}` });
    }
  }
  // The sandbox is taken down while the result is built; the time reported includes both. One turn of
  // the event loop first, so the pipes' ends actually go out before the (synchronous) building.
  const closing = pending.close();
  await new Promise((resolve) => setImmediate(resolve));
  const result = buildResult(exercise, full, submission, python, sandboxName, lang, output, [...pending.warnings, ...warnings, ...output.warnings], seed);
  if (inForce) result.grader.limits = inForce;
  await closing;
  mark("closed");
  result.execution_time = round2((performance.now() - started) / 1000);
  return result;
}

async function missingResult(exercise: LoadedExercise, full: LoadedExercise, submission: string, options: GradeOptions, started: number): Promise<GradeResult> {
  const { id, entry } = exercise.data;
  const dir = options.submissionLabel ?? submission;
  // Where the student's files are instead (ex1/, two copies ...), when that can be told.
  const others = await Promise.all(exerciseIds().map(async (x) => (await loadExercise(x)).data.entry).map((p) => p.catch(() => "")));
  const where = whereFilesAre(submission, id, entry, options.lang, others);
  const missing = t(options.lang, "exerciseMissing", { entry, dir, alt: path.join(dir, id), max: maxScore(exercise.data) });
  // On the first line, which is the one a gradebook note shows.
  const near = nearMiss(submission, id, entry, dir, options.lang);
  const fatal = (where ? missing.replace("\n", ` ${where}\n`) : missing) + (near ? `\n${near}` : "");
  // Python is named in every result; it is resolved once per run (and a missing Python is exit 2 anyway).
  return resolvePython(options.python).then((python) => {
    const result = buildResult(exercise, full, submission, python, "none", options.lang, { verdicts: [], fatal, warnings: [] }, [], undefined);
    result.execution_time = round2((performance.now() - started) / 1000);
    return result;
  });
}

function buildResult(exercise: LoadedExercise, full: LoadedExercise, submission: string, python: PythonInfo, sandbox: string, lang: Lang, output: DriverOutput, warnings: string[], seed: number | undefined): GradeResult {
  // Hidden checks and cases are redacted before anything is scored or formatted (see scoring/visibility.ts).
  const secret = secretCases(full.data.checks, loadedCases(full), output.verdicts, full.private?.caseIds ?? []);
  const verdicts = redactVerdicts(output.verdicts, secret, lang);
  const scored: Test[] = output.fatal
    ? exercise.data.checks.map((c) => ({
        id: c.id,
        name: pick(lang, c.title),
        status: "error",
        score: 0,
        max_score: c.points,
        output: output.fatal!,
        clause: pick(lang, c.clause),
        hint: pick(lang, c.hint),
        cases: [],
      }))
    : scoreChecks(exercise.data.checks, verdicts, lang);
  const tests = withDurations(redactTests(scored, full.data.checks, lang), output.verdicts);
  const declared = full.private ? undefined : full.data.privateChecks;
  const result: GradeResult = {
    schema_version: 1,
    exercise: exercise.data.id,
    exercise_title: pick(lang, exercise.data.title),
    entry: exercise.data.entry,
    submission,
    status: output.fatal ? "error" : "graded",
    score: round2(tests.reduce((s, x) => s + x.score, 0)),
    max_score: maxScore(exercise.data),
    ...(seed !== undefined && "generated" in exercise.data && exercise.data.generated?.length ? { seed } : {}),
    execution_time: 0, // set once the sandbox is down
    lang,
    output: output.fatal ?? "",
    ...(output.location ? { location: output.location } : {}),
    ...(declared ? { private_checks: { count: declared.count, points: declared.points } } : {}),
    warnings,
    grader: { version: graderVersion, python: { executable: python.executable, version: python.version }, sandbox },
    tests,
  };
  const validate = validatorFor("result.schema.json");
  if (!validate(result)) throw new GraderError("INTERNAL", "errInternal", { problem: `the result does not match schemas/result.schema.json: ${describeErrors(validate.errors)}` });
  return result;
}
