// How the grader talks to a probe: the same calls whether the probe lives in this process or in its own
// process behind a pipe (grader/probe/agent.ts).
import { execa, type ResultPromise } from "execa";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Args, CommandName, ProbeResponse, Result } from "./protocol.js";
import { UdpProbe } from "./udp-probe.js";

export interface ProbeClient {
  call<C extends CommandName>(command: C, args: Args<C>): Promise<Result<C>>;
  dispose(): Promise<void>;
}

export function inProcessProbe(): ProbeClient {
  const probe = new UdpProbe();
  return {
    call: (command, args) => probe.handle(command, args),
    dispose: async () => {
      await probe.handle("closeAll", {});
    },
  };
}

const AGENT = path.join(path.dirname(fileURLToPath(import.meta.url)), "agent.js");

/** A probe in its own Node process, driven over its stdin/stdout. */
export function processProbe(command: string[] = [process.execPath, AGENT]): ProbeClient {
  const child: ResultPromise = execa(command[0], command.slice(1), { stdin: "pipe", stdout: "pipe", stderr: "pipe", buffer: false, reject: false });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let buffer = "";
  let ended = false;
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (!line.trim()) continue;
      const res = JSON.parse(line) as ProbeResponse;
      const p = pending.get(res.id);
      pending.delete(res.id);
      if (res.ok) p?.resolve(res.result);
      else p?.reject(new Error(`probe: ${res.error}`));
    }
  });
  void child.then(() => {
    ended = true;
    for (const p of pending.values()) p.reject(new Error("the probe process ended"));
    pending.clear();
  });
  return {
    call(command, args) {
      if (ended) return Promise.reject(new Error("the probe process ended"));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.stdin!.write(JSON.stringify({ id, command, args }) + "\n");
      });
    },
    async dispose() {
      if (!ended) child.stdin!.end();
      await child;
    },
  };
}

/** GRADER_PROBE=process runs the probe as its own process (what the sandbox will do); default in-process. */
export function openProbe(): ProbeClient {
  return process.env.GRADER_PROBE === "process" ? processProbe() : inProcessProbe();
}
