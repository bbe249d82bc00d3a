// The sandbox host: runs inside the outer sandbox (its own network namespace with only loopback), does
// the probe's work there, and starts the student's programs in their inner sandboxes, relaying their
// pipes to the grader. The grader's plan (cases, expected answers) never comes here: only the commands.
import { chown, copyFile, mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { UdpProbe } from "../probe/udp-probe.js";
import type { CommandName } from "../probe/protocol.js";
import { startProcess, type RunningProcess } from "../runner/process.js";
import type { HostCommands, HostEvent } from "./host-protocol.js";
import { stageSocketFilter } from "./socket-limits.js";

// Before any program starts: the inner sandboxes load this seccomp filter (socket buffer sizes).
stageSocketFilter();
const probe = new UdpProbe();
const procs = new Map<number, RunningProcess>();
const send = (o: unknown) => process.stdout.write(JSON.stringify(o) + "\n");
const event = (e: HostEvent) => send(e);

/**
 * Copies the grader's copy of the submission (folders and regular files only: that is all it holds) and
 * gives it to `uid`. A plain walk: fs.cp takes ~3 ms for the same few files.
 */
async function copyTree(from: string, to: string, uid: number | undefined): Promise<void> {
  await mkdir(to, { recursive: true });
  if (uid !== undefined) await chown(to, uid, uid);
  for (const e of await readdir(from, { withFileTypes: true })) {
    const [src, dst] = [path.join(from, e.name), path.join(to, e.name)];
    if (e.isDirectory()) await copyTree(src, dst, uid);
    else if (e.isFile()) {
      await copyFile(src, dst);
      if (uid !== undefined) await chown(dst, uid, uid);
    }
  }
}

const hostCommands: { [C in keyof HostCommands]: (a: HostCommands[C]["args"]) => Promise<HostCommands[C]["result"]> } = {
  async prepare({ source, target, uid }) {
    await copyTree(source, target, uid);
    return { workDir: target };
  },
  async spawn({ proc, argv, cwd, env, timeoutMs, extraPipes, inheritFds, outputCapBytes }) {
    const p = startProcess({ command: argv[0], args: argv.slice(1), cwd, env, timeoutMs, extraPipes, inheritFds, outputCapBytes });
    procs.set(proc, p);
    // Forward output while under the cap; past it the runner keeps only a tail, sent with the exit.
    const forwarded = [0, 0, 0];
    const forward = (fd: number) => (chunk: Buffer) => {
      if (fd <= 2) {
        if (forwarded[fd] >= outputCapBytes) return;
        forwarded[fd] += chunk.length;
      }
      event({ event: "data", proc, fd, data: chunk.toString("base64") });
    };
    p.onOutput(1, forward(1));
    p.onOutput(2, forward(2));
    // Extra pipes: fd 3 carries requests in (written by `write`), fd 4.. carry data out.
    p.pipes.forEach((pipe, i) => {
      if (i === 0) pipe.on("data", () => {});
      else pipe.on("data", forward(3 + i));
    });
    void p.done.then((outcome) => {
      procs.delete(proc);
      event({ event: "exit", proc, outcome });
    });
    return { pid: p.pid };
  },
  async write({ proc, fd, data }) {
    procs.get(proc)?.pipes[fd - 3]?.write(Buffer.from(data, "base64"));
    return {};
  },
  async end({ proc, fd }) {
    procs.get(proc)?.pipes[fd - 3]?.end();
    return {};
  },
  async stop({ proc }) {
    await procs.get(proc)?.stop();
    return {};
  },
};

// Warm-up while the grader still prepares (the host is idle until then): the first use of a code path
// costs several ms, as V8 compiles it on first use. One trivial program through the launch path, one
// copy, one port hold: measured ~5, ~2 and ~7 ms cold, about 1 ms each afterwards. Its ports are let go
// long before the first student program starts; nothing else is in this network namespace.
void (async () => {
  await startProcess({ command: "/bin/true", args: [], cwd: "/", env: {}, timeoutMs: 5000, extraPipes: 0, outputCapBytes: 1024 }).done;
  const dir = await mkdtemp("/tmp/warm-up-");
  await writeFile(path.join(dir, "file"), "");
  await copyTree(dir, `${dir}-copy`, undefined);
  const held = await probe.handle("holdPorts", { requests: [{ name: "warm-up", state: "udp" }] });
  await probe.handle("releasePorts", { handle: held.handle });
})().catch(() => {});

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  if (!line.trim()) return;
  const req = JSON.parse(line) as { id: number; command: string; args: unknown };
  const run = req.command in hostCommands ? hostCommands[req.command as keyof HostCommands](req.args as never) : probe.handle(req.command as CommandName, req.args as never);
  (run as Promise<unknown>).then(
    (result) => send({ id: req.id, ok: true, result }),
    (e: Error) => send({ id: req.id, ok: false, error: e.message }),
  );
});
lines.on("close", () => {
  void Promise.all([...procs.values()].map((p) => p.stop()))
    .then(() => probe.handle("closeAll", {}))
    .then(() => process.exit(0));
});
