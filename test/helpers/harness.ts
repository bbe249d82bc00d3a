// The function harness on its own (no sandbox, no driver): a module `m` written from source, imported, and
// handed to the test; everything is stopped afterwards.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "vitest";
import { HarnessSession } from "../../grader/kinds/function-call/harness-session.js";
import { resolvePython } from "../../grader/python/interpreter.js";
import { localSession } from "../../grader/sandbox/local-session.js";
import { DEFAULT_LIMITS } from "../../grader/sandbox/limits.js";
import { tempDir } from "./fixtures.js";

/** Runs `body` with a harness that has imported `source` as module `m` (its `functions` callable). */
export async function withHarness(source: string, functions: string[], body: (h: HarnessSession) => Promise<void>): Promise<void> {
  const work = await tempDir("harness-");
  await writeFile(path.join(work, "m.py"), source);
  const session = await localSession(await resolvePython(), work, DEFAULT_LIMITS);
  try {
    const harness = HarnessSession.start(session, false);
    const init = await harness.exchange({ op: "init", dir: work, module: "m", functions }, 60_000, { startMs: 60_000 });
    expect(init.kind).toBe("answer");
    await body(harness);
    await harness.stop();
  } finally {
    await session.dispose();
  }
}
