// Ports for a student's server. A port from the kernel's ephemeral range can be handed to any socket bound
// to port 0 (the grader's own, another program's) between our check and the server's bind: the server then
// fails with "Address already in use" through no fault of its own (seen once in 600 gradings under load).
// Below that range the kernel never hands a port out by itself.
import { readFileSync } from "node:fs";
import { randomInt } from "node:crypto";

const FLOOR = 10_000;

/** The low end of the kernel's ephemeral range (Linux); undefined where it cannot be read. */
export function ephemeralLow(): number | undefined {
  try {
    const low = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
    return Number.isInteger(low) ? low : undefined;
  } catch {
    return undefined;
  }
}

/** A random port below the ephemeral range (above 10,000), or undefined where there is no such room. */
export function quietPort(): number | undefined {
  const low = ephemeralLow();
  if (low === undefined || low - FLOOR < 1000) return undefined;
  return randomInt(FLOOR, low);
}
