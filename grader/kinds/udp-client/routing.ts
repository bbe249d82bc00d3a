// Which copy of the program sent a request datagram: by the request key the exercise names (`client.routeBy`,
// whose value is the copy's TEXT), failing that by an earlier datagram from the same address, or else the
// first copy that has sent nothing yet. The fake server answers each copy with its own reply by it.
import type { ClientRun } from "./client-run.js";
import { endpointText } from "../socket/transcript.js";

/** The routing key's value in a request (a JSON object), or undefined. */
export function routeValue(request: unknown, routeBy: string | null): unknown {
  if (routeBy === null || !request || typeof request !== "object" || Array.isArray(request)) return undefined;
  return Object.hasOwn(request, routeBy) ? (request as Record<string, unknown>)[routeBy] : undefined;
}

/** The copy a request belongs to (`sender` as endpointText gives it). Never undefined while there is a copy. */
export function ownerOf(clients: ClientRun[], request: unknown, sender: string, routeBy: string | null): ClientRun {
  const named = routeValue(request, routeBy);
  return (
    (named === undefined ? undefined : clients.find((cl) => cl.text === named)) ??
    clients.find((cl) => cl.requests.some((r) => endpointText(r.from) === sender)) ??
    clients.find((cl) => cl.requests.length === 0) ??
    clients[0]
  );
}
