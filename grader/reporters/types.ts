import type { GradeResult } from "../generated/result.js";

export interface ReporterOptions {
  color: boolean;
  /** Show every failed case of a failed check in full (default: the first few). */
  verbose?: boolean;
  /** Folder the paths in annotations are relative to (the repository root in CI). */
  cwd?: string;
  /** List only the checks that did not pass (--watch). */
  failedOnly?: boolean;
  /** Lines the short view of one exercise may take (default 40: one screen). */
  screenLines?: number;
}

/** A reporter formats finished results (one per exercise graded); it never grades. */
export interface Reporter {
  description: string;
  render(results: GradeResult[], options: ReporterOptions): string;
}
