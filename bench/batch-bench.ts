// A class: BENCH_SUBMISSIONS (100) generated submissions, each with every exercise of the course (the
// reference solution or one of the broken variants in test/fixtures, in turn), graded with `grade batch
// all` in the sandbox. Prints the seconds for the whole class (target: < 60 s on 2 cores), the grader
// process's peak RSS (target: < 150 MB), and each exercise's throughput graded on its own.
import { execa } from "execa";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../grader/core/paths.js";
import { exerciseIds } from "../grader/engine/exercises.js";

const COUNT = Number(process.env.BENCH_SUBMISSIONS ?? 100);
const bin = path.join(projectRoot, "bin", "grade.js");

/** Student i gets, for each exercise, source i (mod the number of sources) as <student>/<exercise>/. */
async function makeClass(ids: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "bench-class-"));
  for (const id of ids) {
    const fixtures = path.join(projectRoot, "test", "fixtures", id);
    const variants = existsSync(fixtures) ? (await readdir(fixtures, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => path.join(fixtures, e.name)).sort() : [];
    // References and broken variants alike (one in two is the reference).
    const sources = variants.flatMap((v) => [path.join(projectRoot, "solutions", id), v]);
    if (!sources.length) sources.push(path.join(projectRoot, "solutions", id));
    for (let i = 0; i < COUNT; i++) await cp(sources[i % sources.length], path.join(dir, `student-${String(i).padStart(3, "0")}`, id), { recursive: true });
  }
  return dir;
}

/** Peak resident memory of a process (VmHWM), read while it runs; 0 once it is gone. */
function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The processes of the grader: the launcher and the Node it starts a batch in (bin/grade.js). */
function graderPids(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean).map(Number);
    return [pid, ...children.filter((c) => readFileSync(`/proc/${c}/comm`, "utf8").trim() === "node")];
  } catch {
    return [pid];
  }
}

/** Runs `grade batch ...`; its wall time and the grader process's peak RSS. */
async function timedBatch(args: string[]): Promise<{ seconds: number; peakMb: number }> {
  const out = await mkdtemp(path.join(os.tmpdir(), "bench-out-"));
  try {
    const start = performance.now();
    const child = execa("node", [bin, "batch", ...args, "--out", out], { stdin: "ignore" });
    let peakMb = 0;
    const timer = setInterval(() => (peakMb = Math.max(peakMb, ...graderPids(child.pid!).map(peakRssMb))), 100);
    try {
      await child;
    } finally {
      clearInterval(timer);
    }
    return { seconds: (performance.now() - start) / 1000, peakMb };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

export interface BatchFigures {
  lines: string[];
  /** The whole class, every exercise. */
  seconds: number;
  peakMb: number;
}

export async function batchBench(): Promise<BatchFigures> {
  const ids = exerciseIds().filter((id) => existsSync(path.join(projectRoot, "solutions", id)));
  const dir = await makeClass(ids);
  const cores = os.availableParallelism();
  const lines = [`batch: ${COUNT} submissions × ${ids.length} exercises (references and broken variants; sandbox: ${process.env.GRADER_SANDBOX ?? "auto"}; ${cores} cores)`];
  try {
    lines.push("exercise      seconds  submissions/min  peak RSS MB");
    for (const id of ids) {
      const r = await timedBatch([id, dir]);
      lines.push(`${id.padEnd(12)}  ${r.seconds.toFixed(1).padStart(7)}  ${((COUNT / r.seconds) * 60).toFixed(0).padStart(15)}  ${r.peakMb.toFixed(0).padStart(11)}`);
    }
    const all = await timedBatch(["all", dir]);
    lines.push(`${"all".padEnd(12)}  ${all.seconds.toFixed(1).padStart(7)}  ${((COUNT / all.seconds) * 60).toFixed(0).padStart(15)}  ${all.peakMb.toFixed(0).padStart(11)}`);
    return { lines, seconds: all.seconds, peakMb: all.peakMb };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// Run on its own: node dist/bench/batch-bench.js
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const f = await batchBench();
  console.log(f.lines.join("\n"));
}
