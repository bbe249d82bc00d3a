// --shard auto (the shard from a Kubernetes Indexed Job's, an AWS Batch array job's, GitLab's or the GitHub
// template's environment) and the Kubernetes template: the manifest is valid for Kubernetes' own schema, its
// pod count agrees everywhere, and its pods' script, run once per index, ends with the same gradebook as
// one run of the whole class.
import { execa } from "execa";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { Job } from "kubernetes-models/batch/v1";
import { PersistentVolumeClaim } from "kubernetes-models/v1";
import { parseShard, shardFromEnvironment } from "../grader/cli/shard.js";
import { grade, root } from "./helpers/cli.js";
import { fixturesDir, listDirs, removeTemps, tempDir } from "./helpers/fixtures.js";

describe("--shard auto reads the engine's environment", () => {
  it.each([
    ["Kubernetes Indexed Job (from 0, count passed in)", { JOB_COMPLETION_INDEX: "0", GRADER_SHARD_COUNT: "4" }, { index: 1, count: 4 }],
    ["Kubernetes, last pod", { JOB_COMPLETION_INDEX: "3", GRADER_SHARD_COUNT: "4" }, { index: 4, count: 4 }],
    ["AWS Batch array job (from 0)", { AWS_BATCH_JOB_ARRAY_INDEX: "2", AWS_BATCH_JOB_ARRAY_SIZE: "5" }, { index: 3, count: 5 }],
    ["AWS Batch, size passed in", { AWS_BATCH_JOB_ARRAY_INDEX: "0", GRADER_SHARD_COUNT: "2" }, { index: 1, count: 2 }],
    ["GitLab parallel (from 1)", { CI_NODE_INDEX: "1", CI_NODE_TOTAL: "3" }, { index: 1, count: 3 }],
    ["GitLab, last job", { CI_NODE_INDEX: "3", CI_NODE_TOTAL: "3" }, { index: 3, count: 3 }],
    ["GitHub template (strategy.job-index from 0)", { GRADER_SHARD_INDEX: "1", GRADER_SHARD_COUNT: "4" }, { index: 2, count: 4 }],
    ["two engines that agree", { CI_NODE_INDEX: "2", CI_NODE_TOTAL: "2", GRADER_SHARD_INDEX: "1", GRADER_SHARD_COUNT: "2" }, { index: 2, count: 2 }],
  ])("%s", (_, env, expected) => {
    expect(parseShard("auto", env)).toEqual(expected);
    expect(shardFromEnvironment(env).from).toMatch(/=/);
  });

  it.each([
    ["nothing set", {}, /found no shard in the environment \(looked for JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX, CI_NODE_INDEX, GRADER_SHARD_INDEX\)/],
    ["an index without a count", { JOB_COMPLETION_INDEX: "1" }, /JOB_COMPLETION_INDEX is set .* set GRADER_SHARD_COUNT/],
    ["an index past the count", { JOB_COMPLETION_INDEX: "4", GRADER_SHARD_COUNT: "4" }, /is not a shard/],
    ["GitLab's 0 (it counts from 1)", { CI_NODE_INDEX: "0", CI_NODE_TOTAL: "3" }, /counts from 1/],
    ["a count of 0", { AWS_BATCH_JOB_ARRAY_INDEX: "0", AWS_BATCH_JOB_ARRAY_SIZE: "0" }, /is not a shard/],
    ["not a number", { CI_NODE_INDEX: "two", CI_NODE_TOTAL: "3" }, /is not a shard/],
    ["a negative index", { GRADER_SHARD_INDEX: "-1", GRADER_SHARD_COUNT: "3" }, /is not a shard/],
    ["two engines that disagree", { CI_NODE_INDEX: "1", CI_NODE_TOTAL: "2", JOB_COMPLETION_INDEX: "1", GRADER_SHARD_COUNT: "2" }, /two different shards/],
  ])("refuses %s", (_, env, message) => {
    expect(() => parseShard("auto", env)).toThrow(message);
  });

  it("an explicit i/n ignores the environment", () => {
    expect(parseShard("2/5", { CI_NODE_INDEX: "1", CI_NODE_TOTAL: "3" })).toEqual({ index: 2, count: 5 });
  });
});

const templatePath = path.join(root, "templates", "kubernetes", "grade-class.yaml");

async function templateDocs(): Promise<Record<string, any>[]> {
  const docs = parseAllDocuments(await readFile(templatePath, "utf8"));
  for (const d of docs) expect(d.errors).toEqual([]);
  return docs.map((d) => d.toJSON());
}

