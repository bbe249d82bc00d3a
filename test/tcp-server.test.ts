// The tcp-server kind (exercise-05): the byte-stream transcript in the feedback, and hostile servers graded
// without harm (bounded in time and bytes, nothing left running).
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gradeJson, testOf } from "./helpers/cli.js";
import { fixturesDir, removeTemps } from "./helpers/fixtures.js";
import { gradeHostile } from "./helpers/hostile.js";

afterAll(removeTemps);
const variant = (name: string) => path.join(fixturesDir, "exercise-05", name);
const hostile = (name: string) => gradeHostile("exercise-05", name, { file: "tcp_server.py", as: "reference_server.py" });

describe.concurrent("exercise-05 feedback", { timeout: 300_000 }, () => {
  it("a failed case shows the byte stream: every one-byte segment the grader sent, the reply, connect and close", async () => {
    const { result } = await gradeJson("exercise-05", variant("decode-per-chunk"));
    const c = testOf(result, "split-segments").cases.find((x) => x.id === "split-inside-utf8")!;
    expect(c.status).toBe("failed");
    const sent = c.transcript!.filter((d) => d.from.startsWith("grader a") && d.size > 0);
    // "ECHO 你好🌍\n" is 16 bytes, sent one byte at a time: 16 segments, the UTF-8 pieces shown as \x escapes.
    expect(sent.map((d) => d.size)).toEqual(Array(16).fill(1));
    expect(sent.map((d) => d.preview).join("")).toContain("ECHO \\xe4\\xbd\\xa0");
    expect(c.transcript!.some((d) => d.from.startsWith("server") && /ERR/.test(d.preview))).toBe(true);
    expect(c.transcript![0].preview).toBe("[connected]");
    expect(c.given).toMatch(/a sends ECHO 你好🌍\\n in pieces of 1 B, 5 ms apart/);
    const zh = testOf((await gradeJson("exercise-05", variant("decode-per-chunk"), ["--lang", "zh"])).result, "split-segments").cases.find((x) => x.id === "split-inside-utf8")!;
    expect(zh.transcript![0].preview).toBe("[已连接]");
    expect(zh.given).toMatch(/分成 1 字节的片段/);
  });

  it("half-close: a server that never closes is told so, with the FIN in the transcript", async () => {
    const { result } = await gradeJson("exercise-05", variant("no-close-on-eof"));
    const c = testOf(result, "half-close").cases[0];
    expect(c.message).toMatch(/did not close the connection within 2 s/);
    expect(c.transcript!.map((d) => d.preview)).toContain("[FIN: shutdown(SHUT_WR)]");
  });

  it("a server that a client's reset kills loses that case only, with its traceback, and is started again", async () => {
    const { result } = await gradeJson("exercise-05", variant("reset-kills-server"));
    const c = testOf(result, "mid-line-disconnect").cases.find((x) => x.id === "midline-reset")!;
    expect(c.message).toMatch(/no longer running \(exit code 1/);
    expect(c.stderr).toMatch(/ConnectionResetError/);
    expect(c.transcript!.map((d) => d.preview)).toContain("[RST: connection reset]");
    expect(result.warnings.join("\n")).toMatch(/started it again/);
  });
});

describe.concurrent("hostile servers (exercise-05)", { timeout: 300_000 }, () => {
  it("a server that never reads: the grader's sends and reads are bounded (a send the kernel cannot take says so)", async () => {
    const { result } = await hostile("never-reads");
    expect(result.status).toBe("graded");
    expect(result.score).toBe(0);
    // Whether 1 MiB fits in the kernel's buffers depends on the machine: either way the case ends, and says why.
    expect(testOf(result, "large-lines").cases.map((c) => c.message).join("\n")).toMatch(/it is not reading from the connection|expected 1 line\(s\) within/);
  });

  it("a server that floods bytes: reads stop at what the expected lines need", async () => {
    const { result } = await hostile("floods-bytes");
    expect(result.score).toBe(0);
    expect(testOf(result, "echo").cases[0].message).toMatch(/without the lines expected/);
  });

  it("a server that follows each reply with a flood of lines: the extra lines are charged, grading ends", async () => {
    const { result } = await hostile("floods-lines");
    expect(result.status).toBe("graded");
    expect(result.score).toBeLessThan(result.max_score);
  });

  it("a server that accepts and hangs scores 0 within the time limit", async () => {
    const { result } = await hostile("accepts-and-hangs");
    expect(result.score).toBe(0);
    expect(testOf(result, "echo").cases[0].message).toMatch(/expected 1 line\(s\) within/);
    expect(result.execution_time).toBeLessThan(120);
  });
});
