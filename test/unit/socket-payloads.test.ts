// The socket kinds' case language: generated payloads, numbers read as Python reads them, and the
// declarations of where grader sockets are bound.
import { describe, expect, it } from "vitest";
import { fillProblems, parseJsonDatagram, payloadBytes, sentStringAt } from "../../grader/kinds/socket/payload.js";
import { show } from "../../grader/kinds/socket/pattern.js";
import { socketDeclarationProblems } from "../../grader/kinds/udp-server/driver.js";
import { caseRules } from "../../grader/kinds/udp-server/case-rules.js";
import type { LoadedExercise } from "../../grader/kinds/types.js";
import type { Case } from "../../grader/generated/udp-server-cases.js";

describe("payloads", () => {
  it("padTo pads JSON with blanks to exactly N bytes, the same value", () => {
    const bytes = payloadBytes({ json: { ok: true, text: "你好" }, padTo: 65507 });
    expect(bytes.length).toBe(65507);
    expect(JSON.parse(bytes.toString("utf8"))).toEqual({ ok: true, text: "你好" });
    expect(bytes.subarray(-1).toString()).toBe("}");
  });
  it("fill extends the string at a JSON pointer to make the datagram exactly N bytes, the same text every run", () => {
    const p = { json: { q: "sum", args: [{ s: "ab" }] }, fill: { at: "/args/0/s", to: 60000 } };
    const bytes = payloadBytes(p);
    expect(bytes.length).toBe(60000);
    const sent = JSON.parse(bytes.toString("utf8")) as { q: string; args: { s: string }[] };
    expect(sent.q).toBe("sum");
    expect(sent.args[0].s.startsWith("ab")).toBe(true);
    // Varied text (a truncated or shifted copy shows), and what $sentText compares with.
    expect(new Set(sent.args[0].s.slice(2, 200)).size).toBeGreaterThan(20);
    expect(sentStringAt(p, "/args/0/s")).toBe(sent.args[0].s);
    expect(payloadBytes(p).equals(bytes)).toBe(true);
    expect(payloadBytes({ ...p, fill: { at: "/args/0/s", to: 65507 } }).length).toBe(65507);
    // Pretty-printed JSON is filled to the size too.
    expect(payloadBytes({ json: { a: "", b: [1, 2] }, indent: 2, fill: { at: "/a", to: 300 } }).length).toBe(300);
  });
  it("fill is refused where its pointer leads to no string, the JSON is already longer, or padTo is given too", () => {
    expect(fillProblems({ json: { a: 1 }, fill: { at: "/a", to: 100 } })).toHaveLength(1);
    expect(fillProblems({ json: { a: "x" }, fill: { at: "/b", to: 100 } })).toHaveLength(1);
    expect(fillProblems({ json: { a: "x".repeat(50) }, fill: { at: "/a", to: 20 } })).toHaveLength(1);
    expect(fillProblems({ json: { a: "" }, fill: { at: "/a", to: 100 }, padTo: 200 })).toHaveLength(1);
    expect(fillProblems({ json: { "a/b": "" }, fill: { at: "/a~1b", to: 100 } })).toEqual([]);
    expect(sentStringAt({ json: { a: "x" } }, "/a")).toBe("x");
    expect(sentStringAt({ json: { a: 1 } }, "/a")).toBeUndefined();
    expect(sentStringAt({ utf8: "x" }, "/a")).toBeUndefined();
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

describe("a udp-server case's sized payloads and the text it wants back", () => {
  const exercise = { data: { launches: [{ id: "v4", host: "127.0.0.1" }] } } as unknown as LoadedExercise;
  const c = (send: Case["steps"][number]["send"], pattern: unknown): Case => ({ id: "k", checks: ["x"], launch: "v4", steps: [{ from: "a", send, expect: { reply: { json: pattern } } }] });
  it("accepts a fill whose text is asked back by the same pointer", () => {
    expect(caseRules(exercise, c({ json: { q: "", n: 1 }, fill: { at: "/q", to: 5000 } }, { back: { $sentText: "/q" } }))).toEqual([]);
  });
  it("refuses a $sentText that names no string of what the step sends, and a fill that cannot be made", () => {
    expect(caseRules(exercise, c({ json: { q: "x" } }, { back: { $sentText: "/nope" } }))[0]).toMatch(/\$sentText.*names no string/);
    expect(caseRules(exercise, c({ json: { q: 1 } }, { back: { $sentText: "/q" } }))[0]).toMatch(/names no string/);
    expect(caseRules(exercise, c({ utf8: "x" }, { back: { $sentText: "/q" } }))[0]).toMatch(/names no string/);
    expect(caseRules(exercise, c({ json: { q: 5 }, fill: { at: "/q", to: 5000 } }, { ok: true })).join("\n")).toMatch(/does not lead to a string/);
  });
});
