// Turns ajv's errors about a student's answer into plain sentences a student can act on, e.g.
//   `class` must be one of "A", "B", "C", "D", "E"; got "Z"
import type { ErrorObject } from "../core/schemas.js";
import type { Lang } from "../core/i18n.js";
import { jsonEqual, renderPython } from "./python-values.js";

const W = {
  en: {
    types: { integer: "an int", number: "a number", string: "a str", boolean: "a bool (True or False)", object: "a dict", array: "a list", null: "None" } as Record<string, string>,
    or: " or ",
    mustBe: (f: string, what: string, got: string) => `${f} must be ${what}; got ${got}`,
    oneOf: (f: string, list: string, got: string) => `${f} must be one of ${list}; got ${got}`,
    missing: (f: string, key: string) => `${f} is missing the key "${key}"`,
    extra: (f: string, key: string) => `${f} has a key that is not allowed: "${key}"`,
    bound: (f: string, what: string, got: string) => `${f} must be ${what}; got ${got}`,
    atLeast: "at least",
    atMost: "at most",
    format: (f: string, got: string) => `${f} has the wrong format; got ${got}`,
    invalid: (f: string, msg: string, got: string) => `${f} ${msg}; got ${got}`,
    roots: { "the answer": "the answer", "the datagram": "the datagram" } as Record<string, string>,
  },
  zh: {
    types: { integer: "int 整数", number: "数字", string: "str 字符串", boolean: "bool（True 或 False）", object: "dict 字典", array: "list 列表", null: "None" } as Record<string, string>,
    or: " 或 ",
    mustBe: (f: string, what: string, got: string) => `${f} 应为 ${what}；实际为 ${got}`,
    oneOf: (f: string, list: string, got: string) => `${f} 应为 ${list} 之一；实际为 ${got}`,
    missing: (f: string, key: string) => `${f} 缺少键 "${key}"`,
    extra: (f: string, key: string) => `${f} 含有不允许的键 "${key}"`,
    bound: (f: string, what: string, got: string) => `${f} 应${what}；实际为 ${got}`,
    atLeast: "不小于",
    atMost: "不大于",
    format: (f: string, got: string) => `${f} 格式不对；实际为 ${got}`,
    invalid: (f: string, msg: string, got: string) => `${f} 不合要求（${msg}）；实际为 ${got}`,
    roots: { "the answer": "返回值", "the datagram": "数据报" } as Record<string, string>,
  },
};

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
  const w = W[lang];
  const field = fieldName(e.instancePath, w.roots[root] ?? root);
  const got = renderPython(valueAt(answer, e.instancePath));
  const p = e.params as Record<string, unknown>;
  // Schemas describe a value in English, and in Chinese under x-description-zh where feedback needs it.
  const described = (lang === "zh" && e.parentSchema?.["x-description-zh"]) || e.parentSchema?.description;
  const types = (t: unknown) => (Array.isArray(t) ? t : [t]).map((x) => w.types[String(x)] ?? String(x)).join(w.or);
  switch (e.keyword) {
    case "type":
      return w.mustBe(field, types(p.type), got);
    case "enum":
      return w.oneOf(field, (p.allowedValues as unknown[]).map((v) => renderPython(v)).join(", "), got);
    case "const":
      return w.mustBe(field, renderPython(p.allowedValue), got);
    case "required":
      return w.missing(field, String(p.missingProperty));
    case "additionalProperties":
      return w.extra(field, String(p.additionalProperty));
    case "minimum":
    case "maximum":
      return w.bound(field, `${e.keyword === "minimum" ? w.atLeast : w.atMost} ${String(p.limit)}`, got);
    case "minLength":
      return w.mustBe(field, lang === "zh" ? "非空字符串" : "a non-empty str", got);
    case "pattern":
    case "oneOf":
    case "anyOf":
      return described ? w.mustBe(field, described, got) : e.keyword === "pattern" ? w.format(field, got) : undefined;
    case "if":
      return undefined; // the branch's own errors say what is wrong
    default:
      return w.invalid(field, e.message ?? "is not valid", got);
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
