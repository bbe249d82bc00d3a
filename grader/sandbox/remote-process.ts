// A student program started by the sandbox host, seen from the grader as a RunningProcess like any other:
// its pipes and output are relayed over the host connection.
import { Duplex, type Readable, type Writable } from "node:stream";
import type { AgentConnection } from "../probe/agent-connection.js";
import { CappedOutput } from "../runner/output-cap.js";
import type { ProcessOutcome, RunningProcess } from "../runner/process.js";
import { notStarted, type HostCommands, type HostEvent } from "./host-protocol.js";

/** Pipes straight from the grader to the program, through the sandbox host without passing through it. */
export interface DirectChannel {
  request: Writable;
  answer: Readable;
}

/** `spawned`: the pid of what the host started (bwrap, for a sandboxed program), as the host sees it. */
export function startRemote(conn: AgentConnection, proc: number, spawn: Omit<HostCommands["spawn"]["args"], "proc">, direct?: DirectChannel): RunningProcess & { spawned: Promise<number | undefined> } {
  const stdout = new CappedOutput(spawn.outputCapBytes);
  const stderr = new CappedOutput(spawn.outputCapBytes);
  const listeners: Record<1 | 2, ((c: Buffer) => void)[]> = { 1: [], 2: [] };
  let exited = false;
  let settle!: (o: ProcessOutcome) => void;
  const done = new Promise<ProcessOutcome>((r) => (settle = r));
  // pipes[0] is the program's fd 3 (we write), pipes[1..] its fd 4.. (we read).
  const pipes = direct ? directPipes(direct, () => exited, done) : Array.from({ length: spawn.extraPipes }, (_, i) =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _enc, cb) {
        if (i === 0 && !exited) void conn.request("write", { proc, fd: 3, data: chunk.toString("base64") }).catch(() => {});
        cb();
      },
      final(cb) {
        if (i === 0 && !exited) void conn.request("end", { proc, fd: 3 }).catch(() => {});
        cb();
      },
    }),
  );
  conn.onEvent((e) => {
    const ev = e as unknown as HostEvent;
    if (ev.proc !== proc) return;
    if (ev.event === "data") {
      const chunk = Buffer.from(ev.data, "base64");
      if (ev.fd === 1 || ev.fd === 2) {
        (ev.fd === 1 ? stdout : stderr).push(chunk);
        for (const l of listeners[ev.fd]) l(chunk);
      } else pipes[ev.fd - 3]?.push(chunk);
    } else {
      exited = true;
      for (const p of pipes) p.push(null);
      settle(ev.outcome);
    }
  });
  const spawned = conn.request("spawn", { proc, ...spawn }).then(
    (r) => (r as HostCommands["spawn"]["result"]).pid,
    (e: Error) => {
      exited = true;
      settle(notStarted(e.message));
      return undefined;
    },
  );
  return {
    pid: undefined,
    spawned,
    pipes,
    stdout,
    stderr,
    done,
    get exited() {
      return exited;
    },
    onOutput(fd, listener) {
      listeners[fd].push(listener);
    },
    stop() {
      if (!exited) void conn.request("stop", { proc }).catch(() => {});
      return done;
    },
  };
}

/**
 * Two Duplex ends over the shared direct channel, attached while this program lives: writes go to its
 * fd 3; what it writes on fd 4 comes out here. Ending them detaches instead of closing the channel (the
 * next program uses it).
 */
function directPipes(direct: DirectChannel, exited: () => boolean, done: Promise<unknown>): Duplex[] {
  const request = new Duplex({
    read() {},
    write(chunk: Buffer, _enc, cb) {
      if (!exited()) direct.request.write(chunk);
      cb();
    },
    final(cb) {
      cb();
    },
  });
  const answer = new Duplex({ read() {}, write: (_c, _e, cb) => cb() });
  const relay = (chunk: Buffer) => answer.push(chunk);
  direct.answer.on("data", relay);
  void done.then(() => {
    direct.answer.off("data", relay);
    answer.push(null);
  });
  return [request, answer];
}
