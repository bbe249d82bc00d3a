// The sandbox host's launcher router: programs go to the launcher thread once asked for, and should that
// thread fail, every request it held is answered and every program it had ends (the grader waits for both).
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { LauncherRouter, type LauncherThreadHandle } from "../../grader/sandbox/launcher-router.js";
import type { Launcher, LauncherRequest } from "../../grader/sandbox/launcher-thread.js";

/** A stand-in launcher thread: records what was posted to it; the test plays its messages and its failure. */
class FakeThread extends EventEmitter implements LauncherThreadHandle {
  readonly posted: unknown[] = [];
  postMessage(m: unknown): void {
    this.posted.push(m);
  }
}

function setUp() {
  const lines: Record<string, unknown>[] = [];
  const local: LauncherRequest[] = [];
  const warnings: string[] = [];
  const localLauncher: Launcher = { handle: (req) => void local.push(req), stopAll: async () => {} };
  const threads: FakeThread[] = [];
  const router = new LauncherRouter(localLauncher, (line) => lines.push(JSON.parse(line)), () => {
    const t = new FakeThread();
    threads.push(t);
    return t;
  }, (text) => warnings.push(text));
  return { router, lines, local, warnings, threads };
}

const spawn = (id: number, proc: number): LauncherRequest => ({ id, command: "spawn", args: { proc, argv: ["python3"] } });
const stop = (id: number, proc: number): LauncherRequest => ({ id, command: "stop", args: { proc } });

describe("the sandbox host's launcher router", () => {
  it("starts programs on the host's own thread until the grader asks for the launcher thread, then there once it is ready", () => {
    const { router, local, threads } = setUp();
    router.handle(spawn(1, 1));
    expect(local.map((r) => r.id)).toEqual([1]);
    router.useThread();
    router.useThread(); // one thread, however often asked
    expect(threads).toHaveLength(1);
    router.handle(spawn(2, 2));
    router.handle(stop(3, 1)); // a program of the host's own launcher stays there
    expect(threads[0].posted).toEqual([]);
    threads[0].emit("message", { ready: true });
    router.handle(stop(4, 2));
    expect(threads[0].posted.map((r) => (r as LauncherRequest).id)).toEqual([2, 4]);
    expect(local.map((r) => r.id)).toEqual([1, 3]);
  });

  it("passes the thread's lines on", () => {
    const { router, lines, threads } = setUp();
    router.useThread();
    threads[0].emit("message", { ready: true });
    router.handle(spawn(7, 5));
    threads[0].emit("message", { line: JSON.stringify({ id: 7, ok: true, result: { pid: 42 } }) });
    threads[0].emit("message", { line: JSON.stringify({ event: "data", proc: 5, fd: 1, data: "aGk=" }) });
    expect(lines).toEqual([{ id: 7, ok: true, result: { pid: 42 } }, { event: "data", proc: 5, fd: 1, data: "aGk=" }]);
  });

  it("when the thread fails: answers what it held, ends its programs, and starts what it had not seen on the host's own thread", () => {
    const { router, lines, local, warnings, threads } = setUp();
    router.useThread();
    threads[0].emit("message", { ready: true });
    router.handle(spawn(1, 1)); // answered and ended before the failure
    router.handle(spawn(2, 2)); // posted, unanswered
    router.handle(spawn(3, 3)); // answered, still running
    threads[0].emit("message", { line: JSON.stringify({ id: 1, ok: true, result: { pid: 10 } }) });
    threads[0].emit("message", { line: JSON.stringify({ event: "exit", proc: 1, outcome: {} }) });
    threads[0].emit("message", { line: JSON.stringify({ id: 3, ok: true, result: { pid: 12 } }) });
    router.handle(stop(4, 3)); // posted, unanswered
    lines.length = 0;
    threads[0].emit("error", new Error("out of memory"));
    threads[0].emit("exit", 1); // a failed worker also exits: handled once
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/launcher thread failed: out of memory/);
    const answers = lines.filter((l) => "id" in l);
    const exits = lines.filter((l) => l.event === "exit");
    expect(answers.map((a) => [a.id, a.ok])).toEqual([[2, false], [4, false]]);
    expect(String(answers[0].error)).toMatch(/out of memory/);
    expect(exits.map((e) => e.proc).sort()).toEqual([2, 3]);
    expect(exits.every((e) => String((e.outcome as { spawnError: string }).spawnError).includes("out of memory"))).toBe(true);
    // Later requests for its programs, and new programs, go to the host's own launcher.
    router.handle(stop(5, 3));
    router.handle(spawn(6, 4));
    expect(local.map((r) => r.id)).toEqual([5, 6]);
  });

  it("when the thread fails before it was ready: what waited for it starts on the host's own thread, with no exit for it", () => {
    const { router, lines, local, threads } = setUp();
    router.useThread();
    router.handle(spawn(1, 1));
    router.handle(stop(2, 1));
    threads[0].emit("exit", 0);
    expect(local.map((r) => r.id)).toEqual([1, 2]);
    expect(lines).toEqual([]);
  });

  it("stopAll waits for the thread's programs to be stopped; a thread that ends while stopping is no failure", async () => {
    const { router, warnings, threads } = setUp();
    router.useThread();
    threads[0].emit("message", { ready: true });
    let stopped = false;
    const done = router.stopAll().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(threads[0].posted).toEqual([{ stopAll: true }]);
    expect(stopped).toBe(false);
    threads[0].emit("message", { stoppedAll: true });
    await done;
    expect(stopped).toBe(true);
    const second = setUp();
    second.router.useThread();
    const over = second.router.stopAll();
    await new Promise((r) => setImmediate(r));
    second.threads[0].emit("exit", 1);
    await over;
    expect(second.warnings).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
