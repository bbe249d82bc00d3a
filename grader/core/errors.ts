// Typed errors for "the grader could not run" (exit code 2). A student's broken program is never one of these:
// it becomes a graded result with failed or error checks.
import { hasMessage, t, type Lang, type MessageKey } from "./i18n.js";

export type GraderErrorCode =
  | "EXERCISE_NOT_FOUND"
  | "EXERCISE_INVALID"
  | "SUBMISSION_NOT_FOUND"
  | "PYTHON_NOT_FOUND"
  | "PYTHON_TOO_OLD"
  | "BAD_ARGUMENT"
  | "SANDBOX_UNAVAILABLE"
  | "INTERNAL";

export type MessageParams = Record<string, string | number>;

/**
 * `new GraderError(code, key, params)`: the message is a key of the catalogue (grader/core/i18n.ts), so it
 * is said in the reader's language (`messageIn`); `.message` is the English text, for logs and stacks.
 */
export class GraderError extends Error {
  constructor(
    readonly code: GraderErrorCode,
    readonly key: MessageKey,
    readonly params: MessageParams = {},
  ) {
    // A key that is not in the catalogue (an older call passing its text) still reads as that text.
    super(hasMessage(key) ? t("en", key, params) : String(key));
    this.name = "GraderError";
  }

  messageIn(lang: Lang): string {
    return hasMessage(this.key) ? t(lang, this.key, this.params) : this.message;
  }
}

export function isGraderError(e: unknown): e is GraderError {
  return e instanceof GraderError;
}
