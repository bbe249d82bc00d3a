// Matches a JSON value against a pattern from a case file. A pattern is JSON where an object with one
// "$name" key is a matcher, answered by the driver (e.g. {"$client": "a"}); object patterns list the keys
// that must match (other keys are allowed).
import { t, type Lang } from "../../core/i18n.js";
import { isPyMarker } from "../../answers/python-values.js";

/** `at`: where in the value the matcher stands (e.g. `"count"`), for callers that say which part was wrong. */
export type MatcherFn = (arg: unknown, value: unknown, at: string) => string | undefined;


function matcherOf(p: unknown): [string, unknown] | undefined {
  if (!p || typeof p !== "object" || Array.isArray(p)) return undefined;
  const keys = Object.keys(p);
  return keys.length === 1 && keys[0].startsWith("$") ? [keys[0], (p as Record<string, unknown>)[keys[0]]] : undefined;
}

/** A value as JSON (cut at 120 characters); a missing one in words; a float marker as the number it was (1.0). */
export const show = (v: unknown, lang: Lang = "en") =>
  v === undefined ? t(lang, "missingValue") : (JSON.stringify(v, (_k, x) => (isPyMarker(x) ? `\u0000py\u0000${x.$repr}` : x))?.replace(/"\\u0000py\\u0000([^"]*)"/g, "$1").slice(0, 120) ?? String(v));

/**
 * "expected EXPECTED, got VALUE" in the student's language; what matchers answer when a value is wrong.
 * `intWanted`: an int is expected, so a float (1.0, which Python's json writes for float(1)) is said to be one.
 */
export function expectedGot(lang: Lang, expected: string, value: unknown, intWanted = false): string {
  const float = intWanted && isPyMarker(value) && value.$pyType === "float" ? t(lang, "patternFloatNotInt") : "";
  return t(lang, "patternExpected", { pattern: expected, value: show(value, lang) }) + float;
}

/** Problems found, each naming the key path: [] when the value matches. */
export function matchPattern(pattern: unknown, value: unknown, matchers: Record<string, MatcherFn>, lang: Lang = "en", at = ""): string[] {
  const where = at || t(lang, "patternValue");
  const said = (why: string) => t(lang, "patternAt", { where, why });
  const m = matcherOf(pattern);
  if (m) {
    const fn = matchers[m[0]];
    if (!fn) throw new Error(`unknown matcher ${m[0]} in a case file`);
    const why = fn(m[1], value, where);
    return why ? [said(why)] : [];
  }
  if (Array.isArray(pattern)) {
    if (!Array.isArray(value) || value.length !== pattern.length) return [said(expectedGot(lang, show(pattern, lang), value))];
    return pattern.flatMap((p, i) => matchPattern(p, value[i], matchers, lang, `${at}[${i}]`));
  }
  if (pattern && typeof pattern === "object") {
    if (!value || typeof value !== "object" || Array.isArray(value)) return [said(t(lang, "patternObject", { value: show(value, lang) }))];
    return Object.entries(pattern).flatMap(([k, p]) => matchPattern(p, (value as Record<string, unknown>)[k], matchers, lang, at ? `${at}.${k}` : `"${k}"`));
  }
  return pattern === value ? [] : [said(expectedGot(lang, show(pattern, lang), value, Number.isInteger(pattern)))];
}

/** Fills matchers that stand for known values (e.g. {"$requestText": true}) to build a datagram to send. */
export function fillPattern(pattern: unknown, values: Record<string, (arg: unknown) => unknown>): unknown {
  const m = matcherOf(pattern);
  if (m && values[m[0]]) return values[m[0]](m[1]);
  if (Array.isArray(pattern)) return pattern.map((p) => fillPattern(p, values));
  if (pattern && typeof pattern === "object") return Object.fromEntries(Object.entries(pattern).map(([k, v]) => [k, fillPattern(v, values)]));
  return pattern;
}

/** Every matcher in a pattern, as [name, argument] (for checks of a case file before it runs). */
export function matchersIn(pattern: unknown): [string, unknown][] {
  const m = matcherOf(pattern);
  if (m) return [m];
  if (Array.isArray(pattern)) return pattern.flatMap(matchersIn);
  if (pattern && typeof pattern === "object") return Object.values(pattern).flatMap(matchersIn);
  return [];
}

/** A pattern rendered for "expected": matchers in words. */
export function describePattern(pattern: unknown, words: Record<string, (arg: unknown) => string>): string {
  const m = matcherOf(pattern);
  if (m) return words[m[0]]?.(m[1]) ?? `<${m[0].slice(1)}>`;
  if (Array.isArray(pattern)) return "[" + pattern.map((p) => describePattern(p, words)).join(", ") + "]";
  if (pattern && typeof pattern === "object") return "{" + Object.entries(pattern).map(([k, v]) => `${JSON.stringify(k)}: ${describePattern(v, words)}`).join(", ") + "}";
  return JSON.stringify(pattern);
}

