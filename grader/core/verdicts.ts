// What a kind driver hands to scoring: one verdict per case and check. Kept here, below both, so scoring
// and the submission code read verdicts without importing the kinds.
import type { Case as ResultCase, Location, Status } from "../generated/result.js";

/** The verdict of one case for one check. */
export interface CheckVerdict {
  checkId: string;
  status: Status | "skipped";
  detail: ResultCase;
  /** Milliseconds the case took (set by timed()): for the check's own time. */
  ms?: number;
}

/** Marks verdicts with the time their case took (a check's time is the sum over its cases). */
export function timed(verdicts: CheckVerdict[], ms: number): CheckVerdict[] {
  for (const v of verdicts) v.ms = ms;
  return verdicts;
}

export interface DriverOutput {
  verdicts: CheckVerdict[];
  /** Set when the submission could not be graded at all (e.g. a syntax error): the result gets status "error". */
  fatal?: string;
  /** Where in the student's code the fatal problem is, when known. */
  location?: Location;
  warnings: string[];
}
