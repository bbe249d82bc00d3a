// Shards merged equal one run: the Kubernetes template's pod script run once per index (as the Indexed
// Job's pods would), and GitLab's parallel jobs, each with `grade batch --shard auto`.
import { execa } from "execa";
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grade, root } from "./helpers/cli.js";
import { fixturesDir, listDirs, removeTemps, tempDir } from "./helpers/fixtures.js";
import { kubernetesTemplate } from "./helpers/kubernetes.js";

const NO_SANDBOX = { GRADER_SANDBOX: "none" };

describe("shards merged equal one run", () => {
  let classDir = "";
  let csvOne = "";
  beforeAll(async () => {
    // The reference and broken variants of exercise-01, one student each.
    classDir = await tempDir("shard-class-");
    // A dozen: one of the Kubernetes template's 4 shards draws no student (merged all the same). The sandbox
    // is not the subject here.
    const variants = (await listDirs(path.join(fixturesDir, "exercise-01"))).slice(0, 11);
    const sources = [path.join(root, "solutions", "exercise-01"), ...variants.map((v) => path.join(fixturesDir, "exercise-01", v))];
    for (const [i, s] of sources.entries()) await cp(s, path.join(classDir, `student-${String(i).padStart(2, "0")}`), { recursive: true });
    const one = await tempDir("shard-one-");
    const r = await grade(["batch", "exercise-01", classDir, "--out", one], { env: NO_SANDBOX, timeoutMs: 300_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    csvOne = await readFile(path.join(one, "grades.csv"), "utf8");
  }, 300_000);
  afterAll(removeTemps);

  it("the Kubernetes template's pod script, run for every index, merges into the one-run gradebook", { timeout: 300_000 }, async () => {
    const job = (await kubernetesTemplate()).find((d) => d.kind === "Job")!;
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
        env: { ...NO_SANDBOX, PATH: `${bin}:${process.env.PATH}`, JOB_COMPLETION_INDEX: String(index), GRADER_SHARD_COUNT: String(count), JOB_UID: "test-run", DATA: data, EXERCISE: "exercise-01" },
        extendEnv: true,
        timeout: 280_000,
      }),
    );
    const ended = await Promise.all(pods);
    const logs = ended.map((pod, i) => `pod ${i}: exit ${pod.exitCode}\n${pod.stderr}`).join("\n");
    for (const pod of ended) expect(pod.exitCode, logs).toBe(0);
    expect(await readFile(path.join(data, "gradebook", "grades.csv"), "utf8")).toBe(csvOne);
    // The edge case is really there: a shard without any student.
    const shards = path.join(data, "shards", "test-run");
    const empty = Array.from({ length: count }, (_, i) => path.join(shards, `shard-${i}`)).filter((d) => !existsSync(path.join(d, "results")));
    expect(empty.length).toBeGreaterThan(0);
  });

  it("GitLab's parallel jobs (CI_NODE_INDEX from 1) merged give the one-run gradebook", { timeout: 300_000 }, async () => {
    const outs: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const out = await tempDir("shard-gl-");
      const r = await grade(["batch", "exercise-01", classDir, "--out", out, "--shard", "auto"], { env: { ...NO_SANDBOX, CI_NODE_INDEX: String(i), CI_NODE_TOTAL: "3" }, timeoutMs: 280_000 });
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
