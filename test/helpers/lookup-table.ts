// Builds the submission a student would write by copying the public answers: a Python module whose functions
// look their arguments up in the exercise's own cases.json and answer `fallback` for everything else. The
// grader must not give it a passing score (issue 11: public cases are always readable in the repository).
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { root } from "./cli.js";

interface FnCase {
  id: string;
  call: string;
  args: unknown[];
  expect: { returns?: unknown; raises?: string };
}

const hasPortName = (v: unknown): boolean => JSON.stringify(v).includes('"$port"');

/** The answers of the public cases, per function: [args as JSON, expectation]. */
export function publicAnswers(exercise: string): Map<string, { id: string; args: unknown[]; expect: FnCase["expect"] }[]> {
  const ex = JSON.parse(readFileSync(path.join(root, "exercises", exercise, "exercise.json"), "utf8"));
  const cases = JSON.parse(readFileSync(path.join(root, "exercises", exercise, ex.cases ?? "cases.json"), "utf8")).cases as FnCase[];
  const out = new Map<string, { id: string; args: unknown[]; expect: FnCase["expect"] }[]>();
  for (const c of cases) {
    if (hasPortName(c.args) || hasPortName(c.expect) || !("returns" in c.expect || c.expect.raises)) continue;
    out.set(c.call, [...(out.get(c.call) ?? []), { id: c.id, args: c.args, expect: c.expect }]);
  }
  return out;
}

/** The answers that the public cases give most often, per function, most frequent first. */
export function commonAnswers(answers: { expect: FnCase["expect"] }[]): unknown[] {
  const counts = new Map<string, number>();
  for (const a of answers) if ("returns" in a.expect) counts.set(JSON.stringify(a.expect.returns), (counts.get(JSON.stringify(a.expect.returns)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => JSON.parse(k));
}

/** Writes DIR/<entry>: the lookup table, with `pickFallback` choosing each function's answer for unknown input. */
export async function writeLookupTable(exercise: string, dir: string, pickFallback: (common: unknown[]) => unknown): Promise<void> {
  const ex = JSON.parse(readFileSync(path.join(root, "exercises", exercise, "exercise.json"), "utf8"));
  const table: Record<string, { args: unknown[]; expect: FnCase["expect"] }[]> = {};
  const fallbacks: Record<string, unknown> = {};
  for (const [fn, answers] of publicAnswers(exercise)) {
    table[fn] = answers;
    fallbacks[fn] = pickFallback(commonAnswers(answers));
  }
  const source = `import ast, builtins, json

_TABLE = json.loads(${JSON.stringify(JSON.stringify(table))})
_FALLBACK = json.loads(${JSON.stringify(JSON.stringify(fallbacks))})

def _value(v):
    if isinstance(v, dict) and len(v) == 1 and isinstance(v.get("$py"), str):
        return ast.literal_eval(v["$py"])
    if isinstance(v, list):
        return [_value(x) for x in v]
    if isinstance(v, dict):
        return {k: _value(x) for k, x in v.items()}
    return v

def _key(args):
    return repr([(type(a).__name__, a) for a in args])

_LOOKUP = {fn: {_key(_value(c["args"])): c["expect"] for c in cases} for fn, cases in _TABLE.items()}

def _answer(fn, args):
    expect = _LOOKUP.get(fn, {}).get(_key(list(args)))
    if expect is None:
        return _value(_FALLBACK.get(fn))
    if "raises" in expect:
        raise getattr(builtins, expect["raises"], Exception)("from the table")
    return _value(expect["returns"])
`;
  const fns = Object.keys(ex.functions ?? {}).map((fn) => `\ndef ${fn}(*args):\n    return _answer(${JSON.stringify(fn)}, args)\n`);
  await writeFile(path.join(dir, ex.entry), source + fns.join(""));
}
