// What every kind driver gets and gives back. A kind knows how to run and check one family of exercises;
// everything specific to one exercise is in that exercise's data.
import type { Exercise, Check } from "../generated/exercise.js";
import type { Lang } from "../core/i18n.js";
import type { SandboxSession } from "../sandbox/session.js";
import { timed, type CheckVerdict, type DriverOutput } from "../core/verdicts.js";

/** The kinds the grader knows (exercise.json's `kind`). */
export type Kind = Exercise["kind"];
/** exercise.json of one kind (schemas/exercise/<kind>.schema.json): its own settings and limits, all typed. */
export type ExerciseOf<K extends Kind> = Extract<Exercise, { kind: K }>;
/** The UDP kinds, which share grader/kinds/socket/ (message schema, generated families). */
export type UdpExercise = ExerciseOf<"udp-server" | "udp-client">;

/** An exercise as loaded; E narrows it to one kind (what that kind's driver receives). */
export interface LoadedExercise<E extends Exercise = Exercise> {
  /** Absolute path of exercises/<id>/. */
  dir: string;
  /** With a teacher's private folder: its checks already merged in. */
  data: E;
  /** The private folder's part of this exercise (its cases are appended by the case-file loader). */
  private?: PrivatePart;
  /** The build validated these files as they are (checked-at-build.ts): the case file needs no schema check again. */
  checkedAtBuild?: true;
}

/**
 * With `--only`, the exercise's checks are narrowed: a case runs when it counts for one still there,
 * including a shape check it feeds without naming it (`implicit`).
 */
export function selectedCases<T extends { checks: string[] }>(exercise: LoadedExercise, cases: T[], implicit: (c: T) => (string | undefined)[] = () => []): T[] {
  const ids = new Set(exercise.data.checks.map((c) => c.id));
  return cases.filter((c) => [...c.checks, ...implicit(c)].some((id) => id !== undefined && ids.has(id)));
}


export interface DriverContext<E extends Exercise = Exercise> {
  exercise: LoadedExercise<E>;
  /** Starts the student's programs and owns the probe; its workDir is the submission as they see it. */
  session: SandboxSession;
  lang: Lang;
  /** Seeds the generated cases (from the code's content, or --seed). */
  seed: number;
  /** The submission folder as given: for the command that replays a generated case. */
  submission: string;
}


/** The driver of one kind: it receives only exercises of its kind, typed as such. */
export interface KindDriver<E extends Exercise = Exercise> {
  /** Checks the exercise's kind-specific data (cases) once; throws GraderError EXERCISE_INVALID. */
  // Properties, not methods: their parameters are then checked strictly (a driver of another kind does not fit).
  validate: (exercise: LoadedExercise<E>) => Promise<void>;
  run: (ctx: DriverContext<E>) => Promise<DriverOutput>;
}

export type { Check };
export type { CheckVerdict, DriverOutput };
export { timed };

/** Where an exercise's private part came from: named in every error about it. */
export interface PrivatePart {
  /** DIR/<id>/exercise.json */
  file: string;
  /** The private case file, when there is one, and its content (validated by the kind's case schema when the cases load). */
  casesFile?: string;
  casesData?: unknown;
  /** The ids of its cases: their data is never shown, in any check (see grader/scoring/visibility.ts). */
  caseIds: string[];
}

