// Hostile and broken submissions for a function-call exercise: each is graded without harm to the grader,
// charged to that submission only, and leaves nothing behind.
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { GradeResult } from "../grader/generated/result.js";
import { gradeJson, root, testOf } from "./helpers/cli.js";
import { fixtureCopy, removeTemps } from "./helpers/fixtures.js";
import { gradeHostile as gradeHostileFixture } from "./helpers/hostile.js";

const reference = { file: "ip_classify.py", as: "correct_impl.py" };

const gradeHostile = (name: string) => gradeHostileFixture("exercise-01", name, reference);

/** The checks that lost points, and every non-passed case in them. */
function losses(result: GradeResult) {
  const tests = result.tests.filter((t) => t.score < t.max_score);
  return { ids: tests.map((t) => t.id), cases: tests.flatMap((t) => t.cases) };
}

afterAll(removeTemps);

describe.concurrent("hostile submissions (exercise-01)", () => {
  it("a call that hangs costs that case only", async () => {
    const { result } = await gradeHostile("hang-in-one-case");
    const { cases } = losses(result);
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      expect(c.given).toBe("classify_ip('150.10.20.30')");
      expect(c.status).toBe("error");
      expect(c.message).toMatch(/Still running after 2 s/);
    }
    expect(losses(result).ids.filter((id) => !["class-boundaries", "answer-shape"].includes(id))).toEqual([]);
    expect(result.score).toBeGreaterThan(98);
  });

  it("a call that kills the process costs that case only; the harness is restarted", async () => {
    const { result } = await gradeHostile("crash-in-one-case");
    const { cases } = losses(result);
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      expect(c.given).toBe("classify_ip('150.10.20.30')");
      expect(c.message).toMatch(/exit code 9/);
    }
    expect(losses(result).ids.filter((id) => !["class-boundaries", "answer-shape"].includes(id))).toEqual([]);
    expect(result.score).toBeGreaterThan(98);
  });

  it("exit() inside a call is a raised SystemExit for that case (the builtin works under -S)", async () => {
    const { result } = await gradeHostile("quit-in-call");
    const { cases } = losses(result);
    for (const c of cases) expect(c.got).toMatch(/SystemExit/);
    expect(losses(result).ids.filter((id) => !["class-boundaries", "answer-shape"].includes(id))).toEqual([]);
    expect(result.score).toBeGreaterThan(98);
  });

  it("printing at import and in every call (also straight to fd 1/2) costs nothing", async () => {
    const { result, exitCode } = await gradeHostile("prints-everywhere");
    expect(result.score).toBe(100);
    expect(exitCode).toBe(0);
  });

  it("3 MiB of output per call is capped and drained, not a crash or a hang", async () => {
    const { result } = await gradeHostile("flood-output");
    expect(result.score, JSON.stringify(losses(result).cases.slice(0, 3))).toBe(100);
  });

  it("forged result records on every fd gain nothing", async () => {
    const [forged, plain] = await Promise.all([gradeHostile("fake-records"), gradeHostile("always-invalid")]);
    expect(forged.result.score).toBe(plain.result.score);
    expect(forged.result.tests.map((t) => t.score)).toEqual(plain.result.tests.map((t) => t.score));
    expect(forged.result.warnings.join(" ")).toMatch(/private channel/);
  });

  it("sys.exit() at import: score 0, status error, a clear message", async () => {
    const { result, exitCode } = await gradeHostile("exit-at-import");
    expect(result.status).toBe("error");
    expect(result.score).toBe(0);
    expect(result.output).toMatch(/exit\(\)\/sys\.exit\(\) while being imported/);
    expect(exitCode).toBe(1);
  });

  it("os._exit() at import: the exit code is reported", async () => {
    const { result } = await gradeHostile("os-exit-at-import");
    expect(result.status).toBe("error");
    expect(result.output).toMatch(/exit code 7/);
  });

  it("a syntax error: score 0 and the Python error with its line, not a grader stack trace", async () => {
    const { result } = await gradeHostile("syntax-error");
    expect(result.status).toBe("error");
    expect(result.score).toBe(0);
    expect(result.output).toMatch(/SyntaxError/);
    expect(result.output).toMatch(/ip_classify\.py:1/);
    expect(result.output).toContain("def classify_ip(address)");
    expect(result.output).not.toMatch(/at .*\.js:\d+/);
  });

  it("an exception at import names the error and the student's line", async () => {
    const { result } = await gradeHostile("raises-at-import");
    expect(result.output).toMatch(/NameError: name 'reslt' is not defined/);
    expect(result.output).toMatch(/ip_classify\.py:6/);
  });

  it("input() at import fails fast with a message about stdin (no wait for the import limit)", async () => {
    const { result } = await gradeHostile("input-at-import");
    expect(result.status).toBe("error");
    expect(result.output).toMatch(/EOFError/);
    expect(result.output).toMatch(/input\(\)/);
    expect(result.output).not.toMatch(/longer than/);
  });

  it("a module that never finishes importing is stopped at the import limit", async () => {
    const { result } = await gradeHostile("hang-at-import");
    expect(result.status).toBe("error");
    expect(result.output).toMatch(/longer than 5 s/);
  });

  it("a missing function is reported per case by name", async () => {
    const { result } = await gradeHostile("wrong-name");
    expect(result.score).toBe(0);
    expect(testOf(result, "accepts-valid").cases[0].message).toMatch(/no function classify_ip\(\)/);
  });

  it("deleting and rewriting its own files changes nothing in the student's folder", async () => {
    const { result, dir } = await gradeHostile("deletes-itself");
    expect(result.score).toBe(100);
    expect(existsSync(path.join(dir, "ip_classify.py"))).toBe(true);
    const original = await readFile(path.join(root, "solutions", "exercise-01", "ip_classify.py"), "utf8");
    expect(await readFile(path.join(dir, "correct_impl.py"), "utf8")).toBe(original);
  });
});

