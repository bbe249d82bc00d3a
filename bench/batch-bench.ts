// Batch throughput: 100 submissions of exercise-01 (references and broken variants) graded with
// --jobs 1, 4 and 8; prints submissions per minute and the speed-up over one job.
import { execa } from "execa";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../grader/core/paths.js";

const COUNT = Number(process.env.BENCH_SUBMISSIONS ?? 100);
const bin = path.join(projectRoot, "bin", "grade.js");

async function makeClass(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "bench-class-"));
  const variants = (await readdir(path.join(projectRoot, "test", "fixtures", "exercise-01"))).map((v) => path.join(projectRoot, "test", "fixtures", "exercise-01", v));
  const sources = [path.join(projectRoot, "solutions", "exercise-01"), ...variants];
  for (let i = 0; i < COUNT; i++) await cp(sources[i % sources.length], path.join(dir, `student-${String(i).padStart(3, "0")}`), { recursive: true });
  return dir;
}

export async function batchBench(): Promise<string[]> {
  const dir = await makeClass();
  const lines = [`batch: ${COUNT} submissions of exercise-01 (sandbox: ${process.env.GRADER_SANDBOX ?? "auto"})`, "jobs  seconds  submissions/min  speed-up"];
  let base = 0;
  try {
    for (const jobs of [1, 4, 8]) {
      const out = await mkdtemp(path.join(os.tmpdir(), "bench-out-"));
      const start = performance.now();
      await execa("node", [bin, "batch", "exercise-01", dir, "--out", out, "--jobs", String(jobs)], { stdin: "ignore" });
      const s = (performance.now() - start) / 1000;
      base ||= s;
      lines.push(`${String(jobs).padStart(4)}  ${s.toFixed(1).padStart(7)}  ${((COUNT / s) * 60).toFixed(0).padStart(15)}  ${(base / s).toFixed(2).padStart(8)}`);
      await rm(out, { recursive: true, force: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return lines;
}
