// Programs that flood the grader's sockets with 65,507-byte datagrams (issue 12, finding 1). Before the
// probe's records were bounded, one such client made a grading run for minutes (the per-test timeouts
// below are what such a run hits); now the flood is stopped at the case's datagram budget, costs only the
// cases it hits (the students graded beside it in a batch keep their solo scores: test/long/flood-batch.test.ts).
import { cp } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gradeJson, root } from "./helpers/cli.js";
import { fixturesDir, removeTemps, tempDir } from "./helpers/fixtures.js";
import { FLOOD, floodFailures as failures, gradeHostile } from "./helpers/hostile.js";

afterAll(removeTemps);

/** A flood took minutes to grade without the bounds (these timeouts sit below the CLI helper's own, so a stall fails the test here); with them, about as long as a correct program. */
const GENEROUS_MS = 110_000;

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
