// Ports for a student's server. A port from the kernel's ephemeral range can be handed to any socket bound
// to port 0 (the grader's own, another program's) between our check and the server's bind: the server then
// fails with "Address already in use" through no fault of its own (seen once in 600 gradings under load).
// Below that range the kernel never hands a port out by itself.
// Nor does the probe hand one out twice: a server that ends after each datagram is started a few copies
// ahead in several chains at once, so many ports wait to be bound at the same time, and two copies given
// the same port meant one could not bind, and the case whose datagram it was to answer failed
// (one exercise-03 variant in a CI run of the long tests).
import { readFileSync } from "node:fs";
import { randomInt } from "node:crypto";

const FLOOR = 10_000;
/** Draws before giving up on a port the probe has not handed out yet. */
const DRAWS = 64;

/** The low end of the kernel's ephemeral range (Linux); undefined where it cannot be read. */
export function ephemeralLow(): number | undefined {
  try {
    const low = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
    return Number.isInteger(low) ? low : undefined;
  } catch {
    return undefined;
  }
}

/** Ports this process has handed out (a probe lives for one grading, so a few hundred at most). */
const handedOut = new Set<number>();

/**
 * A random port below the ephemeral range (above 10,000) that this process has not handed out before, or
 * undefined where there is no such room.
 */
export function quietPort(): number | undefined {
  const low = ephemeralLow();
  if (low === undefined || low - FLOOR < 1000) return undefined;
  // Half the room used up (a probe that lives very long): the earliest ports are bound or given up by now.
  if (handedOut.size >= (low - FLOOR) / 2) handedOut.clear();
  for (let i = 0; i < DRAWS; i++) {
    const port = randomInt(FLOOR, low);
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
  return undefined;
}
