import type { GradeResult } from "../../generated/result.js";

/** Everything a batch produced, read back from its output folder: the class-level views format this. */
export interface ClassResults {
  exercises: { id: string; title: string; max: number }[];
  students: string[];
  /** results[student][exercise] */
  results: Map<string, Map<string, GradeResult>>;
  /** A student whose submission could not be graded at all (a refused zip, no exercise found). */
  problems: Map<string, string>;
}
