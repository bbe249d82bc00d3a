// How a program ended, in words for a student.
import type { ProcessOutcome } from "../../runner/process.js";
import { t, type Lang } from "../../core/i18n.js";

export function describeExit(o: ProcessOutcome, lang: Lang): string {
  const parts: string[] = [];
  if (o.spawnError) parts.push(o.spawnError);
  if (o.stdoutCapped || o.stderrCapped) parts.push(t(lang, "outputCapped", { limit: "1 MiB" }));
  if (o.signal) parts.push(t(lang, "killedBySignal", { signal: o.signal }));
  else if (o.exitCode !== null) parts.push(t(lang, "exitCode", { code: o.exitCode }));
  return parts.join(", ");
}
