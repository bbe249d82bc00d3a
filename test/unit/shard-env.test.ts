// --shard auto (the shard from a Kubernetes Indexed Job's, an AWS Batch array job's, GitLab's or the GitHub
// template's environment) and the Kubernetes template: valid for Kubernetes' own schema, with the same pod
// count everywhere. (Its pods' script run for every index, merged: shard-merge.test.ts.)
import { describe, expect, it } from "vitest";
import { Job } from "kubernetes-models/batch/v1";
import { PersistentVolumeClaim } from "kubernetes-models/v1";
import { parseShard, shardFromEnvironment } from "../../grader/cli/shard.js";
import { kubernetesTemplate } from "../helpers/kubernetes.js";

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

describe("templates/kubernetes/grade-class.yaml", () => {
  it("is valid for Kubernetes' schema (kubernetes-models), an Indexed Job whose pod count agrees everywhere", async () => {
    const docs = await kubernetesTemplate();
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

