// `grade --help` speaks the student's language: every description, example and yargs' own words around
// them, chosen by --lang or the locale, for the main command and each subcommand.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../grader/core/paths.js";
import { helpMessages } from "../grader/core/messages/help.js";
import { grade } from "./helpers/cli.js";

const COMMANDS = ["(grade one exercise)", "batch", "merge", "gradescope", "gradebook", "init", "all", "list"];
const han = /[\u4e00-\u9fff]/;
// Each catalogue entry's English text, except yargs' single words (also inside option values: "string").
const sentences = Object.entries(helpMessages)
  .filter(([key]) => !key.startsWith("helpWord"))
  .map(([, m]) => m.en.replace("$0", "grade"));

describe("grade --help", () => {
  it.each(COMMANDS)("in Chinese: %s", async (command) => {
    const run = await grade([...(command.startsWith("(") ? [] : [command]), "--help", "--lang", "zh"]);
    expect(run.exitCode).toBe(0);
    const leftEnglish = sentences.filter((en) => run.stdout.includes(en));
    expect(leftEnglish).toEqual([]);
    for (const word of ["Options:", "Show help", "[string]", "[boolean]", "[default:"]) expect(run.stdout).not.toContain(word);
    expect(run.stdout).toContain("选项：");
    // Every option line says something in Chinese.
    const optionLines = run.stdout.split("\n").filter((l) => /^\s+(-\w, )?--[a-z]/.test(l));
    expect(optionLines.length).toBeGreaterThan(1);
    for (const line of optionLines) expect(line, line).toMatch(han);
  });

  it("follows the locale without --lang, and English is the default", async () => {
    const zh = await grade(["--help"], { env: { LANG: "zh_CN.UTF-8", LC_ALL: "" } });
    expect(zh.stdout).toContain(helpMessages.helpList.zh);
    const en = await grade(["batch", "--help"], { env: { LANG: "en_US.UTF-8", LC_ALL: "" } });
    expect(en.stdout).toContain(helpMessages.helpBatchOut.en);
    expect(en.stdout).toContain("Options:");
    expect(en.stdout).not.toMatch(han);
  });
});

describe("grade --version", () => {
  it("is the grader's own, also in a student's folder that has a package.json of its own", async () => {
    const own = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")).version as string;
    const dir = mkdtempSync(path.join(os.tmpdir(), "version-"));
    try {
      writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "student-project", version: "9.8.7" }));
      // Alone (the launcher answers), and beside another option (the CLI's parser answers).
      for (const args of [["--version"], ["--lang", "zh", "--version"]]) {
        const run = await grade(args, { cwd: dir });
        expect(run.exitCode, args.join(" ")).toBe(0);
        expect(run.stdout, args.join(" ")).toBe(own); // execa drops the one final newline
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a path on the command line", () => {
  it("is shown, never obeyed, in the one-line error (a student's folder name in a teacher's loop)", async () => {
    const run = await grade(["exercise-01", "/nonexistent/evil\u001b[2J\u001b]52;c;AAAA\u0007name", "--lang", "en"]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("evil\\x1b[2J\\x1b]52;c;AAAA\\x07name");
    expect(run.stderr).not.toMatch(/[\u001b\u0007]/);
  });
});
