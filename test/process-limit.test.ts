// The process limit for a grader that is not root sits above what its uid already runs, counted as the
// kernel counts RLIMIT_NPROC: threads, not processes (a student's browser with 200 threads used to leave
// the graded program no room for one thread of its own).
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { tasksOfUid } from "../grader/sandbox/limits.js";

const isRoot = process.getuid?.() === 0;
// A uid nothing else runs as (one per test process: files run side by side).
const UID = 251_000 + (process.pid % 1000);

describe.runIf(isRoot && process.platform === "linux")("the uid's task count (RLIMIT_NPROC)", () => {
  it("counts every thread of the uid's processes, not one per process", async () => {
    // A Node with worker threads, run as that uid; it says when its workers are up.
    const child = spawn(process.execPath, ["-e", "const { Worker } = require('node:worker_threads'); let up = 0; for (let i = 0; i < 6; i++) new Worker('setInterval(() => {}, 1000)', { eval: true }).on('online', () => { if (++up === 6) console.log('up'); }); setTimeout(() => process.exit(0), 30000);"], { uid: UID, gid: UID, cwd: "/", stdio: ["ignore", "pipe", "inherit"] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on("data", () => resolve());
        child.on("exit", (code) => reject(new Error(`the thread holder ended (${code})`)));
      });
      const threads = readdirSync(`/proc/${child.pid}/task`).length;
      expect(threads).toBeGreaterThan(6);
      expect(tasksOfUid(UID)).toBe(threads);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
