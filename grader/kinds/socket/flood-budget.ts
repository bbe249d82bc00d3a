// A submission's datagram budget per case: what its program may send to the grader's sockets in one case
// before it is stopped. Far above what any case needs (a few datagrams, resends included, at most a few
// dozen big ones), so only a flood reaches it; the probe drops what arrives past it, so the flood costs
// the grader no more than the budget, and the case it hit (and only that case) says why it failed.
import { t, type Lang } from "../../core/i18n.js";
import type { ProbeClient } from "../../probe/client.js";

export const CASE_DATAGRAMS = 1000;
/** 64 datagrams of the largest size: loopback delivers only part of a flood (the socket's buffer overflows), so the budget must be low enough to be reached at once. */
export const CASE_MIB = 4;

/** Starts (or restarts) the budget of the probe sockets named `prefix`…. */
export async function resetBudget(probe: ProbeClient, prefix: string): Promise<void> {
  await probe.call("budget", { prefix, datagrams: CASE_DATAGRAMS, bytes: CASE_MIB * 1024 * 1024 });
}

/** Has the program spent the budget of the sockets named `prefix`… since it was last reset? */
export async function budgetSpent(probe: ProbeClient, prefix: string): Promise<boolean> {
  return (await probe.call("usage", { prefix })).over;
}

/** "Sent more than 1000 datagrams or 16 MiB to the grader in one case: stopped." */
export function floodWords(lang: Lang): string {
  return t(lang, "floodStopped", { datagrams: CASE_DATAGRAMS, mib: CASE_MIB });
}
