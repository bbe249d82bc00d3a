// The sandbox host's launcher: copies the submission in and starts, feeds and stops the student's programs.
// Starting a program blocks the thread that starts it until the program has exec'd (libuv forks and
// waits): ~10 ms on a quiet machine, 50-100 ms and more when a grading starts many programs at once on a
// busy one. On the host's main thread that stands still the probe, whose timers send the scripted replies
// and whose clock stamps the program's datagrams (400 ms once at the start of an exercise-04 grading). So
// when a grading starts many programs at once while the probe times its replies (the grader says so), the
// host starts a second launcher in a thread of its own (runLauncher), where it stalls only that thread. A
// thread costs ~130 ms of CPU to start here: other gradings keep the launcher on the main thread. Every answer and event is one JSON line
// for the host's stdout, which the main thread owns.
import { chown, copyFile, mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { MessagePort } from "node:worker_threads";
import { loopLag } from "../core/loop-lag.js";
import { startProcess, type RunningProcess } from "../runner/process.js";
import type { HostCommands, HostEvent } from "./host-protocol.js";

/** The host commands a launcher answers (the rest are the host's own and the probe's). */
type LauncherCommands = Omit<HostCommands, "launcherThread">;
/** A host command for a launcher. */
export type LauncherRequest = { id: number; command: keyof LauncherCommands; args: unknown };
/** What the launcher thread posts back: a line for the host's stdout, that it is ready, or that every program has been stopped. */
export type LauncherMessage = { line: string } | { ready: true } | { stoppedAll: true };

export interface Launcher {
  handle(req: LauncherRequest): void;
  /** Stops every program it started (when the grader has gone). */
  stopAll(): Promise<void>;
}

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

/** A launcher whose answers and events go to `out`, one JSON line each. */
export function createLauncher(out: (line: string) => void): Launcher {
  // How long this thread stood still as each program ended (ProcessOutcome.endStallMs).
  loopLag.start();
  const procs = new Map<number, RunningProcess>();
  const event = (e: HostEvent) => out(JSON.stringify(e));

  const commands: { [C in keyof LauncherCommands]: (a: LauncherCommands[C]["args"]) => Promise<LauncherCommands[C]["result"]> } = {
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

  return {
    handle(req) {
      (commands[req.command](req.args as never) as Promise<unknown>).then(
        (result) => out(JSON.stringify({ id: req.id, ok: true, result })),
        (e: Error) => out(JSON.stringify({ id: req.id, ok: false, error: e.message })),
      );
    },
    async stopAll() {
      await Promise.all([...procs.values()].map((p) => p.stop()));
    },
  };
}

/**
 * Warm-up while the grader still prepares (the host is idle until then): the first use of a code path
 * costs several ms, as V8 compiles it on first use. One trivial program through the launch path and one
 * copy: measured ~5 and ~2 ms cold, about 1 ms each afterwards.
 */
export async function warmUpLauncher(): Promise<void> {
  await startProcess({ command: "/bin/true", args: [], cwd: "/", env: {}, timeoutMs: 5000, extraPipes: 0, outputCapBytes: 1024 }).done;
  const dir = await mkdtemp("/tmp/warm-up-");
  await writeFile(path.join(dir, "file"), "");
  await copyTree(dir, `${dir}-copy`, undefined);
}

/** The launcher thread: host commands in, lines out; `stopAll` stops its programs and says so. */
export function runLauncher(port: MessagePort): void {
  const launcher = createLauncher((line) => port.postMessage({ line } satisfies LauncherMessage));
  port.on("message", (req: LauncherRequest | { stopAll: true }) => {
    if ("stopAll" in req) void launcher.stopAll().then(() => port.postMessage({ stoppedAll: true } satisfies LauncherMessage));
    else launcher.handle(req);
  });
  void warmUpLauncher()
    .catch(() => {})
    .then(() => port.postMessage({ ready: true } satisfies LauncherMessage));
}
