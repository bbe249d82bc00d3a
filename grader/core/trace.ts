// GRADER_TRACE=1: one line on stderr per step of a grading, with the milliseconds since the process started
// (performance.now()): where a grading's time goes, without a profiler.
const on = Boolean(process.env.GRADER_TRACE);

export function mark(step: string): void {
  if (on) process.stderr.write(`[trace ${performance.now().toFixed(1).padStart(7)} ms] ${step}\n`);
}
