// The fake server's replies as the case writes them, filled for one request: {"$requestText"},
// {"$requestFrom"}, {"$token"}, {"$requestField"} and {"$format"}, then {"$checksum"} over the filled
// object's other keys. The same filling shows a reply (and an expected stdout line) in the feedback.
import type { Payload } from "../socket/payload.js";
import { fillPattern } from "../socket/pattern.js";
import { checksumOf } from "../socket/checksum.js";

/** Stands for the request in the words of a case: {"$requestField": "seq"} shows as <seq>. */
export const PLACEHOLDER_REQUEST = Object.freeze({});
/**
 * Wraps a placeholder that stands for a whole value (<seq+1>, <checksum>): once the reply is written as JSON,
 * unquotePlaceholders shows it bare, as the number it stands for, rather than as the string "<seq+1>".
 */
const MARK = "\u0001";
const placeholder = (name: string) => `${MARK}<${name}>${MARK}`;

/** The JSON text of a reply filled with PLACEHOLDER_REQUEST, its whole-value placeholders unquoted. */
export const unquotePlaceholders = (json: string): string => json.replace(/"\\u0001(<[^"\\]*>)\\u0001"/g, "$1");

export interface FillValues {
  text: unknown;
  from: string;
  token: string;
  request?: unknown;
}

export function fillReply(p: Payload, v: FillValues): { payload: Payload; json?: unknown } {
  if (!("json" in p)) return { payload: p };
  const json = fillValue(p.json, v);
  return { payload: { ...p, json }, json };
}

export function fillValue(pattern: unknown, v: FillValues): unknown {
  const field = (arg: unknown) => {
    const { key, add } = typeof arg === "string" ? { key: arg, add: 0 } : (arg as { key: string; add?: number });
    const value = v.request && typeof v.request === "object" ? (v.request as Record<string, unknown>)[key] : undefined;
    if (v.request === PLACEHOLDER_REQUEST) return placeholder(add ? `${key}${add > 0 ? "+" : ""}${add}` : key);
    return add && typeof value === "number" ? value + add : value;
  };
  const format = (arg: unknown) => String(arg).replace(/\{(text|token|from)\}/g, (_m, k: string) => String(k === "text" ? v.text : k === "token" ? v.token : v.from));
  const CHECKSUM = "\u0000checksum";
  const json = fillPattern(pattern, { $requestText: () => v.text, $requestFrom: () => v.from, $token: () => v.token, $requestField: field, $format: format, $checksum: () => (v.request === PLACEHOLDER_REQUEST ? placeholder("checksum") : CHECKSUM) });
  // The checksum covers the other keys as filled, so it is computed last, in every object that asks for it.
  const seal = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(seal);
    if (!x || typeof x !== "object") return x;
    const o = Object.fromEntries(Object.entries(x).map(([k, y]) => [k, seal(y)]));
    for (const [k, y] of Object.entries(o)) if (y === CHECKSUM) o[k] = checksumOf(o, k);
    return o;
  };
  return seal(json);
}
