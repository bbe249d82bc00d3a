// What a udp-server case (fixed or generated) must satisfy beyond its schema: a known launch, steps that
// send from a socket, a reply expected somewhere, payloads that can be sized, a $sentText that names a
// string of what was sent, datagrams no larger than UDP carries, and grader sockets declared alike wherever
// they appear.
import net from "node:net";
import type { Case } from "../../generated/udp-server-cases.js";
import type { LoadedExercise } from "../types.js";
import { fillProblems, payloadBytes, sentStringAt } from "../socket/payload.js";
import { matchersIn } from "../socket/pattern.js";
import type { UdpServerExercise } from "../../generated/exercise.js";

/** The largest UDP payload over IPv4. */
const MAX_DATAGRAM = 65_507;

/** What a case (fixed or generated) must satisfy beyond its schema. */
export function caseRules(exercise: LoadedExercise<UdpServerExercise>, c: Case): string[] {
  const problems: string[] = [];
  if (!exercise.data.launches.some((l) => l.id === c.launch)) problems.push(`case ${c.id} names unknown launch ${c.launch}`);
  for (const s of c.steps) if (!s.expect.alive && (!s.from || !s.send)) problems.push(`case ${c.id}: a step that sends needs "from" and "send"`);
  // A server that binds and never answers must earn nothing: every case needs at least one reply.
  if (!c.steps.some((s) => s.expect.reply)) problems.push(`case ${c.id}: a silent server could pass it (no step expects a reply)`);
  for (const s of c.steps) {
    const fill = s.send && "json" in s.send ? fillProblems(s.send) : [];
    problems.push(...fill.map((p) => `case ${c.id}: ${p}`));
    if (fill.length) continue;
    if (s.send && "json" in s.send && s.send.padTo && Buffer.byteLength(JSON.stringify(s.send.json, null, s.send.indent)) > s.send.padTo) problems.push(`case ${c.id}: JSON longer than its padTo`);
    else if (s.send && payloadBytes(s.send).length > MAX_DATAGRAM) problems.push(`case ${c.id}: a datagram of more than ${MAX_DATAGRAM} bytes`);
    const reply = s.expect.reply && "json" in s.expect.reply ? s.expect.reply.json : undefined;
    // The text a reply must carry back is named by where it is in what the step sent.
    for (const [name, arg] of matchersIn(reply)) {
      if (name === "$sentText" && (!s.send || sentStringAt(s.send, arg) === undefined)) problems.push(`case ${c.id}: {"$sentText": ${JSON.stringify(arg)}} names no string of the JSON this step sends`);
    }
  }
  return problems;
}

/**
 * A case's `sockets` say where some grader sockets are bound. A socket lives as long as the launch, so a
 * name must be declared alike in every case; `samePortAs` names a socket declared before it, on another host.
 */
export function socketDeclarationProblems(cases: Case[], launchHosts: Map<string, string>): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const c of cases) {
    const declared = Object.entries(c.sockets ?? {});
    for (const [i, [name, spec]] of declared.entries()) {
      const key = `${c.launch}/${name}`;
      const text = JSON.stringify(spec);
      if (seen.has(key) && seen.get(key) !== text) problems.push(`case ${c.id}: socket ${name} is declared differently in another case`);
      seen.set(key, text);
      const launchHost = launchHosts.get(c.launch) ?? "";
      if (spec.host && net.isIPv6(spec.host) !== net.isIPv6(launchHost)) problems.push(`case ${c.id}: socket ${name} on ${spec.host} cannot reach the server on ${launchHost}`);
      if (spec.samePortAs) {
        const base = declared.slice(0, i).find(([n]) => n === spec.samePortAs)?.[1];
        if (!base) problems.push(`case ${c.id}: socket ${name} has samePortAs ${spec.samePortAs}, which is not declared before it in this case`);
        else if ((base.host ?? launchHost) === (spec.host ?? launchHost)) problems.push(`case ${c.id}: sockets ${spec.samePortAs} and ${name} would share host and port`);
      }
    }
  }
  return problems;
}
