// Turns ajv's errors about a student's answer into plain sentences a student can act on, e.g.
//   `class` must be one of "A", "B", "C", "D", "E"; got "Z"
import type { ErrorObject } from "../core/schemas.js";
import { pick, t, type Lang, type MessageKey } from "../core/i18n.js";
import { jsonEqual, renderPython } from "./python-values.js";

const TYPE: Record<string, MessageKey> = { integer: "typeInteger", number: "typeNumber", string: "typeString", boolean: "typeBoolean", object: "typeObject", array: "typeArray", null: "typeNull" };
const ROOT: Record<string, MessageKey> = { "the answer": "rootAnswer", "the datagram": "rootDatagram" };

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

type VerboseError = ErrorObject & { parentSchema?: { description?: string; "x-description-zh"?: string } };

function sentence(e: VerboseError, answer: unknown, root: string, lang: Lang): string | undefined {
  const field = fieldName(e.instancePath, ROOT[root] ? t(lang, ROOT[root]) : root);
  const got = renderPython(valueAt(answer, e.instancePath));
  const p = e.params as Record<string, unknown>;
  // Schemas describe a value in English, and in Chinese under x-description-zh where feedback needs it.
  const desc = e.parentSchema?.description;
  const described = desc && pick(lang, { en: desc, zh: e.parentSchema?.["x-description-zh"] ?? desc });
  const types = (x: unknown) => (Array.isArray(x) ? x : [x]).map((y) => (TYPE[String(y)] ? t(lang, TYPE[String(y)]) : String(y))).join(t(lang, "typeOr"));
  const mustBe = (what: string) => t(lang, "schemaMustBe", { field, what, got });
  switch (e.keyword) {
    case "type":
      return mustBe(types(p.type));
    case "enum":
      return t(lang, "schemaOneOf", { field, list: (p.allowedValues as unknown[]).map((v) => renderPython(v)).join(", "), got });
    case "const":
      return mustBe(renderPython(p.allowedValue));
    case "required":
      return t(lang, "schemaMissing", { field, key: String(p.missingProperty) });
    case "additionalProperties":
      return t(lang, "schemaExtra", { field, key: String(p.additionalProperty) });
    case "minimum":
    case "maximum":
      return t(lang, e.keyword === "minimum" ? "schemaAtLeast" : "schemaAtMost", { field, limit: String(p.limit), got });
    case "minLength":
      return t(lang, "schemaNonEmpty", { field, got });
    case "pattern":
    case "oneOf":
    case "anyOf":
      return described ? mustBe(described) : e.keyword === "pattern" ? t(lang, "schemaFormat", { field, got }) : undefined;
    case "if":
      return undefined; // the branch's own errors say what is wrong
    default:
      return t(lang, "schemaInvalid", { field, message: e.message ?? "is not valid", got });
  }
}

const jsonType = (v: unknown): string[] =>
  v === null ? ["null"] : Array.isArray(v) ? ["array"] : typeof v === "number" ? (Number.isInteger(v) ? ["integer", "number"] : ["number"]) : [typeof v];

/**
 * Does the expected answer break this rule as well? Then the rule belongs to a branch of the schema the
 * right answer does not take (an if/then/else chosen by the student's wrong value: `valid` 'true' is not
 * true, so the schema's "invalid" branch asks for False), and saying it would contradict the expected value.
 */
function expectedBreaks(e: VerboseError, expected: unknown): boolean {
  const want = valueAt(expected, e.instancePath);
  if (want === undefined) return false;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "const":
      return !jsonEqual(want, p.allowedValue);
    case "enum":
      return !(p.allowedValues as unknown[]).some((v) => jsonEqual(want, v));
    case "type":
      return !jsonType(want).some((x) => (Array.isArray(p.type) ? p.type : [p.type]).includes(x));
    case "additionalProperties":
      return typeof want === "object" && want !== null && String(p.additionalProperty) in want;
    case "pattern":
      return typeof want === "string" && !new RegExp(String(p.pattern), "u").test(want);
    case "minimum":
      return typeof want === "number" && want < Number(p.limit);
    case "maximum":
      return typeof want === "number" && want > Number(p.limit);
    default:
      return false;
  }
}

/**
 * Plain sentences for ajv errors about `answer` (ajv must run with verbose: true so that a described
 * oneOf/pattern can speak for its branches), without duplicates.
 */
export function plainErrors(errors: ErrorObject[] | null | undefined, answer: unknown, root = "the answer", lang: Lang = "en", expected?: unknown): string[] {
  // Only the rules the expected answer keeps: a message never contradicts the expected value.
  const list = ((errors ?? []) as VerboseError[]).filter((e) => expected === undefined || !expectedBreaks(e, expected));
  // A described oneOf/anyOf replaces the errors of its own branches.
  const covering = list.filter((e) => (e.keyword === "oneOf" || e.keyword === "anyOf") && e.parentSchema?.description);
  const out: string[] = [];
  for (const e of list) {
    const inner = covering.some((c) => c !== e && e.instancePath === c.instancePath && e.schemaPath.startsWith(c.schemaPath + "/"));
    if (inner) continue;
    const s = sentence(e, answer, root, lang);
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}
