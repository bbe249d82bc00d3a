// How the grader talks to a probe: the same calls whether the probe lives in this process or in its own
// process behind a pipe (grader/probe/agent.ts).
import { execa } from "execa";
import { AgentConnection } from "./agent-connection.js";
import { nodeScript } from "../core/paths.js";
import type { Args, CommandName, Result } from "./protocol.js";
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

const AGENT = nodeScript("probe/agent");

/** A probe in its own Node process, driven over its stdin/stdout. */
export function processProbe(command: string[] = [process.execPath, ...AGENT]): ProbeClient {
  const child = execa(command[0], command.slice(1), { stdin: "pipe", stdout: "pipe", stderr: "pipe", buffer: false, reject: false });
  const conn = new AgentConnection(child, child, "the probe process");
  return {
    call: (command, args) => conn.request(command, args) as Promise<never>,
    dispose: () => conn.dispose(),
  };
}

/** GRADER_PROBE=process runs the probe as its own process (what the sandbox will do); default in-process. */
export function openProbe(): ProbeClient {
  return process.env.GRADER_PROBE === "process" ? processProbe() : inProcessProbe();
}
