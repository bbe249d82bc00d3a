// A flooding client graded in a batch beside correct ones (issue 12, finding 1): the references keep their
// exact solo scores and the flooder is stopped in one case. Here, not in `npm test`: the references' timed
// cases need a machine that is not also running the other test files' gradings. In a clean-clone CI run
// (2026-11-29) the whole suite beside it made the grader run 1.6-2.8 s late and every reference lose its
// late and decoy replies, in both batches, flooder or not; graded alone (even beside a busy loop per core,
// or two batches of 4 references) they kept 100.
import { cp, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { GradeResult } from "../../grader/generated/result.js";
import { grade, gradeJson, root } from "../helpers/cli.js";
import { fixturesDir, removeTemps, tempDir } from "../helpers/fixtures.js";
import { floodFailures as failures } from "../helpers/hostile.js";

afterAll(removeTemps);

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
