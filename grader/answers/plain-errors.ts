// Turns ajv's errors about a student's answer into plain sentences a student can act on, e.g.
//   `class` must be one of "A", "B", "C", "D", "E"; got "Z"
import type { ErrorObject } from "../core/schemas.js";
import { renderPython } from "./python-values.js";

function fieldName(instancePath: string, root: string): string {
  if (!instancePath) return root;
  const parts = instancePath.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  return "`" + parts.join(".") + "`";
}

function valueAt(root: unknown, instancePath: string): unknown {
  let v: unknown = root;
  for (const part of instancePath.split("/").slice(1)) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return v;
}

const typeWords: Record<string, string> = {
  integer: "an int",
  number: "a number",
  string: "a str",
  boolean: "a bool (True or False)",
  object: "a dict",
  array: "a list",
  null: "None",
};

function typeList(t: unknown): string {
  const list = Array.isArray(t) ? t : [t];
  return list.map((x) => typeWords[String(x)] ?? String(x)).join(" or ");
}

type VerboseError = ErrorObject & { parentSchema?: { description?: string } };

function sentence(e: VerboseError, answer: unknown, root: string): string | undefined {
  const field = fieldName(e.instancePath, root);
  const got = renderPython(valueAt(answer, e.instancePath));
  const p = e.params as Record<string, unknown>;
  const described = e.parentSchema?.description;
  switch (e.keyword) {
    case "type":
      return `${field} must be ${typeList(p.type)}; got ${got}`;
    case "enum":
      return `${field} must be one of ${(p.allowedValues as unknown[]).map((v) => renderPython(v)).join(", ")}; got ${got}`;
    case "const":
      return `${field} must be ${renderPython(p.allowedValue)}; got ${got}`;
    case "required":
      return `${field} is missing the key "${String(p.missingProperty)}"`;
    case "additionalProperties":
      return `${field} has a key that is not allowed: "${String(p.additionalProperty)}"`;
    case "minimum":
    case "maximum":
      return `${field} must be ${e.keyword === "minimum" ? "at least" : "at most"} ${String(p.limit)}; got ${got}`;
    case "pattern":
    case "oneOf":
    case "anyOf":
      return described ? `${field} must be ${described}; got ${got}` : e.keyword === "pattern" ? `${field} has the wrong format; got ${got}` : undefined;
    case "if":
      return undefined; // the branch's own errors say what is wrong
    default:
      return `${field} ${e.message ?? "is not valid"}; got ${got}`;
  }
}

/**
 * Plain sentences for ajv errors about `answer` (ajv must run with verbose: true so that a described
 * oneOf/pattern can speak for its branches), without duplicates.
 */
export function plainErrors(errors: ErrorObject[] | null | undefined, answer: unknown, root = "the answer"): string[] {
  const list = (errors ?? []) as VerboseError[];
  // A described oneOf/anyOf replaces the errors of its own branches.
  const covering = list.filter((e) => (e.keyword === "oneOf" || e.keyword === "anyOf") && e.parentSchema?.description);
  const out: string[] = [];
  for (const e of list) {
    const inner = covering.some((c) => c !== e && e.instancePath === c.instancePath && e.schemaPath.startsWith(c.schemaPath + "/"));
    if (inner) continue;
    const s = sentence(e, answer, root);
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}
