// Case data that a program doing nothing could pass is refused when the exercise is loaded: a udp-client case
// that needs neither a request nor the reply (an exit code alone), a udp-server case with no reply to wait
// for. The exercises are taken from the exercises folder by kind; each is copied and broken in a temp root.
import { cp, readFile, writeFile } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { exerciseIds, loadExercise } from "../../grader/engine/exercises.js";
import { root } from "../helpers/cli.js";
import { removeTemps, tempDir } from "../helpers/fixtures.js";

afterAll(removeTemps);

const exercisesDir = path.join(root, "exercises");
const ofKind = (kind: string) => exerciseIds().filter((id) => existsSync(path.join(exercisesDir, id, "exercise.json")) && JSON.parse(readFileSync(path.join(exercisesDir, id, "exercise.json"), "utf8")).kind === kind);

/** A copy of exercise `id` in a temp root, with its cases changed by `edit`; returns the root. */
async function withCases(id: string, edit: (cases: Record<string, unknown>[]) => void): Promise<string> {
  const dir = await tempDir();
  await cp(path.join(exercisesDir, id), path.join(dir, id), { recursive: true });
  const file = path.join(dir, id, "cases.json");
  const data = JSON.parse(await readFile(file, "utf8")) as { cases: Record<string, unknown>[] };
  edit(data.cases);
  await writeFile(file, JSON.stringify(data));
  return dir;
}

describe.each(ofKind("udp-client"))("%s (udp-client)", (id) => {
  it("loads as it is", async () => {
    await expect(loadExercise(id, await withCases(id, () => {}))).resolves.toBeDefined();
  });

  it("refuses a case that only expects an exit code", async () => {
    const dir = await withCases(id, (cases) => {
      const c = cases.find((x) => x.onlyIf !== undefined)!;
      expect(c, "some case has onlyIf").toBeDefined();
      delete c.onlyIf;
      c.expect = { exitCode: 0 };
    });
    await expect(loadExercise(id, dir)).rejects.toThrow(/a program that sends nothing could pass it/);
  });

  it("refuses replyShown without a token in the reply", async () => {
    const dir = await withCases(id, (cases) => {
      const c = cases.find((x) => (x.onlyIf as { replyShown?: boolean } | undefined)?.replyShown)!;
      c.server = [{ reply: { json: { ok: true } } }];
    });
    await expect(loadExercise(id, dir)).rejects.toThrow(/replyShown" needs a reply with \{"\$token": true\}/);
  });
});

describe.each(ofKind("udp-server"))("%s (udp-server)", (id) => {
  it("refuses a case that a silent server passes", async () => {
    const dir = await withCases(id, (cases) => {
      const c = cases.find((x) => (x.steps as { to?: string }[]).some((s) => s.to))!;
      expect(c, "some case sends elsewhere").toBeDefined();
      c.steps = (c.steps as { expect: { noReply?: true } }[]).filter((s) => s.expect.noReply);
    });
    await expect(loadExercise(id, dir)).rejects.toThrow(/a silent server could pass it/);
  });
});