describe("templates/kubernetes/grade-class.yaml", () => {
  it("is valid for Kubernetes' schema (kubernetes-models), an Indexed Job whose pod count agrees everywhere", async () => {
    const docs = await templateDocs();
    const job = docs.find((d) => d.kind === "Job")!;
    const claim = docs.find((d) => d.kind === "PersistentVolumeClaim")!;
    expect(() => new Job(job as never).validate()).not.toThrow();
    expect(() => new PersistentVolumeClaim(claim as never).validate()).not.toThrow();
    expect(job.spec.completionMode).toBe("Indexed");
    // Pod 0 waits for every other shard before merging: all must run at once.
    expect(job.spec.parallelism).toBe(job.spec.completions);
    const container = job.spec.template.spec.containers[0];
    const env = Object.fromEntries(container.env.filter((e: any) => "value" in e).map((e: any) => [e.name, e.value]));
    expect(Number(env.GRADER_SHARD_COUNT)).toBe(job.spec.completions);
    expect(container.args.join("\n")).toMatch(/grade batch .* --shard auto/);
    expect(job.spec.template.spec.volumes[0].persistentVolumeClaim.claimName).toBe(claim.metadata.name);
    expect(claim.spec.accessModes).toEqual(["ReadWriteMany"]);
    // A wrong value is caught by the same validator, so the check above can fail.
    expect(() => new Job({ ...job, spec: { ...job.spec, completions: "four" } } as never).validate()).toThrow();
  });
});

describe("shards merged equal one run", () => {
  let classDir = "";
  let csvOne = "";
  beforeAll(async () => {
    // The reference and every broken variant of exercise-01, twice over (two students with the same code).
    classDir = await tempDir("shard-class-");
    const sources = [path.join(root, "solutions", "exercise-01"), ...(await listDirs(path.join(fixturesDir, "exercise-01"))).map((v) => path.join(fixturesDir, "exercise-01", v))];
    for (const [i, s] of [...sources, ...sources].entries()) await cp(s, path.join(classDir, `student-${String(i).padStart(2, "0")}`), { recursive: true });
    const one = await tempDir("shard-one-");
    const r = await grade(["batch", "exercise-01", classDir, "--out", one], { timeoutMs: 300_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    csvOne = await readFile(path.join(one, "grades.csv"), "utf8");
  }, 300_000);
  afterAll(removeTemps);

  it("the Kubernetes template's pod script, run for every index, merges into the one-run gradebook", { timeout: 300_000 }, async () => {
    const job = (await templateDocs()).find((d) => d.kind === "Job")!;
    const container = job.spec.template.spec.containers[0];
    const count = job.spec.completions as number;
    const data = await tempDir("shard-data-");
    await cp(classDir, path.join(data, "submissions"), { recursive: true });
    // `grade` on PATH, as in the image.
    const bin = await tempDir("shard-bin-");
    await writeFile(path.join(bin, "grade"), `#!/bin/sh\nexec node ${JSON.stringify(path.join(root, "bin", "grade.js"))} "$@"\n`, { mode: 0o755 });
    const pods = Array.from({ length: count }, (_, index) =>
      execa(container.command[0], [...container.command.slice(1), ...container.args], {
        reject: false,
        env: { PATH: `${bin}:${process.env.PATH}`, JOB_COMPLETION_INDEX: String(index), GRADER_SHARD_COUNT: String(count), JOB_UID: "test-run", DATA: data, EXERCISE: "exercise-01" },
        extendEnv: true,
        timeout: 280_000,
      }),
    );
    for (const pod of await Promise.all(pods)) expect(pod.exitCode, pod.stderr).toBe(0);
    expect(await readFile(path.join(data, "gradebook", "grades.csv"), "utf8")).toBe(csvOne);
  });

  it("GitLab's parallel jobs (CI_NODE_INDEX from 1) merged give the one-run gradebook", { timeout: 300_000 }, async () => {
    const outs: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const out = await tempDir("shard-gl-");
      const r = await grade(["batch", "exercise-01", classDir, "--out", out, "--shard", "auto"], { env: { CI_NODE_INDEX: String(i), CI_NODE_TOTAL: "3" }, timeoutMs: 280_000 });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).toContain(`grading shard ${i} of 3 (CI_NODE_INDEX=${i}, CI_NODE_TOTAL=3)`);
      outs.push(out);
    }
    const merged = await tempDir("shard-gl-merged-");
    expect((await grade(["merge", ...outs, "--out", merged])).exitCode).toBe(0);
    expect(await readFile(path.join(merged, "grades.csv"), "utf8")).toBe(csvOne);
  });

  it("--shard auto outside any engine: exit 2 with one line", async () => {
    const out = await tempDir("shard-none-");
    await mkdir(out, { recursive: true });
    const env: Record<string, string> = {};
    const r = await grade(["batch", "exercise-01", classDir, "--out", out, "--shard", "auto"], { env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim()).toMatch(/^grade: --shard auto found no shard in the environment/);
  });
});
