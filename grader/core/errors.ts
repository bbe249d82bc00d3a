// Typed errors for "the grader could not run" (exit code 2). A student's broken program is never one of these:
// it becomes a graded result with failed or error checks.
export type GraderErrorCode =
  | "EXERCISE_NOT_FOUND"
  | "EXERCISE_INVALID"
  | "SUBMISSION_NOT_FOUND"
  | "PYTHON_NOT_FOUND"
  | "PYTHON_TOO_OLD"
  | "BAD_ARGUMENT"
  | "SANDBOX_UNAVAILABLE"
  | "INTERNAL";

export class GraderError extends Error {
  /** `context.zh`: the message in Chinese, for the errors a student meets (shown under --lang zh). */
  constructor(
    readonly code: GraderErrorCode,
    message: string,
    readonly context: Record<string, unknown> & { zh?: string } = {},
  ) {
    super(message);
    this.name = "GraderError";
  }

  messageIn(lang: "zh" | "en"): string {
    return lang === "zh" && this.context.zh ? this.context.zh : this.message;
  }
}

export function isGraderError(e: unknown): e is GraderError {
  return e instanceof GraderError;
}
