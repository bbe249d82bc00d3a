// Hostile socket programs (exercise-03 servers, exercise-04 clients): every wait is bounded, the cost lands
// on that submission only, and nothing is left running.
import { afterAll, describe, expect, it } from "vitest";
import path from "node:path";
import { gradeJson, root, testOf } from "./helpers/cli.js";
import { removeTemps } from "./helpers/fixtures.js";
import { gradeHostile } from "./helpers/hostile.js";

afterAll(removeTemps);
const server = (name: string) => gradeHostile("exercise-03", name, { file: "udp_server.py", as: "correct_server.py" });
const client = (name: string) => gradeHostile("exercise-04", name, { file: "udp_client.py", as: "correct_client.py" });

describe.concurrent("hostile servers (exercise-03)", () => {
  it("a server that exits at once: every case is an error naming the exit code and its stderr", async () => {
    const { result } = await server("exits-at-start");
    expect(result.score).toBe(0);
    const c = testOf(result, "echo-text").cases[0];
    expect(c.status).toBe("error");
    expect(c.message).toMatch(/ended before answering anything \(exit code 1/);
    expect(c.message).toMatch(/pretending to crash/);
  });

  it("a server that ends after answering is charged to the case it answered, not to the next one", async () => {
    const variant = (name: string) => path.join(root, "test", "fixtures", "exercise-03", name);
    const once = (await gradeJson("exercise-03", variant("serves-once"))).result;
    expect(once.score).toBe(0);
    expect(testOf(once, "echo-text").cases[0].message).toMatch(/ended right after answering the grader's readiness check/);
    const afterBad = (await gradeJson("exercise-03", variant("exits-after-bad-request"))).result;
    const bad = testOf(afterBad, "bad-encoding").cases[0];
    expect(bad.message).toMatch(/The server ended right after this case \(exit code 0/);
    expect(bad.status).toBe("failed");
  });

  it("a server that loops before binding is reported within the start-up limit", async () => {
    const { result } = await server("loops-before-binding");
    expect(result.score).toBe(0);
    expect(testOf(result, "echo-text").cases[0].message).toMatch(/never answered within 10 s/);
  });

  it("a server that binds but never answers is reported as such", async () => {
    const { result } = await server("binds-never-answers");
    expect(result.score).toBe(0);
    expect(testOf(result, "count-per-sender").cases[0].message).toMatch(/never answered within 10 s/);
  });

  it("a correct server that forks a child and floods its output still scores 100; the child is gone", async () => {
    const { result } = await server("forks-and-floods");
    expect(result.score).toBe(100);
  });
});

describe.concurrent("hostile clients (exercise-04)", () => {
  it("a client that never ends (and ignores SIGTERM) is stopped at the case limit", async () => {
    const { result } = await client("hangs-forever");
    expect(result.score).toBe(0);
    expect(testOf(result, "prints-reply").cases[0].message).toMatch(/Still running after 6 s/);
  });

  it("a client that floods its request loses the request checks, not the rest", async () => {
    const { result } = await client("floods-requests");
    expect(testOf(result, "request-format").score).toBe(0);
    expect(testOf(result, "request-format").cases[0].message).toMatch(/\d{2,} datagrams reached the server; exactly 1 expected/);
    // (no-reply and the decoys case of ignores-decoy also count requests, so they are lost too)
    for (const id of ["prints-reply", "exit-0-on-ok", "late-reply", "ipv6"]) expect(testOf(result, id).score).toBe(testOf(result, id).max_score);
  });
});
