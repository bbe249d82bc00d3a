// The command line as users meet it: exit codes, one-line errors, help, list, human output.
import { mkdir, symlink, writeFile, cp } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NAMED_COMMANDS } from "../grader/cli/command-names.js";
import { grade, gradeJson, root } from "./helpers/cli.js";
import { removeTemps, tempDir } from "./helpers/fixtures.js";

afterAll(removeTemps);
const solution01 = path.join(root, "solutions", "exercise-01");

describe.concurrent("grade CLI", () => {
  it("grade list shows every exercise with title and points", async () => {
    const r = await grade(["list", "--lang", "en"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/exercise-01 .*100 pts/);
    expect(r.stdout).toMatch(/exercise-02 .*100 pts/);
  });

  it("--help works at the top and for list", async () => {
    const top = await grade(["--help"]);
    expect(top.exitCode).toBe(0);
    expect(top.stdout).toMatch(/--format/);
    expect(top.stdout).toMatch(/list/);
    expect((await grade(["list", "--help"])).exitCode).toBe(0);
    // The launcher and the head start know the commands before yargs loads (grader/cli/command-names.ts):
    // the commands --help lists are the ones that list names, besides yargs' own (completion, help).
    const commands = top.stdout.split("Commands:")[1].split("\n\n")[0];
    const listed = [...commands.matchAll(/^ {2}grade ([a-z]+)\b/gm)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThan(3);
    expect(new Set(listed)).toEqual(new Set(Object.keys(NAMED_COMMANDS).filter((c) => c !== "completion" && c !== "help")));
  });

  it("human output: one line per check, a total, no colors when not a terminal", async () => {
    const r = await grade(["exercise-01", solution01, "--lang", "en"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/✓ Accepts valid addresses\s+\d+\/\d+/);
    expect(r.stdout).toMatch(/Total: 100\/100/);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it("--color forces colors; Chinese with --lang zh", async () => {
    const r = await grade(["exercise-01", solution01, "--lang", "zh", "--color"]);
    expect(r.stdout).toMatch(/\x1b\[/);
    expect(r.stdout).toMatch(/总分/);
  });

  it("a failed check shows what was given, expected and got, with a hint", async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, "ip_classify.py"), 'def classify_ip(address):\n    return {"valid": True, "class": "Z", "private": False, "loopback": False, "network": None, "host": None}\n');
    const r = await grade(["exercise-01", dir, "--lang", "en"]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/✗ /);
    expect(r.stdout).toMatch(/given: +classify_ip\('/); // the short view: each failed check's first case
    expect(r.stdout).toMatch(/expected:/);
    expect(r.stdout).toMatch(/got:/);
    expect(r.stdout).toMatch(/hint:/);
    // Schema errors in plain words.
    expect(r.stdout).toMatch(/`class` must be one of 'A', 'B', 'C', 'D', 'E'; got 'Z'/);
  });

  it("unknown exercise: exit 2, one line, a suggestion", async () => {
    const r = await grade(["exercise-1", solution01]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/Did you mean exercise-01\?/);
    expect(r.stdout).toBe("");
  });

  it("the errors a student meets come in their language (--lang zh, or a Chinese locale)", async () => {
    const unknown = await grade(["exercise-1", solution01, "--lang", "zh"]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr.trim()).toBe("grade: 没有练习 \"exercise-1\"。你是想输入 exercise-01 吗？运行 `grade list` 查看全部练习。");
    const missing = await grade(["exercise-01", "/no/such/folder"], { env: { LANG: "zh_CN.UTF-8", LC_ALL: "" } });
    expect(missing.stderr.trim()).toBe("grade: 文件夹 /no/such/folder 不存在。");
    const english = await grade(["exercise-01", "/no/such/folder", "--lang", "en"], { env: { LANG: "zh_CN.UTF-8", LC_ALL: "" } });
    expect(english.stderr.trim()).toBe("grade: The folder /no/such/folder does not exist.");
  });

  it("a folder that does not exist: exit 2, one line", async () => {
    const r = await grade(["exercise-01", "/nonexistent/folder"]);
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/does not exist/);
    expect(r.stderr.trim().split("\n"), r.stderr).toHaveLength(1);
  });

  it("Python missing: exit 2, one clear line", async () => {
    const r = await grade(["exercise-01", solution01, "--python", "/nonexistent/python3"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/Python not found/);
  });

  it("bad arguments: exit 2", async () => {
    expect((await grade(["exercise-01", solution01, "--format", "xml"])).exitCode).toBe(2);
    expect((await grade([])).exitCode).toBe(2);
  });

  it("an option given twice takes its last value (it once crashed the grader)", async () => {
    const r = await grade(["exercise-01", solution01, "--lang", "en", "--lang", "zh", "--only", "nothing-such", "--only", "accepts-valid"]);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/总分：8\/8/);
  });

  it("no entry file: score 0, status error, a message saying where it looked", async () => {
    const dir = await tempDir();
    const { run, result } = await gradeJson("exercise-01", dir);
    expect(run.exitCode).toBe(1);
    expect(result.status).toBe("error");
    expect(result.score).toBe(0);
    expect(result.output).toMatch(/No ip_classify\.py found/);
  });

  it("an entry file that is a symlink out of the folder is refused", async () => {
    const outside = await tempDir();
    await writeFile(path.join(outside, "secret.py"), "def classify_ip(a):\n    return {'valid': False}\n");
    const dir = await tempDir();
    await symlink(path.join(outside, "secret.py"), path.join(dir, "ip_classify.py"));
    const { result } = await gradeJson("exercise-01", dir);
    expect(result.status).toBe("error");
    expect(result.output).toMatch(/symbolic link/);
  });

  it("links to outside and files beyond the copy limits are left out, with a warning in the student's language", async () => {
    const dir = await tempDir();
    await cp(path.join(solution01, "ip_classify.py"), path.join(dir, "ip_classify.py"));
    await symlink("/etc/hostname", path.join(dir, "notes.txt"));
    for (let i = 0; i < 210; i++) await writeFile(path.join(dir, `data-${String(i).padStart(3, "0")}.txt`), "x\n");
    const en = await gradeJson("exercise-01", dir);
    expect(en.result.score).toBe(100);
    expect(en.result.warnings).toContain("skipped notes.txt: a link to outside the submission folder");
    expect(en.result.warnings.filter((w) => w.startsWith("not copied: files beyond 200 files or 10 MiB"))).toHaveLength(1);
    const zh = await gradeJson("exercise-01", dir, ["--lang", "zh"]);
    expect(zh.result.warnings).toContain("跳过了 notes.txt：它是指向提交文件夹之外的链接");
    expect(zh.result.warnings.filter((w) => w.startsWith("未复制：超出 200 个文件或 10 MiB 的文件"))).toHaveLength(1);
  });

  it("finds the entry file in DIR/<exercise-id>/ too", async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, "exercise-01"));
    await cp(path.join(solution01, "ip_classify.py"), path.join(dir, "exercise-01", "ip_classify.py"));
    const { result } = await gradeJson("exercise-01", dir);
    expect(result.score).toBe(100);
  });

  it("DIR defaults to the current folder", async () => {
    const r = await grade(["exercise-01", "--format", "json"], { cwd: solution01 });
    expect(JSON.parse(r.stdout).score).toBe(100);
  });

  it("--format json prints exactly one JSON object with the Gradescope fields", async () => {
    const r = await grade(["exercise-01", solution01, "--format", "json"]);
    const result = JSON.parse(r.stdout);
    for (const key of ["exercise", "submission", "score", "max_score", "execution_time", "tests"]) expect(result).toHaveProperty(key);
    for (const t of result.tests) for (const key of ["name", "status", "score", "max_score", "output"]) expect(t).toHaveProperty(key);
  });
});
