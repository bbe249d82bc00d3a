// --shard i/n, or --shard auto: the shard from the environment of the engine that runs this copy of the
// grader, so that one manifest (one command line) serves every copy.
import { GraderError, type MessageParams } from "../core/errors.js";
import type { MessageKey } from "../core/i18n.js";

/** 1-based: this run grades shard `index` of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Where each engine puts the copy's index and the number of copies. `base` is the index of the first copy.
 * Kubernetes gives an Indexed Job's pods only their index: the manifest passes the Job's completions as
 * GRADER_SHARD_COUNT; AWS Batch reserves its own names, so GRADER_SHARD_COUNT stands in there too when the
 * array size is not in the environment. GRADER_SHARD_INDEX is for any other engine (the GitHub Actions
 * template sets it from strategy.job-index).
 */
export const SHARD_SOURCES = [
  { engine: "Kubernetes Indexed Job", index: "JOB_COMPLETION_INDEX", counts: ["GRADER_SHARD_COUNT"], base: 0 },
  { engine: "AWS Batch array job", index: "AWS_BATCH_JOB_ARRAY_INDEX", counts: ["AWS_BATCH_JOB_ARRAY_SIZE", "GRADER_SHARD_COUNT"], base: 0 },
  { engine: "GitLab CI parallel", index: "CI_NODE_INDEX", counts: ["CI_NODE_TOTAL"], base: 1 },
  { engine: "GRADER_SHARD_INDEX", index: "GRADER_SHARD_INDEX", counts: ["GRADER_SHARD_COUNT"], base: 0 },
] as const;

function badShard(key: MessageKey, params: MessageParams): GraderError {
  return new GraderError("BAD_ARGUMENT", key, params);
}

const whole = (value: string): number | undefined => (/^\s*\d{1,9}\s*$/.test(value) ? Number(value) : undefined);

/** The shard the environment names, with the engine it came from; an error when it is missing, incomplete, out of range or contradictory. */
export function shardFromEnvironment(env: NodeJS.ProcessEnv): Shard & { from: string } {
  const found: (Shard & { from: string })[] = [];
  for (const s of SHARD_SOURCES) {
    const rawIndex = env[s.index];
    if (rawIndex === undefined || rawIndex === "") continue;
    const countVar = s.counts.find((c) => env[c] !== undefined && env[c] !== "");
    if (!countVar) {
      const [count, other] = s.counts as readonly string[];
      throw badShard(other === undefined ? "errShardAutoNoCount" : "errShardAutoNoCounts", { index: s.index, engine: s.engine, count, other: other ?? "" });
    }
    const index = whole(rawIndex);
    const count = whole(env[countVar]!);
    const from = `${s.index}=${rawIndex.trim()}, ${countVar}=${env[countVar]!.trim()}`;
    if (index === undefined || count === undefined || count < 1 || index < s.base || index - s.base >= count) {
      throw badShard("errShardAutoInvalid", { from, engine: s.engine, base: s.base });
    }
    found.push({ index: index - s.base + 1, count, from });
  }
  if (!found.length) {
    const names = SHARD_SOURCES.map((s) => s.index).join(", ");
    throw badShard("errShardAutoNone", { names });
  }
  const differs = found.find((f) => f.index !== found[0].index || f.count !== found[0].count);
  if (differs) {
    throw badShard("errShardAutoConflict", { first: found[0].from, second: differs.from });
  }
  return found[0];
}

/** --shard: "i/n" (1-based), "auto" (from the environment), or nothing (the whole class). */
export function parseShard(text: string | undefined, env: NodeJS.ProcessEnv = process.env): Shard | undefined {
  if (text === undefined) return undefined;
  if (text === "auto") {
    const { index, count } = shardFromEnvironment(env);
    return { index, count };
  }
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new GraderError("BAD_ARGUMENT", "errShard", { text });
  return { index, count };
}
