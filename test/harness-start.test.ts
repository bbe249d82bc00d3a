// The function-call harness's import limit times the import only: an interpreter that is slow to start (a
// loaded machine) is not charged to the student's module. Python is made slow to start here by a wrapper
// that sleeps before it execs the real interpreter; the limits are far apart from the sleep on purpose.
import { chmod, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HarnessSession } from "../grader/kinds/function-call/harness-session.js";
import { resolvePython } from "../grader/python/interpreter.js";
import { localSession } from "../grader/sandbox/local-session.js";
import { DEFAULT_LIMITS } from "../grader/sandbox/limits.js";
import { removeTemps, tempDir } from "./helpers/fixtures.js";

afterAll(removeTemps);

const SLEEP_SECONDS = 4;
const IMPORT_MS = 1500;

/** A session whose Python sleeps SLEEP_SECONDS before it starts; the work folder holds a module `m`. */
async function slowStartSession() {
  const python = await resolvePython();
  const dir = await tempDir("harness-start-");
  const slow = path.join(dir, "slow-python");
  await writeFile(slow, `#!/bin/sh\nsleep ${SLEEP_SECONDS}\nexec '${python.executable}' "$@"\n`);
  await chmod(slow, 0o755);
  const work = path.join(dir, "work");
  await mkdir(work);
  await writeFile(path.join(work, "m.py"), "def f(x):\n    return x + 1\n");
  return localSession({ ...python, executable: slow }, work, DEFAULT_LIMITS);
}

const init = (dir: string) => ({ op: "init", dir, module: "m", functions: ["f"] });

describe.concurrent("the harness's import limit", () => {
  it("counts from the harness's start, not the interpreter's: a slow start is no import time-out", async () => {
    const session = await slowStartSession();
    try {
      const harness = HarnessSession.start(session, false);
      const r = await harness.exchange(init(session.workDir), IMPORT_MS, { startMs: 60_000 });
      expect(r.kind).toBe("answer");
      const call = await harness.exchange({ op: "call", fn: "f", args: [41] }, IMPORT_MS);
      expect(call.kind === "answer" && call.reply.value).toBe(42);
      await harness.stop();
    } finally {
      await session.dispose();
    }
  });

  it("without a start allowance the same start is a time-out (what the limit used to count)", async () => {
    const session = await slowStartSession();
    try {
      const r = await HarnessSession.start(session, false).exchange(init(session.workDir), IMPORT_MS);
      expect(r).toEqual({ kind: "timeout" });
    } finally {
      await session.dispose();
    }
  });

  it("an interpreter that does not start within its allowance is a time-out of the start, said apart", async () => {
    const session = await slowStartSession();
    try {
      const r = await HarnessSession.start(session, false).exchange(init(session.workDir), 60_000, { startMs: IMPORT_MS });
      expect(r).toEqual({ kind: "timeout", starting: true });
    } finally {
      await session.dispose();
    }
  });
});
