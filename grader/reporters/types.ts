import type { GradeResult } from "../generated/result.js";

export interface ReporterOptions {
  color: boolean;
  /** Show every failed case of a failed check in full (default: the first few). */
  verbose?: boolean;
}

/** A reporter formats finished results; it never grades. */
export interface Reporter {
  description: string;
  render(result: GradeResult, options: ReporterOptions): string;
}
