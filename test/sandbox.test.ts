// Untrusted code in the bubblewrap sandbox: each hostile submission is graded completely, charged to
// itself only, and leaves nothing running (checked by the uid the sandbox gives it) and nothing in the
// grader's temp area. Outside CI a missing bubblewrap skips this file with a notice; in CI it fails.
import { execa } from "execa";
import { chmod, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { GradeResult } from "../grader/generated/result.js";
import { gradeJson, root, testOf } from "./helpers/cli.js";
import { fixtureCopy, removeTemps, tempDir } from "./helpers/fixtures.js";
import { processesMentioning, processesOfUid } from "./helpers/leftovers.js";
import { resultSchemaErrors } from "./helpers/result-schema.js";

const bwrapWorks = (await execa("bwrap", ["--ro-bind", "/", "/", "--unshare-net", "--unshare-pid", "true"], { reject: false }).catch(() => ({ exitCode: 1 }))).exitCode === 0;
const isRoot = process.getuid?.() === 0;
if (!bwrapWorks) {
  const notice = "NOTICE: bubblewrap (bwrap) is not usable here: the sandbox tests are SKIPPED. Install it: sudo apt-get install bubblewrap";
  console.warn(`\n${"=".repeat(notice.length)}\n${notice}\n${"=".repeat(notice.length)}\n`);
  if (process.env.CI) throw new Error("CI must run the sandbox tests, but bubblewrap is not usable (see .ci/run)");
}

afterAll(removeTemps);
let nextUid = 230_000 + (process.pid % 1000) * 20;
const references: Record<string, { file: string; as: string }> = {
  "exercise-01": { file: "ip_classify.py", as: "correct_impl.py" },
  "exercise-03": { file: "udp_server.py", as: "correct_server.py" },
};

/** Grades a hostile fixture in the sandbox with a uid of its own, then checks nothing of it is left. */
async function gradeSandboxed(exercise: string, name: string, dir?: string): Promise<GradeResult> {
  const submission = dir ?? (await fixtureCopy(`hostile/${exercise}/${name}`, { exercise, ...references[exercise] }));
  const tmp = await tempDir("grader-tmp-");
  const uid = nextUid++;
  const { result } = await gradeJson(exercise, submission, ["--sandbox", "bwrap"], { TMPDIR: tmp, GRADER_SANDBOX_UID: String(uid) });
  expect(resultSchemaErrors(result)).toEqual([]);
  expect(result.grader.sandbox).toBe("bwrap");
  expect(result.tests).toHaveLength(JSON.parse(await import("node:fs").then((fs) => fs.readFileSync(path.join(root, "exercises", exercise, "exercise.json"), "utf8"))).checks.length);
  if (isRoot) expect(await processesOfUid(uid), `no process of ${name} survives`).toEqual([]);
  expect(await readdir(tmp), "the grader's temp area is cleaned up").toEqual([]);
  return result;
}

describe.runIf(bwrapWorks).concurrent("the bubblewrap sandbox", () => {
  it("reference solutions score 100 inside the sandbox", async () => {
    // Every exercise of the course (from the exercises folder, so a new one is covered too).
    for (const id of (await readdir(path.join(root, "exercises"))).filter((d) => existsSync(path.join(root, "exercises", d, "exercise.json"))).sort()) {
      const { result } = await gradeJson(id, path.join(root, "solutions", id), ["--sandbox", "bwrap"]);
      expect(result.grader.sandbox).toBe("bwrap");
      expect(result.score, id).toBe(result.max_score);
    }
  });

  it.runIf(isRoot)("a fork bomb stops at the process limit, and every process of it is gone afterwards", async () => {
    const result = await gradeSandboxed("exercise-01", "fork-bomb");
    expect(result.status).toBe("error");
    expect(result.output).toMatch(/tried to start more than 64 processes/);
  });

  it("3 GiB of memory: a MemoryError, told in plain words", async () => {
    const result = await gradeSandboxed("exercise-01", "memory-hog");
    expect(result.output).toMatch(/MemoryError/);
    expect(result.output).toMatch(/used more than 512 MiB of memory/);
  });

  it("a 1 GiB file: stopped at the file-size limit", async () => {
    const result = await gradeSandboxed("exercise-01", "big-file");
    expect(result.output).toMatch(/wrote a file larger than 16 MiB/);
  });

  it("200 MB of stdout is dropped past the cap without blocking the program", async () => {
    const result = await gradeSandboxed("exercise-01", "stdout-flood");
    expect(result.score).toBe(100);
  });

  it("secrets in sibling folders and in /tmp never reach any output", async () => {
    const token = `SECRET-${Math.random().toString(36).slice(2)}`;
    const parent = await tempDir("class-");
    const submission = path.join(parent, "student-a");
    await mkdir(path.join(parent, "student-b"), { recursive: true });
    await writeFile(path.join(parent, "student-b", "ip_classify.py"), `# ${token} other student's work\n`);
    const hostSecret = path.join(os.tmpdir(), `udp-grader-planted-${token}.txt`);
    await writeFile(hostSecret, `${token}\n`);
    try {
      const copy = await fixtureCopy("hostile/exercise-01/hunts-secrets");
      await import("node:fs/promises").then((fs) => fs.cp(copy, submission, { recursive: true }));
      const result = await gradeSandboxed("exercise-01", "hunts-secrets", submission);
      const all = JSON.stringify(result);
      expect(all).toContain("secrets found: []");
      expect(all).not.toContain(token);
    } finally {
      await rm(hostSecret, { force: true });
    }
  });

  it("walking the disk finds none of the grader's case files", async () => {
    const result = await gradeSandboxed("exercise-01", "walks-for-cases");
    const all = JSON.stringify(result);
    expect(all).toContain("found 0 case files");
    expect(all).not.toMatch(/exercises\/exercise-0\d\/cases\.json/);
  });

  it("forged records and exit at import behave as without the sandbox", async () => {
    const forged = await gradeSandboxed("exercise-01", "fake-records");
    expect(forged.score).toBeLessThan(50);
    const exit = await gradeSandboxed("exercise-01", "exit-at-import");
    expect(exit.status).toBe("error");
  });

  it("deleting its own files changes nothing in the student's folder", async () => {
    const dir = await fixtureCopy("hostile/exercise-01/deletes-itself", { exercise: "exercise-01", ...references["exercise-01"] });
    const result = await gradeSandboxed("exercise-01", "deletes-itself", dir);
    expect(result.score).toBe(100);
    expect((await readdir(dir)).sort()).toEqual(["correct_impl.py", "ip_classify.py"]);
  });

  it("setsid'd, double-forked orphans of a server do not survive grading", async () => {
    const result = await gradeSandboxed("exercise-03", "setsid-orphans");
    expect(result.score).toBe(100);
  });

  it("a server that kills its parent cannot hurt the grader", async () => {
    const result = await gradeSandboxed("exercise-03", "kills-parent");
    expect(result.score).toBe(100);
  });

  it("a server that binds 400 ports hurts only itself, while another submission is graded at the same time", async () => {
    const [hoarder, neighbour] = await Promise.all([
      gradeSandboxed("exercise-03", "binds-400-ports"),
      gradeJson("exercise-03", path.join(root, "solutions", "exercise-03"), ["--sandbox", "bwrap"]),
    ]);
    expect(hoarder.score).toBe(100);
    expect(neighbour.result.score).toBe(100);
  });
});

// Teachers' machines do not give root: as root, the tests also grade as a plain uid (user namespaces let
// bubblewrap run unprivileged), where the process limit is set above that user's own processes.
const plainUid = 229_000 + (process.pid % 1000);
const asPlainUser = (args: string[]) => ["--reuid", String(plainUid), "--regid", String(plainUid), "--clear-groups", ...args];
const plainUserWorks =
  isRoot && bwrapWorks && existsSync("/usr/bin/python3") &&
  (await execa("setpriv", asPlainUser(["bwrap", "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid", "true"]), { reject: false }).catch(() => ({ exitCode: 1 }))).exitCode === 0;

describe.runIf(plainUserWorks)("the bubblewrap sandbox for a user without root", () => {
  it("stops a fork bomb at the process limit, leaves nothing behind, and the socket reference still scores 100", async () => {
    const bomb = await fixtureCopy("hostile/exercise-01/fork-bomb", { exercise: "exercise-01", ...references["exercise-01"] });
    const tmp = await tempDir("grader-tmp-");
    // Readable by that user (temp folders are private to root), and a temp area of its own.
    await execa("chmod", ["-R", "a+rwX", bomb, tmp]);
    const run = async (exercise: string, dir: string) => {
      const r = await execa("setpriv", asPlainUser([process.execPath, path.join(root, "bin", "grade.js"), exercise, dir, "--format", "json", "--lang", "en", "--sandbox", "bwrap", "--python", "/usr/bin/python3"]), {
        reject: false,
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", TMPDIR: tmp, HOME: tmp },
        extendEnv: false,
        stdin: "ignore",
        timeout: 120_000,
      });
      if (!String(r.stdout).startsWith("{")) throw new Error(`no JSON (exit ${r.exitCode}): ${r.stderr}`);
      return JSON.parse(String(r.stdout)) as GradeResult;
    };
    const result = await run("exercise-01", bomb);
    expect(result.grader.sandbox).toBe("bwrap");
    expect(result.status).toBe("error");
    expect(result.output).toMatch(/tried to start more than 64 processes/);
    let left = await processesOfUid(plainUid);
    for (let i = 0; i < 40 && left.length; i++) {
      await new Promise((res) => setTimeout(res, 50));
      left = await processesOfUid(plainUid);
    }
    expect(left, "no process of that user survives").toEqual([]);
    const server = await run("exercise-03", path.join(root, "solutions", "exercise-03"));
    expect(server.score).toBe(server.max_score);
    expect(await readdir(tmp), "the grader's temp area is cleaned up").toEqual([]);
  });
});

describe("--sandbox choices", () => {
  it("none records no sandbox; auto records what it used and warns when it falls back", async () => {
    const none = await gradeJson("exercise-01", path.join(root, "solutions", "exercise-01"), ["--sandbox", "none"]);
    expect(none.result.grader.sandbox).toBe("none");
    const auto = await gradeJson("exercise-01", path.join(root, "solutions", "exercise-01"), ["--sandbox", "auto"]);
    expect(auto.result.grader.sandbox).toBe(bwrapWorks ? "bwrap" : "none");
    if (!bwrapWorks) expect(auto.result.warnings.join(" ")).toMatch(/no sandbox/);
  });

  it("bwrap refuses to grade where bubblewrap does not work (PATH without it)", async () => {
    const { grade } = await import("./helpers/cli.js");
    const r = await grade(["exercise-01", path.join(root, "solutions", "exercise-01"), "--sandbox", "bwrap"], { env: { GRADER_BWRAP: "/nonexistent/bwrap" } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--sandbox bwrap: .*(not installed|cannot)/);
  });

  it("a bubblewrap that cannot make namespaces: auto grades without and says why, bwrap refuses", async () => {
    // What bwrap prints where unprivileged user namespaces are off (some containers, hardened kernels).
    const dir = await tempDir("fake-bwrap-");
    const fake = path.join(dir, "bwrap");
    await writeFile(fake, "#!/bin/sh\necho 'bwrap: No permissions to create new namespace, likely because the kernel does not allow non-privileged user namespaces.' >&2\nexit 1\n");
    await chmod(fake, 0o755);
    const solution = path.join(root, "solutions", "exercise-02");
    const { result } = await gradeJson("exercise-02", solution, ["--sandbox", "auto"], { GRADER_BWRAP: fake });
    expect(result.grader.sandbox).toBe("none");
    expect(result.warnings.join(" ")).toMatch(/no sandbox: the bubblewrap sandbox did not start \(bwrap: No permissions to create new namespace/);
    expect(result.score).toBe(100);
    const { grade } = await import("./helpers/cli.js");
    const refused = await grade(["exercise-02", solution, "--sandbox", "bwrap"], { env: { GRADER_BWRAP: fake } });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/--sandbox bwrap: the bubblewrap sandbox did not start \(bwrap: No permissions/);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
  });

  it.runIf(bwrapWorks)("a sandbox host started ahead that no grading takes is gone with the grader, folder and all", async () => {
    // The launcher guesses from the raw arguments that this will grade, and starts a host; the exercise
    // turns out not to exist.
    const tmp = await tempDir("grader-tmp-");
    const { grade } = await import("./helpers/cli.js");
    const r = await grade(["exercise-99", path.join(root, "solutions", "exercise-01")], { env: { TMPDIR: tmp } });
    expect(r.exitCode).toBe(2);
    let left = await processesMentioning(tmp);
    for (let i = 0; i < 40 && left.length; i++) {
      await new Promise((res) => setTimeout(res, 50));
      left = await processesMentioning(tmp);
    }
    expect(left, "no sandbox host left running").toEqual([]);
    expect(await readdir(tmp)).toEqual([]);
  });

  it("auto falls back with a warning in the result when bubblewrap does not work", async () => {
    const { result } = await gradeJson("exercise-01", path.join(root, "solutions", "exercise-01"), ["--sandbox", "auto"], { GRADER_BWRAP: "/nonexistent/bwrap" });
    expect(result.grader.sandbox).toBe("none");
    expect(result.warnings.join(" ")).toMatch(/no sandbox: bubblewrap/);
    expect(result.score).toBe(100);
  });
});
