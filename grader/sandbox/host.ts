// The sandbox host: runs inside the outer sandbox (its own network namespace with only loopback), does
// the probe's work there, and starts the student's programs in their inner sandboxes, relaying their
// pipes to the grader. The grader's plan (cases, expected answers) never comes here: only the commands.
// This thread reads the grader's commands, answers the probe's and owns stdout; when a grading starts
// many programs at once, a launcher thread starts them (launcher-thread.ts says why).
import path from "node:path";
import { createInterface } from "node:readline";
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { UdpProbe } from "../probe/udp-probe.js";
import type { CommandName } from "../probe/protocol.js";
import { notStarted, type HostEvent } from "./host-protocol.js";
import { createLauncher, runLauncher, warmUpLauncher, type LauncherMessage, type LauncherRequest } from "./launcher-thread.js";
import { stageSocketFilter } from "./socket-limits.js";

const LAUNCHER_COMMANDS: readonly string[] = ["prepare", "spawn", "write", "end", "stop"] satisfies LauncherRequest["command"][];

function runHost(): void {
  // Before any program starts: the inner sandboxes load this seccomp filter (socket buffer sizes).
  stageSocketFilter();
  const probe = new UdpProbe();
  const send = (line: string) => process.stdout.write(line + "\n");
  const local = createLauncher(send);
  // The launcher thread, once the grader asks for it (as a grading starts). Its first programs
  // wait for it to be ready (~100 ms) rather than stall the probe here; should it fail, they start here.
  let thread: { worker: Worker; ready: boolean; waiting: LauncherRequest[] } | undefined;
  let stoppedAll = () => {};
  /** Which launcher started each program (its write, end and stop go there too). */
  const inThread = new Set<number>();

  const startThread = (): NonNullable<typeof thread> => {
    // The same script, as the launcher thread: a bundle through its loader, for its code cache (run-bundle.ts).
    const self = process.argv[1];
    const worker = self.endsWith(".bundle.cjs") ? new Worker(path.join(path.dirname(self), "..", "core", "run-bundle.js"), { argv: [self], execArgv: [] }) : new Worker(self, { execArgv: [] });
    const t = { worker, ready: false, waiting: [] as LauncherRequest[] };
    worker.on("message", (m: LauncherMessage) => {
      if ("line" in m) send(m.line);
      else if ("ready" in m) {
        t.ready = true;
        for (const req of t.waiting.splice(0)) worker.postMessage(req);
      } else stoppedAll();
    });
    // Should the thread fail, its programs end as not started (the grader reports them) and new ones start here.
    worker.on("error", (e) => {
      t.ready = false;
      thread = undefined;
      process.stderr.write(`sandbox host: the launcher thread failed: ${e.message}\n`);
      const waiting = t.waiting.splice(0);
      const notSent = new Set(waiting.map((req) => (req.args as { proc: number }).proc));
      for (const proc of inThread) {
        if (!notSent.has(proc)) send(JSON.stringify({ event: "exit", proc, outcome: notStarted(`the sandbox host's launcher thread failed: ${e.message}`) } satisfies HostEvent));
      }
      inThread.clear();
      for (const req of waiting) local.handle(req);
      stoppedAll();
    });
    return t;
  };

  const launch = (req: LauncherRequest) => {
    const proc = (req.args as { proc?: number }).proc;
    if (req.command === "spawn" && thread && proc !== undefined) inThread.add(proc);
    if (proc === undefined || !inThread.has(proc)) local.handle(req);
    else if (thread!.ready) thread!.worker.postMessage(req);
    else thread!.waiting.push(req);
  };

  // Warm-up while the grader still prepares (the host is idle until then): the launch path, and the
  // probe's port hold (~7 ms cold, ~1 ms afterwards). Its ports are let go long before the first student
  // program starts; nothing else is in this network namespace.
  void warmUpLauncher().catch(() => {});
  void (async () => {
    const held = await probe.handle("holdPorts", { requests: [{ name: "warm-up", state: "udp" }] });
    await probe.handle("releasePorts", { handle: held.handle });
  })().catch(() => {});

  const lines = createInterface({ input: process.stdin });
  lines.on("line", (line) => {
    if (!line.trim()) return;
    const req = JSON.parse(line) as { id: number; command: string; args: unknown };
    if (req.command === "launcherThread") {
      thread ??= startThread();
      return send(JSON.stringify({ id: req.id, ok: true, result: {} }));
    }
    if (LAUNCHER_COMMANDS.includes(req.command)) return launch(req as LauncherRequest);
    probe.handle(req.command as CommandName, req.args as never).then(
      (result) => send(JSON.stringify({ id: req.id, ok: true, result })),
      (e: Error) => send(JSON.stringify({ id: req.id, ok: false, error: e.message })),
    );
  });
  lines.on("close", () => {
    const closeProbe = () => void probe.handle("closeAll", {}).then(() => process.exit(0));
    void local.stopAll().then(() => {
      if (!thread) return closeProbe();
      stoppedAll = closeProbe;
      thread.waiting.length = 0; // programs not started yet never will be
      thread.worker.postMessage({ stopAll: true });
    });
  });
}

if (isMainThread) runHost();
else runLauncher(parentPort!);