// What the grader judges beyond a returned value is observed from outside the student's interpreter, and a
// record is taken only with a key sent after the call returned: code in the student's process that reads
// the harness's frames, replaces its functions, patches os or leaves a thread behind gains nothing. Each
// fixture is graded with the default sandbox (bubblewrap where it works) and without one.
describe.concurrent("hostile submissions (exercise-02): what the grader observes, the student's code cannot change", () => {
  const ports = { file: "ports.py", as: "correct_impl.py" };
  const modes = [["default sandbox", []], ["--sandbox none", ["--sandbox", "none"]]] as const;
  const gradePorts = (name: string, extra: readonly string[]) => gradeHostileFixture("exercise-02", name, ports, [...extra]);
  const pickChecks = ["free-port-returns-free", "skips-udp-taken", "tcp-taken-is-free-for-udp", "high-is-reachable", "none-when-all-taken", "bad-range-raises", "respects-host", "free-port-answer-shape"];

  it("without /proc (as on macOS) the socket cases are errors with a warning, never passes", async () => {
    const dir = await fixtureCopy("../../solutions/exercise-02");
    const { result } = await gradeJson("exercise-02", dir, [], { GRADER_PROC: path.join(dir, "no-proc-here") });
    const check = testOf(result, "closes-sockets");
    expect(check.status).toBe("error");
    expect(check.score).toBe(0);
    for (const c of check.cases) expect(c.message).toMatch(/Not checked: open sockets are counted from outside the program/);
    expect(result.warnings.join(" ")).toMatch(/sockets left open could not be counted here/);
    // Everything else is judged as usual.
    expect(result.tests.filter((t) => t.score < t.max_score).map((t) => t.id)).toEqual(["closes-sockets"]);
  });

  for (const [mode, extra] of modes) {
    it(`records forged with the nonce, id or key read from the harness's frames are never judged (${mode})`, async () => {
      const { result } = await gradePorts("forges-from-frame", extra);
      // It forged the right answer for every call and returned a wrong one: what it returned is what counts.
      expect(result.score).toBe(0);
      const accepts = testOf(result, "accepts-int-ports");
      expect(accepts.cases.length).toBeGreaterThan(0);
      for (const c of accepts.cases) expect(c.got).toBe("{'valid': False}");
      for (const c of testOf(result, "free-port-returns-free").cases) expect(c.got).toBe("0");
      expect(result.warnings.join(" ")).toMatch(/private channel/);
    });

    it(`replacing the harness's leak counter changes nothing: closes-sockets still fails (${mode})`, async () => {
      const { result } = await gradePorts("replaces-leak-observer", extra);
      const check = testOf(result, "closes-sockets");
      expect(check.score).toBeLessThan(check.max_score);
      expect(check.cases.map((c) => c.message).join(" ")).toMatch(/socket\(s\) opened by the module's functions were still open/);
      expect(result.tests.filter((t) => t.score < t.max_score).map((t) => t.id)).toEqual(["closes-sockets"]);
    });

    it(`patching os.listdir/os.readlink/os.scandir hides no socket: closes-sockets still fails (${mode})`, async () => {
      const { result } = await gradePorts("hides-sockets", extra);
      const check = testOf(result, "closes-sockets");
      expect(check.score).toBeLessThan(check.max_score);
      expect(check.cases.map((c) => c.message).join(" ")).toMatch(/socket\(s\) opened by the module's functions were still open/);
      expect(result.tests.filter((t) => t.score < t.max_score).map((t) => t.id)).toEqual(["closes-sockets"]);
    });

    it(`a "returned" written early, before the sockets are opened, hides no socket: closes-sockets still fails (${mode})`, async () => {
      const { result } = await gradePorts("returned-early-then-leaks", extra);
      const check = testOf(result, "closes-sockets");
      expect(check.score).toBe(0);
      expect(check.cases.map((c) => c.message).join(" ")).toMatch(/socket\(s\) opened by the module's functions were still open/);
      expect(result.tests.filter((t) => t.score < t.max_score).map((t) => t.id)).toEqual(["closes-sockets"]);
    });

    it(`a thread left behind to steal the key and forge records gains nothing: those calls are errors (${mode})`, async () => {
      const { result } = await gradePorts("thread-forges-after-return", extra);
      for (const id of pickChecks) {
        const check = testOf(result, id);
        expect(check.score, id).toBe(0);
        expect(check.cases.length, id).toBeGreaterThan(0);
        for (const c of check.cases) {
          expect(c.status).toBe("error");
          expect(c.message).toMatch(/thread\(s\) .* still running/);
          expect(c.got).toBeUndefined();
        }
      }
      // classify_port is the reference's and keeps every point: each bad call cost only itself.
      for (const t of result.tests.filter((x) => !pickChecks.includes(x.id) && x.id !== "closes-sockets")) expect(t.score, t.id).toBe(t.max_score);
    });
  }
});
