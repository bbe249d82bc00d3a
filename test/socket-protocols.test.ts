// Socket protocols are data: test/fixtures/protocols/exercises/ holds exercises (not shipped) that speak
// other protocols on the socket kinds — JSON lines over TCP with a key-value store, a UDP calculator with
// its own reply schema (in its own folder) and its own ping — and nothing in grader/ names them.
// GRADER_EXERCISES points the CLI at that folder, which is then the whole course.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { grade, gradeJson, root } from "./helpers/cli.js";
import { fixturesDir } from "./helpers/fixtures.js";

const env = { GRADER_EXERCISES: path.join(fixturesDir, "protocols", "exercises") };
const program = (exercise: string, name: string) => path.join(fixturesDir, "protocols", "programs", exercise, name);
const lost = (r: { tests: { id: string; score: number; max_score: number }[] }) => r.tests.filter((t) => t.score < t.max_score).map((t) => t.id);

describe.concurrent("other protocols on the socket kinds", { timeout: 300_000 }, () => {
  it("tcp-server, JSON lines: the reference scores 100; a store per connection loses the shared-store check only", async () => {
    const ok = (await gradeJson("line-kv", program("line-kv", "reference"), [], env)).result;
    expect(lost(ok)).toEqual([]);
    expect(ok.score).toBe(100);
    const broken = (await gradeJson("line-kv", program("line-kv", "store-per-connection"), [], env)).result;
    expect(lost(broken)).toEqual(["shared-store"]);
  });

  it("udp-server, a calculator with its own reply schema and ping: 100 for the reference; a wrong product loses that check only", async () => {
    const ok = (await gradeJson("udp-calc", program("udp-calc", "reference"), [], env)).result;
    expect(lost(ok)).toEqual([]);
    const broken = (await gradeJson("udp-calc", program("udp-calc", "adds-wrong"), [], env)).result;
    expect(lost(broken)).toEqual(["multiplies"]);
    expect(broken.tests.find((t) => t.id === "multiplies")!.cases[0].message).toMatch(/"product": expected 42, got 13/);
  });

  it("the folder is the whole course: grade list shows its exercises and not the shipped ones", async () => {
    const r = await grade(["list"], { env });
    expect(r.stdout).toMatch(/line-kv/);
    expect(r.stdout).toMatch(/udp-calc/);
    expect(r.stdout).not.toMatch(/exercise-05/);
    const { result } = await gradeJson("line-kv", path.join(root, "solutions", "exercise-05"), [], env);
    expect(result.score).toBe(0); // no kv_server.py there: a graded zero
  });
});

// The udp-client kind on another protocol: a name lookup client started as
// `lookup.py --server HOST:PORT --type TYPE NAME` (the exercise's `client.args`, with the case's `values`),
// whose queries carry no `text` key: the fake server routes them to the copy that sent them by `name`
// (`client.routeBy`). Nothing in grader/ knows this protocol either.
describe.concurrent("another protocol on the udp-client kind", { timeout: 300_000 }, () => {
  it("the reference, started with the exercise's own command line, scores 100", async () => {
    const { result } = await gradeJson("udp-lookup", program("udp-lookup", "reference"), [], env);
    expect(lost(result)).toEqual([]);
    expect(result.score).toBe(100);
  });

  it("a client that takes a reply to another id loses that check only", async () => {
    const { result } = await gradeJson("udp-lookup", program("udp-lookup", "ignores-id"), [], env);
    expect(lost(result)).toEqual(["ignores-stale"]);
    expect(result.tests.find((t) => t.id === "ignores-stale")!.cases[0].message).toMatch(/got "dave stale\.example"/);
  });

  it("a client that ignores --type loses the query check only, on the AAAA case", async () => {
    const { result } = await gradeJson("udp-lookup", program("udp-lookup", "type-always-a"), [], env);
    expect(lost(result)).toEqual(["request-format"]);
    const failed = result.tests.find((t) => t.id === "request-format")!.cases;
    expect(failed.map((c) => c.id)).toEqual(["aaaa-record"]);
    // The feedback's command line is the template filled in, as the student would type it.
    expect(failed[0].given).toMatch(/^python3 lookup\.py --server 127\.0\.0\.1:\d+ --type AAAA bob\.example;/);
    expect(failed[0].message).toMatch(/"type": expected "AAAA", got "A"/);
  });

  it("grade list shows it", async () => {
    expect((await grade(["list"], { env })).stdout).toMatch(/udp-lookup/);
  });
});
