// The client's command line as exercise data (`client.args` in exercise.json): a template whose placeholders
// are filled from the case when it runs ({host}, {port}, {text} and the case's named `values`). The result is
// argv, item by item: no shell ever reads it, so a value can hold anything but a NUL byte (exec refuses it).
import type { Case } from "../../generated/udp-client-cases.js";
import type { LoadedExercise } from "../types.js";
import type { UdpClientExercise } from "../../generated/exercise.js";

/** The udp-client kind's settings with their defaults filled in. */
export interface ClientSettings {
  /** The command line after `python3 ENTRY`, with placeholders. */
  args: string[];
  /** The request key whose value names the copy that sent it (its TEXT); null: by sender address only. */
  routeBy: string | null;
}

/** Today's command line, `python3 ENTRY HOST PORT TEXT`, for an exercise that does not say its own. */
export const DEFAULT_ARGS = ["{host}", "{port}", "{text}"];

export function clientSettings(exercise: LoadedExercise<UdpClientExercise>): ClientSettings {
  const s = exercise.data.client;
  return { args: s?.args ?? DEFAULT_ARGS, routeBy: s?.routeBy === undefined ? "text" : s.routeBy };
}

/** One piece of a template item: literal text or a placeholder's name. */
type Piece = { literal: string } | { name: string };

const TOKEN = /\{\{|\}\}|\{([A-Za-z][A-Za-z0-9_]*)\}|[{}]/g;

/** An item of the template in pieces; throws on a lone brace or a brace around something not a name. */
function piecesOf(item: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const m of item.matchAll(TOKEN)) {
    if (m.index! > last) pieces.push({ literal: item.slice(last, m.index) });
    if (m[0] === "{{" || m[0] === "}}") pieces.push({ literal: m[0][0] });
    else if (m[1] !== undefined) pieces.push({ name: m[1] });
    else throw new Error(`a lone "${m[0]}" in ${JSON.stringify(item)} (write {{ or }} for a brace, {name} for a value)`);
    last = m.index! + m[0].length;
  }
  if (last < item.length) pieces.push({ literal: item.slice(last) });
  return pieces;
}

/** The placeholder names a template uses. */
export function placeholdersOf(args: string[]): Set<string> {
  return new Set(args.flatMap((a) => piecesOf(a).flatMap((p) => ("name" in p ? [p.name] : []))));
}

/** What is wrong with the template itself (checked once, when the exercise is loaded). */
export function templateProblems(args: string[]): string[] {
  const problems: string[] = [];
  for (const a of args) {
    try {
      piecesOf(a);
    } catch (e) {
      problems.push(`client.args: ${(e as Error).message}`);
    }
    if (a.includes("\u0000")) problems.push(`client.args: ${JSON.stringify(a)} contains a NUL character`);
  }
  // The fake server's port is chosen when the case runs: a program not told it cannot find the server.
  if (!problems.length && !placeholdersOf(args).has("port")) problems.push(`client.args: the command line must contain {port}`);
  return problems;
}

/** What a case must give the template: a value for each of its names, none with a NUL byte. */
export function caseArgProblems(args: string[], c: Case): string[] {
  if (templateProblems(args).length) return [];
  const problems: string[] = [];
  // Values are command-line arguments: no NUL byte can get through exec.
  if (c.text.includes("\u0000")) problems.push(`case ${c.id}: TEXT contains a NUL character`);
  for (const [name, v] of Object.entries(c.values ?? {})) if (v.includes("\u0000")) problems.push(`case ${c.id}: value ${name} contains a NUL character`);
  for (const name of placeholdersOf(args)) {
    if (name !== "host" && name !== "port" && name !== "text" && c.values?.[name] === undefined) problems.push(`case ${c.id}: the command line needs {${name}}: add "values": {"${name}": ...}`);
  }
  return problems;
}

/** The values a run fills in: host, port and TEXT (one copy's), then the case's own. */
export interface ArgValues {
  host: string;
  port: string;
  text: string;
  values?: Record<string, string>;
}

/** The template filled: argv items after the script's path. */
export function fillArgs(args: string[], v: ArgValues): string[] {
  const value = (name: string) => (name === "host" ? v.host : name === "port" ? v.port : name === "text" ? v.text : (v.values?.[name] ?? ""));
  return args.map((a) => piecesOf(a).map((p) => ("name" in p ? value(p.name) : p.literal)).join(""));
}
