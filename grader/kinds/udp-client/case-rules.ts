// What a udp-client case (fixed or generated) must satisfy beyond its schema, and how long its data says it
// keeps a worker (the driver's scheduling and its one retry of timed cases hang on that).
import type { Case } from "../../generated/udp-client-cases.js";
import type { UdpClientLimits as Limits } from "../../generated/exercise.js";
import { caseArgProblems } from "./command.js";

export type { Limits };

/** A case whose data makes it wait this long or more mostly sleeps: it runs beside the worker pool. */
export const WAITING_MS = 500;

/** The rules of one case, given the exercise's command line (`client.args`). */
export function caseRules(args: string[]): (c: Case) => string[] {
  return (c) => {
    // TEXT and the named values fill the command line: each must have one, and no NUL byte gets through exec.
    const problems = caseArgProblems(args, c);
    // A decoy from the server's own port must come from another host, or it would be the server.
    for (const a of c.server) if ("decoy" in a && a.from?.serverPort && (a.from.host ?? c.host) === c.host) problems.push(`case ${c.id}: a decoy from the server's port needs another host`);
    // Over a lossy link the requests are told apart by sender only: one copy of the program.
    if (c.link && (c.clients ?? 1) > 1) problems.push(`case ${c.id}: a lossy link needs a single client`);
    // Waiting for the other copies means nothing with one copy.
    if ((c.clients ?? 1) === 1 && c.server.some((a) => "awaitCopiesMs" in a)) problems.push(`case ${c.id}: awaitCopiesMs needs clients > 1`);
    // A program that does nothing must not pass it (see idleProblems).
    problems.push(...idleProblems(c));
    return problems;
  };
}

/**
 * Case data that a program doing nothing could pass (one that sends nothing and exits 0, say): every case
 * must need a request, the reply on stdout, or say so in `onlyIf`. A replyShown precondition needs a
 * reply with a token to look for.
 */
export function idleProblems(c: Case): string[] {
  const e = c.expect;
  const needsWork = e.request !== undefined || (e.requests ?? 0) >= 1 || (e.requestsAtLeast ?? 0) >= 1 || e.stdout === "reply" || e.stdoutLine !== undefined || c.onlyIf !== undefined;
  const problems = needsWork ? [] : [`case ${c.id}: a program that sends nothing could pass it (add "onlyIf", a request or the reply on stdout)`];
  const hasToken = c.server.some((a) => "reply" in a && "json" in a.reply && /\{"\$token":true\}|"\$format":"(?:[^"\\]|\\.)*\{token\}/.test(JSON.stringify(a.reply.json)));
  if (c.onlyIf?.replyShown && !hasToken) problems.push(`case ${c.id}: "onlyIf.replyShown" needs a reply with {"$token": true}`);
  return problems;
}

/** Can a valid reply reach the program at all? Not without a scripted reply, nor over a link that drops every datagram. */
export function replyCanArrive(c: Pick<Case, "server" | "link">): boolean {
  return c.server.some((a) => "reply" in a) && c.link?.drop !== 1;
}

/**
 * How long a case keeps a worker, as far as its data tells: the server's waits, or the program's own
 * time-out when no reply comes. Long cases start first, so the short ones fill the gaps beside them.
 */
export function expectedMs(c: Case, limits: Limits): number {
  const waits = c.server.reduce((sum, a) => sum + ("waitMs" in a ? a.waitMs : 0), 0);
  const ms = replyCanArrive(c) ? waits : Math.max(waits, c.expect.endsWithinMs ?? limits.caseSeconds * 1000);
  // Over a lossy link the program resends and waits for the link: it mostly sleeps.
  return c.link ? Math.max(ms, WAITING_MS) : ms;
}
