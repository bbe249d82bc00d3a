// How a program ended, in words for a student.
import type { ProcessOutcome } from "../../runner/process.js";
import { t, type Lang } from "../../core/i18n.js";
import { limitsHit, type ResourceLimits } from "../../sandbox/limits.js";

/** "exit code 1", "killed by signal SIGXCPU, used more than 30 s of CPU time", ... */
export function describeExit(o: ProcessOutcome, limits: ResourceLimits, lang: Lang): string {
  const parts: string[] = [];
  if (o.spawnError) parts.push(o.spawnError);
  if (o.signal) parts.push(t(lang, "killedBySignal", { signal: o.signal }));
  else if (o.exitCode !== null) parts.push(t(lang, "exitCode", { code: o.exitCode }));
  parts.push(...limitsHit(o, limits, lang));
  return parts.join(", ");
}
