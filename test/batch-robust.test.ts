// Issue 12 item 4 and 10, issue 14 items 2 (Canvas layout) and 6: whatever is wrong with one student's
// files is a note for that student and every other student is graded; the batch's comforts (resume
// counts, --student, Ctrl-C, one lock per --out, Chinese headers). Real files through the real CLI:
// non-UTF-8 names made from bytes, a sparse file made with truncate, modes 000 read by a plain uid.
import { execa } from "execa";
import { existsSync, readFileSync } from "node:fs";
import { chmod, copyFile, mkdir, readFile, readdir, symlink, truncate, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { grade, root } from "./helpers/cli.js";
import { removeTemps, tempDir } from "./helpers/fixtures.js";

const bin = path.join(root, "bin", "grade.js");
const ref = (id: string) => readFile(path.join(root, "solutions", id, { "exercise-01": "ip_classify.py", "exercise-02": "ports.py" }[id]!), "utf8");
const gbk = (text: string) => Buffer.from(gbkBytes[text]);
// GBK bytes of the names used below (a Windows zip unpacked with `unzip` leaves exactly these on disk).
const gbkBytes: Record<string, number[]> = { 作业: [0xd7, 0xf7, 0xd2, 0xb5], "报告.txt": [0xb1, 0xa8, 0xb8, 0xe6, 0x2e, 0x74, 0x78, 0x74] };
const under = (dir: string, name: Buffer) => Buffer.concat([Buffer.from(dir + "/"), name]);

async function put(dir: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
}

/** CSV rows by student (the gradebook is written with a BOM and CRLF). */
async function rows(out: string): Promise<Map<string, string>> {
  const lines = (await readFile(path.join(out, "grades.csv"), "utf8")).replace(/^\ufeff/, "").split(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/).filter(Boolean);
  return new Map(lines.slice(1).map((l) => [l.startsWith('"') ? l.slice(1, l.indexOf('"', 1)) : l.split(",")[0], l]));
}

// As root every file is readable: the class is graded by a plain uid, as a teacher without root would.
const isRoot = process.getuid?.() === 0;
const plainUid = 231_000 + (process.pid % 1000);
const teacherCanRun = !isRoot || (await execa("setpriv", ["--reuid", String(plainUid), "--regid", String(plainUid), "--clear-groups", process.execPath, "-e", `require("fs").accessSync(${JSON.stringify(bin)})`], { reject: false }).catch(() => ({ exitCode: 1 }))).exitCode === 0;
if (!teacherCanRun) console.warn(`\nNOTICE: uid ${plainUid} cannot reach ${root} (a folder other users cannot enter): the class is graded as root, where mode 000 files are readable; those two notes are not checked.\n`);
const asTeacher = isRoot && teacherCanRun;

async function runAsTeacher(args: string[], tmp: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const argv = [process.execPath, bin, ...args];
  const cmd = asTeacher ? ["setpriv", "--reuid", String(plainUid), "--regid", String(plainUid), "--clear-groups", ...argv] : argv;
  const r = await execa(cmd[0], cmd.slice(1), { reject: false, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", TMPDIR: tmp, HOME: tmp, LANG: "C.UTF-8" }, extendEnv: false, stdin: "ignore", timeout: 240_000 });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

const lockedPaths: string[] = [];
const deepTrees: string[] = [];
afterAll(async () => {
  // Mode 000 folders cannot be removed by a plain user: give them back their modes first.
  for (const p of lockedPaths) await chmod(p, 0o755).catch(() => {});
  // Folders deeper than PATH_MAX: Node's rm cannot reach them, rm(1) walks them relative to each folder.
  for (const p of deepTrees) await execa("rm", ["-rf", p], { reject: false });
  await removeTemps().catch(() => {});
});

describe("one student's files never stop the batch", () => {
  const longName = "s".repeat(252);
  let classDir = "";
  let out = "";
  let tmp = "";
  let result: Awaited<ReturnType<typeof runAsTeacher>>;

  it("a class with a GBK folder name, a 70 MiB sparse entry file, unreadable files, deep folders, a 252-byte name, links and an encrypted zip is graded: every student has a row", { timeout: 300_000 }, async () => {
    classDir = await tempDir("robust-class-");
    tmp = await tempDir("robust-tmp-");
    out = path.join(tmp, "out");
    const code = await ref("exercise-01");
    await put(classDir, { "good/ip_classify.py": code, "unread-dir/ip_classify.py": code, "unread-dir/private/notes.txt": "x", "unread-file/ip_classify.py": code, "locked/ip_classify.py": code, "deep/ip_classify.py": code });
    await put(classDir, { [`${longName}/ip_classify.py`]: code, "ex-folders/ex1/ip_classify.py": code, "ex-folders/ex2/ports.py": await ref("exercise-02") });
    await put(classDir, { "two-copies/a/ip_classify.py": code, "two-copies/b/ip_classify.py": code });
    // A folder named 作业 in GBK; a student whose program reads its GBK-named data file 报告.txt.
    await mkdir(under(classDir, gbk("作业")));
    await writeFile(under(classDir, Buffer.concat([gbk("作业"), Buffer.from("/ip_classify.py")])), code);
    await put(classDir, { "gbk-data/ip_classify.py": `import os\nopen(os.path.join(os.path.dirname(os.path.abspath(__file__)), "报告.txt")).read()\n${code}` });
    await writeFile(under(classDir, Buffer.concat([Buffer.from("gbk-data/"), gbk("报告.txt")])), "data");
    // An entry file larger than the sandbox's whole work space, without using the disk.
    await mkdir(path.join(classDir, "sparse"));
    await writeFile(path.join(classDir, "sparse", "ip_classify.py"), "");
    await truncate(path.join(classDir, "sparse", "ip_classify.py"), 70 * 1024 * 1024);
    // 40 folders of 200 characters: beyond PATH_MAX (made relative to each folder, as a zip tool would).
    deepTrees.push(path.join(classDir, "deep"));
    await execa("python3", ["-c", "import os\nfor i in range(40):\n    os.mkdir('d'*200); os.chdir('d'*200)\nopen('x.py','w').write('1')"], { cwd: path.join(classDir, "deep") });
    await symlink("good", path.join(classDir, "link-inside"));
    await symlink(path.join(tmp), path.join(classDir, "link-outside"));
    await symlink(path.join(classDir, "nowhere"), path.join(classDir, "link-broken"));
    await encryptedZip(path.join(classDir, "secret.zip"), code);
    await gbkZip(path.join(classDir, "gbk-zip.zip"), `import os\nopen(os.path.join(os.path.dirname(os.path.abspath(__file__)), "报告.txt")).read()\n${code}`);
    await execa("chmod", ["-R", "a+rwX", classDir, tmp]);
    lockedPaths.push(path.join(classDir, "unread-dir", "private"), path.join(classDir, "unread-file", "ip_classify.py"), path.join(classDir, "locked"));
    await chmod(path.join(classDir, "unread-dir", "private"), 0o000);
    await chmod(path.join(classDir, "unread-file", "ip_classify.py"), 0o000);
    await chmod(path.join(classDir, "locked"), 0o000);

    result = await runAsTeacher(["batch", "exercise-01", classDir, "--out", out, "--lang", "en"], tmp);
    expect(result.exitCode, result.stderr).toBe(0);
    const r = await rows(out);
    const students = ["good", "unread-dir", "unread-file", "locked", "deep", longName, "ex-folders", "two-copies", "作业", "gbk-data", "sparse", "link-inside", "link-outside", "link-broken", "secret", "gbk-zip"];
    expect([...r.keys()].sort()).toEqual([...students].sort());
    for (const s of ["good", "unread-dir", "deep", longName, "ex-folders", "作业", "gbk-data", "gbk-zip", "link-inside"]) expect(r.get(s), s).toMatch(/^[^,]+,100,100,100,100,/);
    expect(r.get("sparse")).toMatch(/ip_classify\.py is 70\.0 MiB; an entry file may be at most 10 MiB: not graded/);
    expect(r.get("link-outside")).toMatch(/link-outside is a link to .*, outside the class folder: not graded/);
    expect(r.get("link-broken")).toMatch(/link-broken is a link to .*nowhere, which does not exist: not graded/);
    expect(r.get("secret")).toMatch(/secret\.zip is password-protected \(encrypted\): zip the files again without a password/);
    expect(r.get("two-copies")).toMatch(/ip_classify\.py is in several places: a\/ip_classify\.py, b\/ip_classify\.py/);
    if (asTeacher || !isRoot) {
      expect(r.get("unread-file")).toMatch(/ip_classify\.py cannot be read \(permission denied\): not graded/);
      expect(r.get("locked")).toMatch(/The folder locked cannot be read \(permission denied\): not graded/);
      const warned = JSON.parse(await readFile(path.join(out, "results", "unread-dir", "exercise-01.json"), "utf8"));
      expect(warned.warnings.join("\n")).toMatch(/cannot be read: private\/ \(permission denied\)/);
    }
    // The GBK name is read as GBK, in every output; the file inside reached the program under that name.
    const gbkResult = JSON.parse(await readFile(path.join(out, "results", "作业", "exercise-01.json"), "utf8"));
    expect(gbkResult.warnings.join("\n")).toMatch(/not UTF-8 \(read as 作业\)/);
    const dataResult = JSON.parse(await readFile(path.join(out, "results", "gbk-data", "exercise-01.json"), "utf8"));
    expect(dataResult.warnings.join("\n")).toMatch(/copied under their GBK reading: 报告\.txt/);
    // The long name has a shortened folder and its full name inside.
    const longKey = (await readdir(path.join(out, "results"))).find((k) => k.startsWith("sss"))!;
    expect(Buffer.byteLength(longKey)).toBeLessThanOrEqual(200);
    expect(JSON.parse(await readFile(path.join(out, "summary.json"), "utf8")).students).toBe(students.length);
    expect(await readFile(path.join(out, "report.html"), "utf8")).toContain(longName);
    expect(existsSync(path.join(out, ".batch.lock")), "the lock is released").toBe(false);
  });

  it("`grade EXERCISE DIR` on one such folder says the same problem in one line", { timeout: 120_000 }, async () => {
    const cases: [string, RegExp][] = [
      ["sparse", /^Could not grade: ip_classify\.py is 70\.0 MiB; an entry file may be at most 10 MiB: not graded\.$/m],
      ["two-copies", /ip_classify\.py is in several places: a\/ip_classify\.py, b\/ip_classify\.py\. Keep one\./],
    ];
    if (asTeacher || !isRoot) {
      cases.push(["unread-file", /^Could not grade: ip_classify\.py cannot be read \(permission denied\): not graded\.$/m]);
      cases.push(["locked", /^Could not grade: The folder .*locked cannot be read \(permission denied\): not graded\.$/m]);
    }
    for (const [dir, message] of cases) {
      const r = await runAsTeacher(["exercise-01", path.join(classDir, dir), "--lang", "en"], tmp);
      expect(r.exitCode, `${dir}: ${r.stderr}`).toBe(1);
      expect(r.stdout, dir).toMatch(message);
    }
    const folders = await runAsTeacher(["exercise-01", path.join(classDir, "ex-folders"), "--lang", "en"], tmp);
    expect(folders.exitCode, folders.stderr + folders.stdout).toBe(0);
  });
});

/** A zip as Chinese Windows writes it: the name 报告.txt in GBK bytes, without the UTF-8 flag. */
async function gbkZip(file: string, code: string): Promise<void> {
  const script = `import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], "w"); z.writestr("ip_classify.py", sys.argv[2]); z.writestr("XXXX.txt", "data"); z.close()
b = open(sys.argv[1], "rb").read().replace(b"XXXX.txt", bytes([0xb1, 0xa8, 0xb8, 0xe6]) + b".txt")
open(sys.argv[1], "wb").write(b)`;
  await execa("python3", ["-c", script, file, code]);
}

/** A zip whose entry is really encrypted (zip -P), else one written by Python with the encryption flag set. */
async function encryptedZip(file: string, code: string): Promise<void> {
  const dir = await tempDir("zip-src-");
  await writeFile(path.join(dir, "ip_classify.py"), code);
  const zip = await execa("zip", ["-q", "-P", "secret", file, "ip_classify.py"], { cwd: dir, reject: false }).catch(() => ({ exitCode: 127 }));
  if (zip.exitCode === 0) return;
  const script = `import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], "w"); z.writestr("ip_classify.py", sys.argv[2]); z.close()
b = bytearray(open(sys.argv[1], "rb").read())
for sig, off in ((b"PK\\x03\\x04", 6), (b"PK\\x01\\x02", 8)):
    i = b.find(sig)
    while i >= 0:
        b[i + off] |= 1; i = b.find(sig, i + 4)
open(sys.argv[1], "wb").write(b)`;
  await execa("python3", ["-c", script, file, code]);
}

describe("Canvas' flat download", () => {
  it("groups name[_late]_user_submission_file files into one submission per student, taking re-uploads (-1)", { timeout: 120_000 }, async () => {
    const dir = await tempDir("canvas-");
    const code = await ref("exercise-01");
    await put(dir, {
      "zhangsan_late_12345_67890_ip_classify.py": code,
      "lisi_12346_67891_ip_classify.py": "def classify(x):\n    return None\n", // replaced by the re-upload below
      "lisi_12346_67891_ip_classify-1.py": code,
      "lisi_12346_67891_notes.txt": "my notes",
      "wangwu_12347_67892_ipclassify.py": code, // misnamed: a 0 that says where the file is
    });
    const zipSrc = await tempDir("zip-src-");
    await writeFile(path.join(zipSrc, "ip_classify.py"), code);
    await execa("python3", ["-c", "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w'); z.write(sys.argv[2], 'ip_classify.py'); z.close()", path.join(dir, "zhaoliu_12348_67893_homework.zip"), path.join(zipSrc, "ip_classify.py")]);
    const out = await tempDir("canvas-out-");
    const r = await grade(["batch", "exercise-01", dir, "--out", out, "--lang", "en"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const got = await rows(out);
    expect([...got.keys()].sort()).toEqual(["lisi", "wangwu", "zhangsan", "zhaoliu"]);
    for (const s of ["lisi", "zhangsan", "zhaoliu"]) expect(got.get(s), s).toMatch(/^[^,]+,100,/);
    expect(got.get("wangwu")).toMatch(/^wangwu,0,.*The \.py files in this folder: ipclassify\.py/);
  });

  it("a folder with no submission at all is exit 2 and says what it holds", async () => {
    const dir = await tempDir("nothing-");
    await put(dir, { "readme.txt": "hello", "grades.xlsx": "" });
    const r = await grade(["batch", "exercise-01", dir, "--out", await tempDir("out-"), "--lang", "en"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/No submissions found in .*: expected one folder or \.zip per student.*It holds: grades\.xlsx, readme\.txt/);
  });
});

describe("the output folder inside the class folder", () => {
  it("is not graded as a student, in the first run or the next", { timeout: 120_000 }, async () => {
    const dir = await tempDir("class-out-inside-");
    await put(dir, { "alice/ip_classify.py": await ref("exercise-01") });
    for (let run = 0; run < 2; run++) {
      const r = await grade(["batch", "exercise-01", dir, "--out", path.join(dir, "results"), "--lang", "en", "--sandbox", "none"]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect([...(await rows(path.join(dir, "results"))).keys()]).toEqual(["alice"]);
    }
  });
});

describe("batch comforts", () => {
  let classDir = "";
  let out = "";
  const batch = (extra: string[] = [], lang = "en") => grade(["batch", "all", classDir, "--exercises", "exercise-01,exercise-02", "--out", out, "--lang", lang, ...extra], { timeoutMs: 240_000 });

  it("a rerun grades nothing and says so; an edit to one exercise's file regrades that exercise only; --student regrades one student", { timeout: 300_000 }, async () => {
    classDir = await tempDir("comfort-");
    out = await tempDir("comfort-out-");
    for (const s of ["alice", "bob", "carol"]) await put(classDir, { [`${s}/ip_classify.py`]: await ref("exercise-01"), [`${s}/ports.py`]: await ref("exercise-02") });
    const first = await batch();
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^6 graded, 0 up to date, 0 with a problem/);
    const again = await batch();
    expect(again.stdout).toMatch(/^0 graded, 6 up to date, 0 with a problem/);
    await writeFile(path.join(classDir, "alice", "ports.py"), (await ref("exercise-02")) + "\n# tidied up\n");
    const edited = await batch();
    expect(edited.stdout).toMatch(/^1 graded, 5 up to date/);
    expect(edited.stderr).toMatch(/\[6\/6\] alice exercise-02 /);
    const one = await batch(["--student", "bob"]);
    expect(one.stdout).toMatch(/^2 graded, 0 up to date/);
    expect(one.stderr).not.toMatch(/alice|carol/);
    const unknown = await batch(["--student", "bobby"]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/No student bobby in .*Students: alice, bob, carol/);
    expect((await rows(out)).size).toBe(3);
  });

  it("in --lang zh the progress, the summary line and the gradebook's headers are Chinese", { timeout: 120_000 }, async () => {
    const r = await batch(["--force"], "zh");
    expect(r.stderr).toMatch(/^评分 6 项（0 项已是最新）/);
    expect(r.stdout).toMatch(/^已评 6 项，0 项已是最新/);
    expect((await readFile(path.join(out, "grades.csv"), "utf8")).split("\r\n")[0]).toBe("\ufeff学生,exercise-01 (/100),exercise-02 (/100),总分,满分,百分比,备注");
  });

  it("a second batch on the same --out says who is writing there; a lock left by a dead grader is taken over", { timeout: 240_000 }, async () => {
    const first = execa(process.execPath, [bin, "batch", "all", classDir, "--exercises", "exercise-01,exercise-02", "--out", out, "--force", "--jobs", "1", "--lang", "en"], { reject: false, stdin: "ignore" });
    const lock = path.join(out, ".batch.lock");
    for (let i = 0; i < 400 && !existsSync(lock); i++) await new Promise((r) => setTimeout(r, 25));
    expect(existsSync(lock)).toBe(true);
    const second = await grade(["batch", "exercise-01", classDir, "--out", out, "--lang", "en"]);
    expect(second.exitCode).toBe(2);
    // The batch runs in a Node the launcher starts (bin/grade.js) with a small young generation and slow
    // heap growth (about half the peak memory): the lock names that one.
    const graders = [first.pid!, ...readFileSync(`/proc/${first.pid}/task/${first.pid}/children`, "utf8").split(" ").filter(Boolean)];
    const commandLines = graders.map((pid) => readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0"));
    expect(commandLines.filter((c) => c.includes("--max-semi-space-size=2") && c.includes("--heap-growing-percent=10") && c.includes("batch"))).toHaveLength(1);
    expect(second.stderr).toMatch(new RegExp(`Another batch \\(pid (${graders.join("|")}) on .*\\) is writing into ${out}: wait for it to finish, or give another --out`));
    expect((await first).exitCode).toBe(0);
    expect(existsSync(lock)).toBe(false);
    // A grader killed outright leaves its lock; its pid is gone, so the next batch takes over.
    const dead = execa("true");
    await dead;
    await writeFile(lock, JSON.stringify({ pid: dead.pid, host: (await import("node:os")).hostname(), started: "earlier" }));
    const after = await grade(["batch", "exercise-01", classDir, "--out", out, "--lang", "en"]);
    expect(after.exitCode, after.stderr).toBe(0);
  });

  it("Ctrl-C says how far it got and that running again resumes", { timeout: 240_000 }, async () => {
    const fresh = await tempDir("comfort-int-");
    const child = execa(process.execPath, [bin, "batch", "all", classDir, "--exercises", "exercise-01,exercise-02", "--out", fresh, "--jobs", "1", "--lang", "en"], { reject: false, stdin: "ignore" });
    const graded = async () => (existsSync(path.join(fresh, "state")) ? (await readdir(path.join(fresh, "state"), { recursive: true })).filter((f) => String(f).endsWith(".json")).length : 0);
    for (let i = 0; i < 2400 && (await graded()) < 1; i++) await new Promise((r) => setTimeout(r, 25));
    child.kill("SIGINT");
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(String(r.stderr)).toMatch(/interrupted: \d+ of 6 graded and kept in .*\. Run the same command again to resume/);
    expect(existsSync(path.join(fresh, ".batch.lock"))).toBe(false);
    const resumed = await grade(["batch", "all", classDir, "--exercises", "exercise-01,exercise-02", "--out", fresh, "--lang", "en"], { timeoutMs: 240_000 });
    const upToDate = Number(/(\d+) up to date/.exec(resumed.stdout)?.[1]);
    expect(upToDate).toBeGreaterThanOrEqual(1);
    expect(resumed.stdout).toMatch(new RegExp(`^${6 - upToDate} graded, ${upToDate} up to date`));
  });
});
