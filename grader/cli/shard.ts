// --shard i/n, or --shard auto: the shard from the environment of the engine that runs this copy of the
// grader, so that one manifest (one command line) serves every copy.
import { GraderError } from "../core/errors.js";

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

function badShard(en: string, zh: string): GraderError {
  return new GraderError("BAD_ARGUMENT", en, { zh });
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
      throw badShard(
        `--shard auto: ${s.index} is set (${s.engine}) but not the number of shards: set ${s.counts.join(" or ")}`,
        `--shard auto：设置了 ${s.index}（${s.engine}），但没有分片总数：请设置 ${s.counts.join(" 或 ")}`,
      );
    }
    const index = whole(rawIndex);
    const count = whole(env[countVar]!);
    const from = `${s.index}=${rawIndex.trim()}, ${countVar}=${env[countVar]!.trim()}`;
    if (index === undefined || count === undefined || count < 1 || index < s.base || index - s.base >= count) {
      throw badShard(
        `--shard auto: ${from} is not a shard (${s.engine} counts from ${s.base}; the number of shards must be at least 1)`,
        `--shard auto：${from} 不是有效的分片（${s.engine} 从 ${s.base} 开始编号；分片总数至少为 1）`,
      );
    }
    found.push({ index: index - s.base + 1, count, from });
  }
  if (!found.length) {
    const names = SHARD_SOURCES.map((s) => s.index).join(", ");
    throw badShard(`--shard auto found no shard in the environment (looked for ${names})`, `--shard auto 在环境变量中找不到分片（查找了 ${names}）`);
  }
  const differs = found.find((f) => f.index !== found[0].index || f.count !== found[0].count);
  if (differs) {
    throw badShard(`--shard auto: the environment names two different shards (${found[0].from}; ${differs.from})`, `--shard auto：环境变量给出了两个不同的分片（${found[0].from}；${differs.from}）`);
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
  if (!m || count < 1 || index < 1 || index > count) throw new GraderError("BAD_ARGUMENT", `Expected --shard to be i/n with 1 <= i <= n (e.g. 2/4) or auto, got \`${text}\``);
  return { index, count };
}
