// Generated cases for the socket kinds: families in exercise.json fill drawn values into a case template.
// The references score 100 on several seeds (the expectation in each template follows the contract, so a
// correct program passes every draw); a broken program's generated failures carry a replay command that
// draws the same cases again; and the template words and the validation of families work as documented.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gradeJson, root, testOf } from "./helpers/cli.js";
import { instantiate, TemplateError, type Scope } from "../grader/kinds/socket/template.js";
import { socketFamilyProblems } from "../grader/kinds/socket/generated.js";
import type { Exercise } from "../grader/generated/exercise.js";

const SEEDS = [1, 2, 3];
const fixture = (exercise: string, variant: string) => path.join(root, "test", "fixtures", exercise, variant);

describe.concurrent("generated socket cases", () => {
  for (const exercise of ["exercise-03", "exercise-04"]) {
    it.each(SEEDS)(`${exercise}: the reference scores 100 with --seed %i, generated cases included`, async (seed) => {
      const { run, result } = await gradeJson(exercise, path.join(root, "solutions", exercise), ["--seed", String(seed), "--sandbox", "none"]);
      expect(run.exitCode, run.stderr).toBe(0);
      expect(result.score).toBe(result.max_score);
      expect(result.seed).toBe(seed);
      // The families ran: each check they count for has more cases than cases.json alone gives it.
      const ex = JSON.parse(readFileSync(path.join(root, "exercises", exercise, "exercise.json"), "utf8")) as Exercise;
      const cases = JSON.parse(readFileSync(path.join(root, "exercises", exercise, "cases.json"), "utf8")).cases as { checks: string[] }[];
      for (const family of ex.generated ?? []) {
        for (const id of family.checks) {
          const fixed = cases.filter((c) => c.checks.includes(id)).length;
          expect(testOf(result, id).total_cases, `${family.id} → ${id}`).toBeGreaterThanOrEqual(fixed + family.count);
        }
      }
    });
  }

  it("a failing generated case is shrunk, says how to replay it, and the replay draws the same case", async () => {
    const dir = fixture("exercise-03", "op-case-insensitive");
    // Seed 1 draws {"op": "COUNT", ...} among the random-bad-op cases (the variant takes it for count).
    const args = ["--seed", "1", "--only", "bad-op", "--sandbox", "none"];
    const first = (await gradeJson("exercise-03", dir, args)).result;
    const generated = testOf(first, "bad-op").cases.filter((c) => c.generated);
    expect(generated.length).toBeGreaterThan(0);
    const g = generated[0].generated!;
    expect(g.family).toBe("random-bad-op");
    expect(g.seed).toBe(1);
    expect(g.replay).toContain("grade exercise-03 ");
    expect(g.replay).toContain("--seed 1 --only bad-op");
    // Shrunk: the case shown is a smaller one that still fails, next to the input it came from.
    expect(generated[0].message).toMatch(/Shrunk from the failing input/);
    const again = (await gradeJson("exercise-03", dir, args)).result;
    const replayed = testOf(again, "bad-op").cases.filter((c) => c.generated);
    expect(replayed.map((c) => [c.id, c.generated!.index])).toEqual(generated.map((c) => [c.id, c.generated!.index]));
    // The port differs from run to run; the requests do not. (How far shrinking gets depends on time, so
    // the first failure is compared by the input it was shrunk from.)
    const requests = (cs: typeof generated) => cs.map((c, i) => (i === 0 ? c.message.replace(/^[^]*Shrunk from the failing input /, "") : c.given).replace(/ \d+;/, " PORT;"));
    expect(requests(replayed)).toEqual(requests(generated));
  });

  it("a client that takes any reply for the server fails the generated decoy cases, marked as generated", async () => {
    const { result } = await gradeJson("exercise-04", fixture("exercise-04", "takes-first-datagram"), ["--seed", "2", "--only", "ignores-decoy", "--sandbox", "none"]);
    const failed = testOf(result, "ignores-decoy").cases.filter((c) => c.generated);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((c) => c.generated!.family === "random-decoys" && c.generated!.replay.includes("--seed 2 --only ignores-decoy"))).toBe(true);
  });
});

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

  it("finds nothing wrong with the exercises' own families", () => {
    expect(socketFamilyProblems(load("exercise-03"), [], "udp-server-cases.schema.json", () => [])).toEqual([]);
    expect(socketFamilyProblems(load("exercise-04"), [], "udp-client-cases.schema.json", () => [])).toEqual([]);
  });

  it("reports a template that names an unknown value, a case that breaks the kind's schema, and an unknown check", () => {
    const ex = load("exercise-04");
    const [first, second, third] = ex.data.generated!;
    ex.data.generated = [
      { ...first, case: { ...first.case, text: { $var: "missing" } } },
      { ...second, case: { ...second.case, expect: { stdout: "everything" } } },
      { ...third, checks: ["no-such-check"] },
    ];
    const problems = socketFamilyProblems(ex, [], "udp-client-cases.schema.json", () => []).join("\n");
    expect(problems).toContain(`family ${first.id}: $var: no value named "missing"`);
    expect(problems).toMatch(new RegExp(`family ${second.id}: a drawn case is not valid`));
    expect(problems).toContain(`family ${third.id} names unknown check no-such-check`);
  });
});
