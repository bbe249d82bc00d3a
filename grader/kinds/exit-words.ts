// How a program ended, in words for a student: one place for every kind.
import type { ProcessOutcome } from "../runner/process.js";
import { t, type Lang } from "../core/i18n.js";
import { limitsHit, type ResourceLimits } from "../sandbox/limits.js";

/** "exit code 1", "killed by signal SIGXCPU, used more than 30 s of CPU time", ... */
export function describeExit(o: ProcessOutcome, limits: ResourceLimits, lang: Lang): string {
  const parts: string[] = [];
  if (o.spawnError) parts.push(o.spawnError);
  if (o.timedOut) parts.push(t(lang, "programKilled", { seconds: (o.durationMs / 1000).toFixed(1) }));
  else if (o.signal) parts.push(t(lang, "killedBySignal", { signal: o.signal }));
  // 120 is CPython's own code for "could not flush stdout/stderr at exit" (e.g. the module closed fds 0-2).
  else if (o.exitCode === 120) parts.push(t(lang, "exitCode120"));
  else if (o.exitCode !== null) parts.push(t(lang, "exitCode", { code: o.exitCode }));
  parts.push(...limitsHit(o, limits, lang));
  if (o.memoryGroupKilled) parts.push(t(lang, "limitGroupMemory", { mib: limits.groupMemoryMiB }));
  return parts.join(t(lang, "itemSeparator"));
}

/** describeExit, and how long it ran: "exit code 2 after 2.01 s". */
export function describeExitWithTime(o: ProcessOutcome, limits: ResourceLimits, lang: Lang): string {
  // A program stopped at its time limit says how long already ("still running after 6.0 s, stopped").
  if (o.timedOut) return describeExit(o, limits, lang);
  return t(lang, "ranFor", { how: describeExit(o, limits, lang), seconds: (o.durationMs / 1000).toFixed(2) });
}
