// Case templates for generated socket cases (the `case` of a family in exercise.json). A template is a
// case in the kind's own language, with a few template words that take the values drawn for one case,
// so the same drawn value goes into what is sent and into what is expected. Everything else — the
// kind's own matchers such as {"$count": "a"} or {"$token": true} included — is kept as written, and a
// drawn value is inserted as it is (never read as a template, whatever keys it has).

export class TemplateError extends Error {}

export interface Scope {
  /** The values drawn for this case, by name (and the current element of an $each). */
  vars: Record<string, unknown>;
  /** A name made unique to this case (grader sockets live as long as the server). */
  local(name: string): string;
}

const WORDS = ["$var", "$local", "$switch", "$each"];

/** The template word of a node, if it is one: an object whose keys include exactly one of WORDS. */
function wordOf(t: object): string | undefined {
  const found = Object.keys(t).filter((k) => WORDS.includes(k));
  if (found.length > 1) throw new TemplateError(`${found.join(" and ")} in one object`);
  return found[0];
}

function onlyKeys(t: object, allowed: string[]): void {
  const extra = Object.keys(t).filter((k) => !allowed.includes(k));
  if (extra.length) throw new TemplateError(`unexpected ${extra.join(", ")} next to ${allowed[0]}`);
}

/** A drawn value by path: "t", "r.reply", "steps.0". An unknown name is an error; a missing part is undefined. */
function lookup(vars: Record<string, unknown>, path: unknown): unknown {
  if (typeof path !== "string" || !path) throw new TemplateError(`$var needs a name, got ${JSON.stringify(path)}`);
  const [name, ...parts] = path.split(".");
  if (!(name in vars)) throw new TemplateError(`$var: no value named "${name}"`);
  let v = vars[name];
  for (const p of parts) v = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

/** The case for one draw. Keys whose value comes out undefined (an optional part not drawn) are left out. */
export function instantiate(t: unknown, scope: Scope): unknown {
  if (Array.isArray(t)) return t.flatMap((item) => inList(item, scope));
  if (!t || typeof t !== "object") return t;
  const o = t as Record<string, unknown>;
  switch (wordOf(o)) {
    case "$var":
      onlyKeys(o, ["$var"]);
      return lookup(scope.vars, o.$var);
    case "$local": {
      onlyKeys(o, ["$local"]);
      const name = instantiate(o.$local, scope);
      if (typeof name !== "string" || !name) throw new TemplateError(`$local needs a name, got ${JSON.stringify(name)}`);
      return scope.local(name);
    }
    case "$switch": {
      onlyKeys(o, ["$switch", "cases", "default"]);
      const value = instantiate(o.$switch, scope);
      const key = typeof value === "string" ? value : JSON.stringify(value);
      const cases = (o.cases ?? {}) as Record<string, unknown>;
      if (Object.prototype.hasOwnProperty.call(cases, key)) return instantiate(cases[key], scope);
      if ("default" in o) return instantiate(o.default, scope);
      throw new TemplateError(`$switch: no case for ${key}`);
    }
    case "$each":
      throw new TemplateError("$each can only be an item of a list");
    default:
      return Object.fromEntries(
        Object.entries(o)
          .map(([k, v]) => [k, instantiate(v, scope)] as const)
          .filter(([, v]) => v !== undefined),
      );
  }
}

/** An item of a list: $each adds its items, and so does a $switch whose chosen template is a list ([] adds nothing). */
function inList(item: unknown, scope: Scope): unknown[] {
  const word = item && typeof item === "object" && !Array.isArray(item) ? wordOf(item) : undefined;
  if (word === "$each") return expandEach(item as Record<string, unknown>, scope);
  const value = instantiate(item, scope);
  return word === "$switch" && Array.isArray(value) ? value : [value];
}

function expandEach(t: Record<string, unknown>, scope: Scope): unknown[] {
  onlyKeys(t, ["$each", "as", "do"]);
  const list = lookup(scope.vars, t.$each);
  if (!Array.isArray(list)) throw new TemplateError(`$each: ${String(t.$each)} is not a list`);
  const as = typeof t.as === "string" ? t.as : "item";
  if (!Array.isArray(t.do)) throw new TemplateError(`$each needs "do": a list of templates`);
  const body = t.do;
  return list.flatMap((element) => instantiate(body, { ...scope, vars: { ...scope.vars, [as]: element } }) as unknown[]);
}
