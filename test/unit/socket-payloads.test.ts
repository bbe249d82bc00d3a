// The socket kinds' case language: generated payloads, numbers read as Python reads them, and the
// declarations of where grader sockets are bound.
import { describe, expect, it } from "vitest";
import { parseJsonDatagram, payloadBytes } from "../../grader/kinds/socket/payload.js";
import { show } from "../../grader/kinds/socket/pattern.js";
import { socketDeclarationProblems } from "../../grader/kinds/udp-server/driver.js";
import type { Case } from "../../grader/generated/udp-server-cases.js";

describe("payloads", () => {
  it("padTo pads JSON with blanks to exactly N bytes, the same value", () => {
    const bytes = payloadBytes({ json: { ok: true, text: "你好" }, padTo: 65507 });
    expect(bytes.length).toBe(65507);
    expect(JSON.parse(bytes.toString("utf8"))).toEqual({ ok: true, text: "你好" });
    expect(bytes.subarray(-1).toString()).toBe("}");
  });
  it("parts repeat pieces of text", () => {
    expect(payloadBytes({ parts: [{ utf8: "[", times: 3 }, { utf8: "]", times: 3 }] }).toString()).toBe("[[[]]]");
    expect(payloadBytes({ parts: [{ utf8: "é" }] }).length).toBe(2);
  });
});

describe("numbers in a datagram, as Python reads them", () => {
  it("an integral float (1.0, 1e2) is a float marker; ints, other floats, strings and keys are left alone", () => {
    const r = parseJsonDatagram(Buffer.from('{"count": 1.0, "a": 2.5, "b": 3, "c": -0, "s": "1.0 \\" 2.0", "1.0": [1e2, 7]}'));
    expect(r).toEqual({
      ok: true,
      value: { count: { $pyType: "float", $repr: "1.0" }, a: 2.5, b: 3, c: -0, s: '1.0 " 2.0', "1.0": [{ $pyType: "float", $repr: "1e2" }, 7] },
    });
  });
  it("text that is not JSON stays not JSON (01.0 is not a number)", () => {
    expect(parseJsonDatagram(Buffer.from('{"count": 01.0}'))).toEqual({ ok: false, why: "not JSON" });
  });
  it("feedback shows a float marker as the number that was sent", () => {
    const r = parseJsonDatagram(Buffer.from('{"ok": true, "count": 3.0}'));
    expect(show(r.ok && r.value)).toBe('{"ok":true,"count":3.0}');
  });
});

describe("where a udp-server case binds its sockets", () => {
  const hosts = new Map([["v4", "127.0.0.1"], ["v6", "::1"]]);
  const c = (id: string, sockets: Case["sockets"], launch = "v4"): Case => ({ id, checks: ["x"], launch, sockets, steps: [{ expect: { alive: true } }] });
  it("accepts two senders that differ only by IP", () => {
    expect(socketDeclarationProblems([c("a", { p1: { host: "127.0.0.2" }, p2: { host: "127.0.0.3", samePortAs: "p1" } })], hosts)).toEqual([]);
  });
  it("refuses a samePortAs not declared before, on the same host, across families, or declared two ways", () => {
    const problems = socketDeclarationProblems(
      [
        c("a", { p2: { host: "127.0.0.3", samePortAs: "p1" }, p1: { host: "127.0.0.2" } }),
        c("b", { q1: {}, q2: { samePortAs: "q1" } }),
        c("c", { r1: { host: "127.0.0.2" } }, "v6"),
        c("d", { p1: { host: "127.0.0.4" } }),
      ],
      hosts,
    );
    expect(problems).toHaveLength(4);
    expect(problems.join("\n")).toMatch(/not declared before/);
    expect(problems.join("\n")).toMatch(/share host and port/);
    expect(problems.join("\n")).toMatch(/cannot reach/);
    expect(problems.join("\n")).toMatch(/declared differently/);
  });
});
