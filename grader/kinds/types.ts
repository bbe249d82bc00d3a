// What every kind driver gets and gives back. A kind knows how to run and check one family of exercises;
// everything specific to one exercise is in that exercise's data.
import type { Exercise, Check } from "../generated/exercise.js";
import type { Case as ResultCase, Status } from "../generated/result.js";
import type { Lang } from "../core/i18n.js";
import type { SandboxSession } from "../sandbox/session.js";

export interface LoadedExercise {
  /** Absolute path of exercises/<id>/. */
  dir: string;
  data: Exercise;
}

/** The verdict of one case for one check. */
export interface CheckVerdict {
  checkId: string;
  status: Status | "skipped";
  detail: ResultCase;
}

export interface DriverContext {
  exercise: LoadedExercise;
  /** Starts the student's programs and owns the probe; its workDir is the submission as they see it. */
  session: SandboxSession;
  lang: Lang;
}

export interface DriverOutput {
  verdicts: CheckVerdict[];
  /** Set when the submission could not be graded at all (e.g. a syntax error): the result gets status "error". */
  fatal?: string;
  warnings: string[];
}

export interface KindDriver {
  /** Checks the exercise's kind-specific data (cases) once; throws GraderError EXERCISE_INVALID. */
  validate(exercise: LoadedExercise): Promise<void>;
  run(ctx: DriverContext): Promise<DriverOutput>;
}

export type { Check };
