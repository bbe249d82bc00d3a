// Programs that flood the grader's sockets with 65,507-byte datagrams (issue 12, finding 1). Before the
// probe's records were bounded, one such client made a grading run for minutes (the per-test timeouts
// below are what such a run hits); now the flood is stopped at the case's datagram budget, costs only the
// cases it hits, and the students graded beside it in a batch keep their solo scores.
import { cp, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { GradeResult } from "../grader/generated/result.js";
import { grade, gradeJson, root } from "./helpers/cli.js";
import { fixturesDir, removeTemps, tempDir } from "./helpers/fixtures.js";
import { gradeHostile } from "./helpers/hostile.js";

afterAll(removeTemps);

const FLOOD = /Sent more than 1000 datagrams or 4 MiB to the grader in this case: stopped/;
/** A flood took minutes to grade without the bounds (these timeouts sit below the CLI helper's own, so a stall fails the test here); with them, about as long as a correct program. */
const GENEROUS_MS = 110_000;

/** The cases that did not pass, as "check/case", and the cases whose message says the program was stopped for flooding. */
function failures(result: GradeResult): { failed: string[]; flooded: string[] } {
  const failed = new Set<string>();
  const flooded = new Set<string>();
  for (const t of result.tests)
    for (const c of t.cases) {
      if (c.status !== "passed") failed.add(c.id);
      if (FLOOD.test(c.message)) flooded.add(c.id);
    }
  return { failed: [...failed], flooded: [...flooded] };
}

describe.concurrent("programs that flood the grader's sockets", () => {
  it(
    "a client (exercise-04) that floods its server in one run is stopped in that case; only that case fails",
    async () => {
      const { result } = await gradeHostile("exercise-04", "floods-big-datagrams", { file: "udp_client.py", as: "correct_client.py" });
      const { failed, flooded } = failures(result);
      expect(flooded).toHaveLength(1);
      // The one run that flooded is the one case that failed (in every check it belongs to, the shape check too).
      expect(failed).toEqual(flooded);
      expect(result.score).toBeGreaterThan(70);
    },
    GENEROUS_MS,
  );

  it(
    "a server (exercise-03) that floods the grader in its first run is stopped (a later case starts another); only the cases of the flood fail",
    async () => {
      const { result } = await gradeHostile("exercise-03", "floods-big-datagrams", { file: "udp_server.py", as: "correct_server.py" });
      const { failed, flooded } = failures(result);
      expect(flooded).toHaveLength(1);
      // The flood may begin in the case before the one that spends the budget (its extra datagrams fail it).
      expect(failed.length).toBeLessThanOrEqual(2);
      expect(failed).toContain(flooded[0]);
      for (const t of result.tests)
        for (const c of t.cases) if (failed.includes(c.id) && !FLOOD.test(c.message)) expect(c.message).toMatch(/extra datagram/);
    },
    GENEROUS_MS,
  );

  it(
    "the flood message is in Chinese for --lang zh",
    async () => {
      const dir = await tempDir("flood-zh-");
      await cp(path.join(fixturesDir, "hostile", "exercise-04", "floods-big-datagrams"), dir, { recursive: true });
      await cp(path.join(root, "solutions", "exercise-04", "udp_client.py"), path.join(dir, "correct_client.py"));
      const { result } = await gradeJson("exercise-04", dir, ["--lang", "zh", "--only", "no-reply,prints-reply"]);
      const messages = result.tests.flatMap((t) => t.cases.map((c) => c.message)).join("\n");
      expect(messages).toMatch(/向评分程序发送了超过 1000 个数据报或 4 MiB 数据：已被终止/);
    },
    GENEROUS_MS,
  );
});

describe("a flooder in a batch", () => {
  it(
    "reference clients graded beside a flooding one with --jobs 2 keep their exact solo scores",
    async () => {
      const classDir = await tempDir("flood-class-");
      const reference = path.join(root, "solutions", "exercise-04", "udp_client.py");
      const students = ["ref-a", "flooder", "ref-b", "ref-c"];
      for (const s of students) await mkdir(path.join(classDir, s));
      for (const s of ["ref-a", "ref-b", "ref-c"]) await cp(reference, path.join(classDir, s, "udp_client.py"));
      await cp(path.join(fixturesDir, "hostile", "exercise-04", "floods-big-datagrams", "udp_client.py"), path.join(classDir, "flooder", "udp_client.py"));
      await cp(reference, path.join(classDir, "flooder", "correct_client.py"));

      const solo = (await gradeJson("exercise-04", path.join(classDir, "ref-a"))).result;
      const scores = (r: GradeResult) => [r.score, ...r.tests.map((t) => `${t.id}=${t.score}`)];
      // The fixture floods in its first run only. Once, in a loaded CI run, no case of the flooder said it
      // was stopped: the batch is then run once more (the line below says why in the log), since refs that
      // kept their scores beside a flooder that did not flood prove nothing.
      // Twice in CI (2 of 11 clean-clone runs, the other test files filling both cores) a reference lost its
      // one two-clients-at-once case, a timed case, beside the flooder; never in batches run alone, with CPU
      // hogs or with bursts of busy processes. Such a batch is logged with the lost cases' messages and run
      // once more: a flooder that harms its neighbours does so in both runs, and fails the test.
      for (let attempt = 1; ; attempt++) {
        const out = await tempDir("flood-out-");
        const run = await grade(["batch", "exercise-04", classDir, "--out", out, "--jobs", "2", "--lang", "en"], { timeoutMs: 240_000 });
        expect(run.exitCode, run.stderr).toBeLessThan(2);
        const refs = await Promise.all(["ref-a", "ref-b", "ref-c"].map(async (s) => [s, JSON.parse(await readFile(path.join(out, "results", s, "exercise-04.json"), "utf8")) as GradeResult] as const));
        const harmed = refs.filter(([, r]) => JSON.stringify(scores(r)) !== JSON.stringify(scores(solo)));
        if (harmed.length > 0 && attempt === 1) {
          const lost = harmed.map(([s, r]) => ({ [s]: r.tests.flatMap((t) => t.cases.filter((c) => c.status !== "passed").map((c) => `${t.id}/${c.id}: ${c.message}`)) }));
          console.warn(`NOTICE: a reference lost points beside the flooder in this batch, run again: ${JSON.stringify(lost)}`);
          continue;
        }
        for (const [s, r] of refs) expect(scores(r), s).toEqual(scores(solo));
        const flooder = JSON.parse(await readFile(path.join(out, "results", "flooder", "exercise-04.json"), "utf8")) as GradeResult;
        const { flooded } = failures(flooder);
        const seen = JSON.stringify({
          status: flooder.status,
          warnings: flooder.warnings,
          notPassed: flooder.tests.flatMap((t) => t.cases.filter((c) => c.status !== "passed").map((c) => `${t.id}/${c.id}: ${c.message}`)),
        });
        if (flooded.length === 0 && attempt === 1) {
          console.warn(`NOTICE: the flooder was not stopped for flooding in this batch, run again: ${seen}`);
          continue;
        }
        expect(flooded, seen).toHaveLength(1);
        break;
      }
    },
    450_000,
  );
});
