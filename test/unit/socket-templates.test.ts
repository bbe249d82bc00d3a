// The socket kinds' generated cases without running anything: the template words ($var, $each, $switch)
// and the validation of the families an exercise declares.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../helpers/cli.js";
import { exerciseIds } from "../../grader/engine/exercises.js";
import { instantiate, TemplateError, type Scope } from "../../grader/kinds/socket/template.js";
import { socketFamilyProblems } from "../../grader/kinds/socket/generated.js";
import type { Exercise } from "../../grader/generated/exercise.js";

describe("case templates", () => {
  const scope = (vars: Record<string, unknown>): Scope => ({ vars, local: (n) => `${n}7` });

  it("puts drawn values where $var stands, by path, and leaves the kind's own matchers alone", () => {
    const t = { text: { $var: "r.text" }, first: { $var: "list.0" }, count: { $count: { $local: "a" } }, token: { $token: true } };
    expect(instantiate(t, scope({ r: { text: "你好" }, list: ["x", "y"] }))).toEqual({ text: "你好", first: "x", count: { $count: "a7" }, token: { $token: true } });
  });

  it("inserts a drawn value as it is, even one that looks like a template word", () => {
    expect(instantiate({ v: { $var: "x" } }, scope({ x: { $var: "y" } }))).toEqual({ v: { $var: "y" } });
  });

  it("leaves out a key whose drawn part is missing (an optional key not drawn)", () => {
    expect(instantiate({ ok: { $var: "o.ok" }, n: 1 }, scope({ o: {} }))).toEqual({ n: 1 });
  });

  it("repeats $each's templates for every element, and $switch picks a template by value ([] adds nothing)", () => {
    const t = [{ $each: "seq", as: "s", do: [{ $switch: { $var: "s.op" }, cases: { count: { send: "count", from: { $var: "s.from" } }, skip: [] } }] }, "end"];
    const seq = [
      { op: "count", from: "a" },
      { op: "skip", from: "b" },
      { op: "count", from: "c" },
    ];
    expect(instantiate(t, scope({ seq }))).toEqual([{ send: "count", from: "a" }, { send: "count", from: "c" }, "end"]);
  });

  it("refuses unknown names, a $switch with no case for the value, and $each outside a list", () => {
    expect(() => instantiate({ $var: "nope" }, scope({}))).toThrow(TemplateError);
    expect(() => instantiate({ $switch: "z", cases: { a: 1 } }, scope({}))).toThrow(/no case for z/);
    expect(() => instantiate({ steps: { $each: "l", do: [] } }, scope({ l: [] }))).toThrow(/only be an item of a list/);
    expect(() => instantiate({ $var: "x", extra: 1 }, scope({ x: 1 }))).toThrow(/unexpected extra/);
  });
});

describe("validation of socket families", () => {
  const load = (id: string) => ({ dir: path.join(root, "exercises", id), data: JSON.parse(readFileSync(path.join(root, "exercises", id, "exercise.json"), "utf8")) as Exercise });

  // Every socket exercise of the course with generated families (their kind's case schema is <kind>-cases.schema.json).
  const socketExercises = exerciseIds().filter((id) => {
    const { data } = load(id);
    return data.kind !== "function-call" && (data.generated?.length ?? 0) > 0;
  });
  const caseSchema = (id: string) => `${load(id).data.kind}-cases.schema.json`;

  it.each(socketExercises)("finds nothing wrong with %s's own families", (id) => {
    expect(socketFamilyProblems(load(id), [], caseSchema(id), () => [])).toEqual([]);
  });

  it("reports a template that names an unknown value, a case that breaks the kind's schema, and an unknown check", () => {
    const id = socketExercises.find((x) => load(x).data.kind === "udp-client" && load(x).data.generated!.length >= 3)!;
    const ex = load(id);
    const [first, second, third] = ex.data.generated!;
    ex.data.generated = [
      { ...first, case: { ...first.case, text: { $var: "missing" } } },
      { ...second, case: { ...second.case, expect: { stdout: "everything" } } },
      { ...third, checks: ["no-such-check"] },
    ];
    const problems = socketFamilyProblems(ex, [], caseSchema(id), () => []).join("\n");
    expect(problems).toContain(`family ${first.id}: $var: no value named "missing"`);
    expect(problems).toMatch(new RegExp(`family ${second.id}: a drawn case is not valid`));
    expect(problems).toContain(`family ${third.id} names unknown check no-such-check`);
  });
});
