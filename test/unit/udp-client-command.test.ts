// The udp-client kind's protocol data: the command line as a template (`client.args`, filled from the case),
// how a request is routed to the copy that sent it (`client.routeBy`), and what the loader refuses.
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { caseArgProblems, DEFAULT_ARGS, fillArgs, templateProblems } from "../../grader/kinds/udp-client/command.js";
import { ownerOf } from "../../grader/kinds/udp-client/routing.js";
import type { ClientRun } from "../../grader/kinds/udp-client/client-run.js";
import type { Case } from "../../grader/generated/udp-client-cases.js";
import type { DatagramRecord } from "../../grader/probe/protocol.js";
import { loadExercise } from "../../grader/engine/exercises.js";
import { fixturesDir, removeTemps, tempDir } from "../helpers/fixtures.js";

afterAll(removeTemps);

const kase = (extra: Partial<Case> = {}): Case => ({ id: "c", checks: ["x"], host: "127.0.0.1", text: "hi", server: [], expect: { requests: 1 }, ...extra });

describe("the command line template", () => {
  it("fills host, port, TEXT and the case's values, inside items too, as argv (no shell quoting)", () => {
    const args = ["--server", "{host}:{port}", "--type", "{type}", "{{{text}}}"];
    expect(fillArgs(args, { host: "::1", port: "4000", text: "a b; $(rm -rf ~) 'x'", values: { type: "AAAA" } })).toEqual(["--server", "::1:4000", "--type", "AAAA", "{a b; $(rm -rf ~) 'x'}"]);
  });

  it("the default is today's `HOST PORT TEXT`", () => {
    expect(fillArgs(DEFAULT_ARGS, { host: "127.0.0.1", port: "5", text: "-x" })).toEqual(["127.0.0.1", "5", "-x"]);
    expect(templateProblems(DEFAULT_ARGS)).toEqual([]);
  });

  it("refuses a template without {port}, a lone brace, a NUL", () => {
    expect(templateProblems(["{host}", "{text}"])).toEqual([expect.stringMatching(/must contain \{port\}/)]);
    expect(templateProblems(["{port}", "{text"])[0]).toMatch(/a lone "\{"/);
    expect(templateProblems(["{port}", "{ text }"])[0]).toMatch(/a lone "\{"/);
    expect(templateProblems(["{port}", "a\u0000"])[0]).toMatch(/NUL/);
  });

  it("a case must give every named value, none with a NUL byte", () => {
    const args = ["{port}", "--type", "{type}", "{text}"];
    expect(caseArgProblems(args, kase())).toEqual([expect.stringMatching(/needs \{type\}: add "values"/)]);
    expect(caseArgProblems(args, kase({ values: { type: "A" } }))).toEqual([]);
    expect(caseArgProblems(args, kase({ values: { type: "A\u0000" } }))[0]).toMatch(/value type contains a NUL/);
    expect(caseArgProblems(args, kase({ text: "a\u0000", values: { type: "A" } }))[0]).toMatch(/TEXT contains a NUL/);
  });
});

describe("routing a request to the copy that sent it", () => {
  const from = (port: number): DatagramRecord => ({ seq: 0, direction: "received", socket: "s", from: { host: "127.0.0.1", port }, to: { host: "127.0.0.1", port: 1 }, at: 0, size: 0, data: "" });
  const copies = (): ClientRun[] => [
    { text: "n #1", requests: [] },
    { text: "n #2", requests: [] },
  ];

  it("by the request key the exercise names, whoever sent first", () => {
    const cl = copies();
    expect(ownerOf(cl, { name: "n #2" }, "127.0.0.1:9", "name")).toBe(cl[1]);
    expect(ownerOf(cl, { text: "n #2" }, "127.0.0.1:9", "text")).toBe(cl[1]);
  });

  it("another key, no key (routeBy null) or no JSON object: by an earlier datagram's sender, else the first copy that sent nothing", () => {
    const cl = copies();
    cl[1].requests.push(from(9));
    expect(ownerOf(cl, { text: "n #1" }, "127.0.0.1:9", "name")).toBe(cl[1]);
    expect(ownerOf(cl, { name: "n #1" }, "127.0.0.1:9", null)).toBe(cl[1]);
    expect(ownerOf(cl, ["n #1"], "127.0.0.1:7", "name")).toBe(cl[0]);
    expect(ownerOf(cl, undefined, "127.0.0.1:7", "name")).toBe(cl[0]);
  });
});

describe("an exercise's command line is checked when it is loaded", () => {
  const fixtures = path.join(fixturesDir, "protocols", "exercises");
  async function edited(edit: (exercise: Record<string, unknown>, cases: Record<string, unknown>[]) => void): Promise<string> {
    const dir = await tempDir();
    await cp(path.join(fixtures, "udp-lookup"), path.join(dir, "udp-lookup"), { recursive: true });
    const exFile = path.join(dir, "udp-lookup", "exercise.json");
    const casesFile = path.join(dir, "udp-lookup", "cases.json");
    const ex = JSON.parse(await readFile(exFile, "utf8")) as Record<string, unknown>;
    const cases = JSON.parse(await readFile(casesFile, "utf8")) as { cases: Record<string, unknown>[] };
    edit(ex, cases.cases);
    await writeFile(exFile, JSON.stringify(ex));
    await writeFile(casesFile, JSON.stringify(cases));
    return dir;
  }

  it("loads as it is", async () => {
    await expect(loadExercise("udp-lookup", await edited(() => {}))).resolves.toBeDefined();
  });

  it("refuses a case without a value its command line needs", async () => {
    const dir = await edited((_ex, cases) => delete cases[1].values);
    await expect(loadExercise("udp-lookup", dir)).rejects.toThrow(/case aaaa-record: the command line needs \{type\}/);
  });

  it("refuses a command line without {port}", async () => {
    const dir = await edited((ex) => ((ex.client as { args: string[] }).args = ["--server", "{host}", "{text}"]));
    await expect(loadExercise("udp-lookup", dir)).rejects.toThrow(/must contain \{port\}/);
  });

  it("refuses `client` on another kind (the schema)", async () => {
    const dir = await edited((ex) => {
      Object.assign(ex, { kind: "tcp-server", tcp: { launches: [{ id: "v4", host: "127.0.0.1" }] } });
      Object.assign(ex.limits as object, { startSeconds: 1, replySeconds: 1 });
    });
    await expect(loadExercise("udp-lookup", dir)).rejects.toThrow(/client/);
  });
});
