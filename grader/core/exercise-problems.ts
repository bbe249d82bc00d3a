// exercise.json checked against the schema of the kind it names (schemas/exercise/<kind>.schema.json, chosen
// by ajv's discriminator in exercise.schema.json), with the problems said in that kind's terms: which field
// a kind does not take or needs, and, for an unknown kind, the kinds there are. ajv's own words for a oneOf
// ("must match exactly one schema") would name neither.
import type { Exercise } from "../generated/exercise.js";
import { describeErrors, validatorFor, type ErrorObject } from "./schemas.js";

/** `data` as an exercise of one of `kinds`, or what is wrong with it, in one line. */
export function checkExercise(data: unknown, kinds: string[]): { exercise: Exercise } | { problem: string } {
  if (!data || typeof data !== "object" || Array.isArray(data)) return { problem: "not a JSON object" };
  const kind: unknown = (data as { kind?: unknown }).kind;
  const known = `the kinds: ${kinds.join(", ")}`;
  if (kind === undefined) return { problem: `"kind" is missing (${known})` };
  if (typeof kind !== "string" || !kinds.includes(kind)) return { problem: `unknown kind ${JSON.stringify(kind)} (${known})` };
  const validate = validatorFor<Exercise>("exercise.schema.json");
  if (validate(data)) return { exercise: data };
  return { problem: (validate.errors ?? []).map((e) => errorWords(e, kind)).join("; ") };
}

function errorWords(e: ErrorObject, kind: string): string {
  const where = e.instancePath || "(root)";
  const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
  if (e.keyword === "additionalProperties") {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    return `${where}: "${extra}" is not part of a ${kind} exercise (allowed there: ${allowed.join(", ")})`;
  }
  // What the kind needs (its settings, its limits); deeper (a check's title) ajv's words say it as well.
  if (e.keyword === "required" && (where === "(root)" || where === "/limits")) return `${where}: a ${kind} exercise needs "${(e.params as { missingProperty: string }).missingProperty}"`;
  return describeErrors([e]);
}
