// Untrusted code in the bubblewrap sandbox: each hostile submission is graded completely, charged to
// itself only, and leaves nothing running (checked by the uid the sandbox gives it) and nothing in the
// grader's temp area. Outside CI a missing bubblewrap skips this file with a notice; in CI it fails.
import { execa } from "execa";
import { chmod, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { GradeResult } from "../grader/generated/result.js";
import { gradeJson, root } from "./helpers/cli.js";
import { editedCourse, fixtureCopy, removeTemps, tempDir } from "./helpers/fixtures.js";
import { processesMentioning, processesOfUid } from "./helpers/leftovers.js";
import { resultSchemaErrors } from "./helpers/result-schema.js";

const bwrapWorks = (await execa("bwrap", ["--ro-bind", "/", "/", "--unshare-net", "--unshare-pid", "true"], { reject: false }).catch(() => ({ exitCode: 1 }))).exitCode === 0;
const isRoot = process.getuid?.() === 0;
// Can a plain program here make a user namespace and mount in it (what the sandbox must refuse)?
const usernsAllowed = (await execa("unshare", ["--user", "--map-root-user", "--mount", "true"], { reject: false }).catch(() => ({ exitCode: 1 }))).exitCode === 0;
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

/**
 * Grades `dir` without the sandbox, to show that a fixture's attack works where nothing stops it. Its work
 * at import (forking, filling memory) takes about a second on a quiet machine and has taken more than the
 * exercise's 5 s import limit in a loaded CI run, where the answer then said nothing about walls: so this
 * run uses a copy of the course whose exercise allows a minute for the import.
 */
async function gradeBare(exercise: string, dir: string): Promise<GradeResult> {
  const { course } = await editedCourse(path.join(root, "exercises"), exercise, (data) => (data.limits.importSeconds = 60));
  return (await gradeJson(exercise, dir, ["--sandbox", "none"], { GRADER_EXERCISES: course })).result;
}

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
  // Every reference scoring 100 in the sandbox: test/reference-solutions.test.ts (graded once, as a student is).

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

  it("a program that makes its own user namespace cannot mount a tmpfs past the limits", async () => {
    const result = await gradeSandboxed("exercise-01", "userns-tmpfs");
    expect(result.grader.limits?.nested_user_namespaces).toBe("blocked");
    expect(JSON.stringify(result)).not.toContain("WALLS BROKEN");
    expect(result.score).toBe(100);
    // The fixture can tell: without the sandbox, where the kernel lets this user make one, it gets through.
    if (usernsAllowed) {
      const copy = await fixtureCopy("hostile/exercise-01/userns-tmpfs", { exercise: "exercise-01", ...references["exercise-01"] });
      expect(JSON.stringify(await gradeBare("exercise-01", copy))).toContain("WALLS BROKEN: own tmpfs mounted");
    }
  }, 240_000);

  it("a submission's processes and files together stop at its memory cgroup, where one can be made", async (ctx) => {
    const copy = await fixtureCopy("hostile/exercise-01/memory-together", { exercise: "exercise-01", ...references["exercise-01"] });
    const { result } = await gradeJson("exercise-01", copy, ["--sandbox", "bwrap"], { GRADER_GROUP_MEMORY_MIB: "160" });
    if (result.grader.limits?.memory_cgroup_mib === null) {
      console.warn(`NOTICE: no memory cgroup here, the memory-together test is SKIPPED: ${result.warnings.join(" ")}`);
      expect(result.warnings.join(" ")).toMatch(/sandbox without a memory cgroup/);
      return ctx.skip();
    }
    expect(result.grader.limits?.memory_cgroup_mib).toBe(160);
    expect(JSON.stringify(result)).not.toContain("WALLS BROKEN");
    expect(result.score).toBe(100);
    expect(JSON.stringify(await gradeBare("exercise-01", copy))).toContain("WALLS BROKEN: all 3 held 80 MiB");
  }, 240_000);

  it("student code gets a writable private /tmp and an environment with none of the grader's paths", async () => {
    const result = await gradeSandboxed("exercise-01", "sandbox-view");
    const all = JSON.stringify(result);
    expect(all).toContain("TMP-WRITABLE");
    const env = JSON.parse(JSON.parse(`"${all.match(/ENV=(\{[^}]*\})/)![1]}"`)) as Record<string, string>;
    expect(env.PATH).toBe(path.dirname(result.grader.python.executable));
    expect(env.TMPDIR).toBe("/tmp");
    expect(env.HOME).toBe("/tmp/sandbox/work");
    expect(env.MALLOC_ARENA_MAX).toBe("2");
    expect(all).not.toContain(process.env.PATH ?? "/nonexistent");
    expect(all).not.toContain(root);
  });

  it("forged records and exit at import behave as without the sandbox", async () => {
    const forged = await gradeSandboxed("exercise-01", "fake-records");
    expect(forged.score).toBeLessThan(50);
    const exit = await gradeSandboxed("exercise-01", "exit-at-import");
    expect(exit.status).toBe("error");
  }, 240_000);

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

// A grader installed globally (npm pack, then npm i -g --prefix P: P/lib/node_modules/udp-grader) may lie
// inside what the sandbox mounts for Python (under /usr, or inside a Python's own prefix): its folder
// must stay hidden. The package is unpacked as npm i -g does, with this checkout's dependencies beside it.
describe.runIf(bwrapWorks).concurrent("a globally installed grader in the sandbox", () => {
  // One package for the tests, which run side by side: the first to need it packs it.
  let packed: Promise<string> | undefined;
  const pack = async () => {
    const dir = await tempDir("pack-");
    await execa("npm", ["pack", "--ignore-scripts", "--pack-destination", dir], { cwd: root });
    return path.join(dir, (await readdir(dir)).find((f) => f.endsWith(".tgz"))!);
  };
  const install = async (prefix: string) => {
    const tarball = await (packed ??= pack());
    const at = path.join(prefix, "lib", "node_modules", "udp-grader");
    await mkdir(at, { recursive: true });
    await execa("tar", ["xzf", tarball, "-C", at, "--strip-components=1"]);
    await symlink(path.join(root, "node_modules"), path.join(at, "node_modules"));
    return path.join(at, "bin", "grade.js");
  };
  const walk = async (grader: string, python: string) => {
    const copy = await fixtureCopy("hostile/exercise-01/walks-install-dirs");
    const r = await execa(process.execPath, [grader, "exercise-01", copy, "--format", "json", "--lang", "en", "--sandbox", "bwrap", "--python", python], { reject: false, stdin: "ignore" });
    const result = JSON.parse(String(r.stdout)) as GradeResult;
    expect(result.grader.sandbox).toBe("bwrap");
    return JSON.stringify(result).match(/found (\d+) case files/)![1];
  };

  it.runIf(isRoot && existsSync("/usr/bin/python3") && !existsSync("/usr/local/lib/node_modules/udp-grader"))("under /usr/local, with the system Python (prefix /usr)", async () => {
    try {
      const grader = await install("/usr/local");
      expect(await walk(grader, "/usr/bin/python3")).toBe("0");
    } finally {
      await rm("/usr/local/lib/node_modules/udp-grader", { recursive: true, force: true });
    }
  }, 240_000);

  it("in a home folder, inside the prefix of the Python that grades (a venv)", async () => {
    // Not under /tmp: the sandboxes have /tmp of their own, so a Python there is not reachable at all.
    const prefix = await mkdtemp(path.join(os.homedir(), ".udp-grader-test-"));
    await chmod(prefix, 0o755); // as a venv made with `python3 -m venv` is (mkdtemp makes it 0700)
    try {
      await execa("python3", ["-m", "venv", "--without-pip", prefix]);
      const grader = await install(prefix);
      const python = path.join(prefix, "bin", "python3");
      expect(await walk(grader, python)).toBe("0");
      // The fixture does find them where nothing hides them.
      const copy = await fixtureCopy("hostile/exercise-01/walks-install-dirs");
      const { result } = await gradeJson("exercise-01", copy, ["--sandbox", "none", "--python", python]);
      expect(JSON.stringify(result)).toMatch(/found [1-9]\d* case files/);
    } finally {
      await rm(prefix, { recursive: true, force: true });
    }
  }, 240_000);

  it("a .pth file that runs code is shown empty to student scripts (site.py would run it at each start)", async () => {
    const prefix = await mkdtemp(path.join(os.homedir(), ".udp-grader-pth-"));
    await chmod(prefix, 0o755);
    try {
      await execa("python3", ["-m", "venv", "--without-pip", prefix]);
      const python = path.join(prefix, "bin", "python3");
      const sitePackages = String((await execa(python, ["-c", "import site; print(site.getsitepackages()[0])"])).stdout).trim();
      // Only a student's script (a .py file) exits: the grader's own probe (-c) and harness (-S) are left alone.
      await writeFile(path.join(sitePackages, "zz-exits.pth"), "import sys, os; sys.argv[0].endswith('.py') and os._exit(3)\n");
      const only = ["--only", "prints-reply", "--python", python];
      const boxed = await gradeJson("exercise-04", path.join(root, "solutions", "exercise-04"), ["--sandbox", "bwrap", ...only]);
      expect(boxed.result.score).toBe(boxed.result.max_score);
      // Without the sandbox it runs, and every start of the client exits 3: the test can tell.
      const plain = await gradeJson("exercise-04", path.join(root, "solutions", "exercise-04"), ["--sandbox", "none", ...only]);
      expect(plain.result.score).toBe(0);
    } finally {
      await rm(prefix, { recursive: true, force: true });
    }
  }, 240_000);

  it("under /tmp", async () => {
    const prefix = await tempDir("prefix-");
    const grader = await install(prefix);
    const python = String((await execa("python3", ["-c", "import sys; print(sys.executable)"])).stdout).trim();
    expect(await walk(grader, python)).toBe("0");
    const copy = await fixtureCopy("hostile/exercise-01/walks-install-dirs");
    const { result } = await gradeJson("exercise-01", copy, ["--sandbox", "none"]);
    expect(JSON.stringify(result)).toMatch(/found [1-9]\d* case files/);
  }, 240_000);
});

// Teachers' machines do not give root: as root, the tests also grade as a plain uid (user namespaces let
// bubblewrap run unprivileged), where the process limit is set above that user's own processes.
const plainUid = 229_000 + (process.pid % 1000);
const asPlainUser = (args: string[]) => ["--reuid", String(plainUid), "--regid", String(plainUid), "--clear-groups", ...args];
const plainUserCan = async (args: string[]) => (await execa("setpriv", asPlainUser(args), { reject: false }).catch(() => ({ exitCode: 1 }))).exitCode === 0;
// That user must be able to reach this checkout: a clone inside a folder only its owner may enter (a
// `mktemp -d` folder, mode 0700) cannot be graded from by anyone else. Said, and skipped, not failed.
const checkoutReachable = isRoot && (await plainUserCan(["test", "-r", path.join(root, "dist", "grader", "cli", "main.js")]));
if (isRoot && bwrapWorks && !checkoutReachable) {
  const notice = `NOTICE: a user without root cannot read this checkout (${root}: a folder above it is not open to others), so the plain-user sandbox test is SKIPPED`;
  console.warn(`\n${"=".repeat(notice.length)}\n${notice}\n${"=".repeat(notice.length)}\n`);
}
const plainUserWorks =
  isRoot && bwrapWorks && existsSync("/usr/bin/python3") && checkoutReachable &&
  (await plainUserCan(["bwrap", "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid", "true"]));

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

describe.concurrent("--sandbox choices", () => {
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

  it.runIf(bwrapWorks)("a bubblewrap without --add-seccomp-fd (before 0.5) still grades, and says nested user namespaces are not blocked", async () => {
    // Not under /tmp: the outer sandbox has a /tmp of its own, and starts the inner bwrap from there.
    const dir = await mkdtemp(path.join(os.homedir(), ".udp-grader-old-bwrap-"));
    await chmod(dir, 0o755);
    afterAll(() => rm(dir, { recursive: true, force: true }));
    const old = path.join(dir, "bwrap");
    const real = (await execa("sh", ["-c", "command -v bwrap"])).stdout.trim();
    await writeFile(old, `#!/bin/sh\nif [ "$1" = --help ]; then ${real} --help 2>&1 | grep -v seccomp; exit 0; fi\nexec ${real} "$@"\n`);
    await chmod(old, 0o755);
    const { result } = await gradeJson("exercise-01", path.join(root, "solutions", "exercise-01"), ["--sandbox", "bwrap"], { GRADER_BWRAP: old });
    expect(result.grader.sandbox).toBe("bwrap");
    expect(result.score).toBe(100);
    expect(result.grader.limits?.nested_user_namespaces).toBe("allowed");
    expect(result.warnings.join(" ")).toMatch(/does not block nested user namespaces: this bubblewrap is older than 0.5/);
  }, 240_000);

  it("auto falls back with a warning in the result when bubblewrap does not work", async () => {
    const { result } = await gradeJson("exercise-01", path.join(root, "solutions", "exercise-01"), ["--sandbox", "auto"], { GRADER_BWRAP: "/nonexistent/bwrap" });
    expect(result.grader.sandbox).toBe("none");
    expect(result.warnings.join(" ")).toMatch(/no sandbox: bubblewrap/);
    expect(result.score).toBe(100);
  });
});
