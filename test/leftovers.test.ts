// The hostile tests' "no process survives" check must be able to fail: processes left behind in each of
// the ways a grading could leave them are found (and then stopped: this test started them).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { removeTemps, tempDir } from "./helpers/fixtures.js";
import { survivorsOf } from "./helpers/leftovers.js";

afterAll(removeTemps);
const started: ChildProcess[] = [];
afterAll(() => {
  for (const c of started) {
    try {
      process.kill(-c.pid!, "SIGKILL");
    } catch {
      // gone already
    }
  }
});

const leave = (command: string, args: string[], cwd: string) => {
  const c = spawn(command, args, { cwd, detached: true, stdio: "ignore" });
  started.push(c);
  return c;
};

describe.runIf(existsSync("/proc"))("the leftover-process check of the hostile tests", () => {
  it("finds a process working in the grader's temp area (no sandbox)", async () => {
    const tmp = await tempDir("grader-tmp-");
    const c = leave("sleep", ["30"], tmp);
    expect(await survivorsOf(tmp)).toContain(c.pid);
  });

  it("finds what runs below a process that names the temp area (a sandbox whose programs work in /tmp/sandbox/work)", async () => {
    const tmp = await tempDir("grader-tmp-");
    // Like the outer bubblewrap: the copy's path on its command line; the program below it works elsewhere.
    const c = leave("sh", ["-c", `sleep 30 & wait # ${tmp}`], "/");
    await new Promise((r) => setTimeout(r, 100));
    const found = await survivorsOf(tmp);
    expect(found).toContain(c.pid);
    expect(found.length, "the sleep below it too").toBeGreaterThanOrEqual(2);
  });

  it.runIf(process.getuid?.() === 0)("finds a process of the sandbox uid wherever it is", async () => {
    const tmp = await tempDir("grader-tmp-");
    const uid = 249_000 + (process.pid % 1000);
    const c = leave("setpriv", [`--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", "sleep", "30"], "/");
    await new Promise((r) => setTimeout(r, 100));
    expect(await survivorsOf(tmp, uid)).toContain(c.pid);
  });

  it("finds nothing once they are gone", async () => {
    const tmp = await tempDir("grader-tmp-");
    const c = leave("sleep", ["30"], tmp);
    await new Promise((r) => setTimeout(r, 100));
    process.kill(-c.pid!, "SIGKILL");
    expect(await survivorsOf(tmp)).toEqual([]);
  });
});
