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
import { createLauncher, runLauncher, warmUpLauncher, type LauncherRequest } from "./launcher-thread.js";
import { LauncherRouter } from "./launcher-router.js";
import { stageSocketFilter } from "./socket-limits.js";

const LAUNCHER_COMMANDS: readonly string[] = ["prepare", "spawn", "write", "end", "stop"] satisfies LauncherRequest["command"][];

/** The launcher thread: this same script, as a bundle through its loader for its code cache (run-bundle.ts). */
function startThread(): Worker {
  const self = process.argv[1];
  return self.endsWith(".bundle.cjs") ? new Worker(path.join(path.dirname(self), "..", "core", "run-bundle.js"), { argv: [self], execArgv: [] }) : new Worker(self, { execArgv: [] });
}

function runHost(): void {
  // Before any program starts: the inner sandboxes load this seccomp filter (socket buffer sizes).
  stageSocketFilter();
  const probe = new UdpProbe();
  const send = (line: string) => process.stdout.write(line + "\n");
  // The launcher thread, once the grader asks for it (as a grading starts). Its first programs
  // wait for it to be ready (~100 ms) rather than stall the probe here; should it fail, they start here.
  const launchers = new LauncherRouter(createLauncher(send), send, startThread, (text) => process.stderr.write(text + "\n"));

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
      launchers.useThread();
      return send(JSON.stringify({ id: req.id, ok: true, result: {} }));
    }
    if (LAUNCHER_COMMANDS.includes(req.command)) return launchers.handle(req as LauncherRequest);
    probe.handle(req.command as CommandName, req.args as never).then(
      (result) => send(JSON.stringify({ id: req.id, ok: true, result })),
      (e: Error) => send(JSON.stringify({ id: req.id, ok: false, error: e.message })),
    );
  });
  lines.on("close", () => {
    void launchers.stopAll().then(() => probe.handle("closeAll", {}).then(() => process.exit(0)));
  });
}

if (isMainThread) runHost();
else runLauncher(parentPort!);
