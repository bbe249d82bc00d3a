// Student text in every output: a program that prints terminal control sequences and GitHub workflow
// commands (test/fixtures/hostile/exercise-01/terminal-escapes), in a folder whose name carries them too,
// reaches no terminal, CI log, job summary, JUnit file or spreadsheet as anything but visible text.
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { parse as parseCsv } from "csv-parse/sync";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grade, root } from "./helpers/cli.js";
import { fixtureCopy, fixturesDir, removeTemps, tempDir } from "./helpers/fixtures.js";
import { workflowCommands } from "./helpers/actions-log.js";

afterAll(removeTemps);

const reference = path.join(root, "solutions", "exercise-01", "ip_classify.py");
/** A student folder name a terminal would act on: clear screen, a window title, a bidi override, a newline. */
const EVIL_NAME = "eve\u001b[2J\u001b]0;title\u0007\u202egnp.py\nx";
/** Raw controls that must never reach a reader (tab and newline are text; the grader's own colours are checked apart). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let dir = "";
beforeAll(async () => {
  const parent = await tempDir();
  dir = path.join(parent, EVIL_NAME);
  await mkdir(dir);
  await cp(path.join(fixturesDir, "hostile", "exercise-01", "terminal-escapes", "ip_classify.py"), path.join(dir, "ip_classify.py"));
  await cp(reference, path.join(dir, "correct_impl.py"));
});

const run = (extra: string[], env: Record<string, string> = {}) => grade(["exercise-01", dir, "--lang", "en", ...extra], { env });
/** The JSON grading, done once and shared by the tests that need it (the machine is slow when busy). */
let jsonRun: ReturnType<typeof run> | undefined;
const json = () => (jsonRun ??= run(["--format", "json"]));

/** The text with the grader's own colour codes (SGR) taken out, when colours were asked for. */
const withoutOwnColours = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, "");

function expectVisible(text: string): void {
  expect(text).not.toMatch(RAW_CONTROL);
  // What the program printed is there, made visible, not dropped.
  expect(text).toContain("\\x1b[2J");
  expect(text).toContain("\\x1b]52;c;");
  expect(text).toContain("\\u202e");
  expect(text).toContain("\\x9b31m");
  expect(text).toContain("\\rOVERWRITTEN");
}

/** Only the grader's commands: its stop-commands block (random token) and its annotations. */
function expectOnlyOwnCommands(log: string, annotations: number): void {
  const { commands, open } = workflowCommands(log);
  expect(open, "every stop-commands block is closed").toBeUndefined();
  const own = commands.filter((c) => c.name === "stop-commands");
  for (const c of own) expect(c.data).toMatch(/^udp-grader-[0-9a-f]{32}$/);
  const tokens = new Set(own.map((c) => c.data));
  const rest = commands.filter((c) => c.name !== "stop-commands" && !tokens.has(c.name));
  for (const c of rest) expect(c.line).toMatch(/^::(warning|error) file=[^:]*,title=exercise-\d+%3A /);
  expect(rest.length).toBe(annotations);
  for (const level of ["warning", "error"]) expect(rest.filter((c) => c.name === level).length).toBeLessThanOrEqual(10);
}

describe.concurrent("terminal control sequences from a student", { timeout: 300_000 }, () => {
  it("human output, without and with --color: every control from the program or the folder name is visible", async () => {
    const plain = await run(["--no-color"]);
    expect(plain.exitCode).toBe(1);
    expectVisible(plain.stdout);
    expect(plain.stdout).not.toContain("\u001b");
    expect(plain.stdout).toContain("eve\\x1b[2J\\x1b]0;title\\x07\\u202egnp.py\\nx");
    const colour = await run(["--color"]);
    expect(colour.stdout).toMatch(/\u001b\[[0-9;]*m/); // the grader's own colours are still there
    expectVisible(withoutOwnColours(colour.stdout));
    expect(withoutOwnColours(colour.stdout)).not.toContain("\u001b");
  });

  it("socket feedback (exercise-04): the request in the transcript, the stdout and stderr tails, on Actions", async () => {
    const client = await fixtureCopy("hostile/exercise-04/terminal-escapes");
    const r = await grade(["exercise-04", client, "--lang", "en", "--only", "request-format", "-v"], { env: { GITHUB_ACTIONS: "true" } });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    for (const shown of ["\\x1b[2J", "\\x1b]52;c;", "\\rOVERWRITTEN", "\\u202e", "\\x9b31m"]) expect(r.stdout).toContain(shown);
    expectOnlyOwnCommands(r.stdout, 1);
  });

  it("JSON keeps the exact text (escaped as JSON), and writes bidi and C1 controls as \\u escapes", async () => {
    const r = await json();
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    const result = JSON.parse(r.stdout);
    expect(result.submission).toBe(dir);
    expect(JSON.stringify(result)).toContain("\\u001b[2J");
    expect(result.tests.flatMap((t: { cases: { stdout?: string }[] }) => t.cases).some((c: { stdout?: string }) => c.stdout?.includes("\u202etxt.exe"))).toBe(true);
  });

  it("JUnit: well-formed, controls visible, testcases named by their check only, each with its own time", async () => {
    const out = await tempDir();
    const r = await run(["--format", "junit", "--json", path.join(out, "r.json")]);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    expectVisible(r.stdout);
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });
    const suite = parser.parse(r.stdout).testsuites.testsuite;
    const result = JSON.parse(await readFile(path.join(out, "r.json"), "utf8"));
    expect(suite.testcase.map((t: { name: string; classname: string }) => [t.classname, t.name])).toEqual(result.tests.map((t: { id: string; name: string }) => [`exercise-01.${t.id}`, t.name]));
    for (const tc of suite.testcase) expect(tc.name).not.toMatch(/\(\d+(\.\d+)?\/\d+\)/);
    // Each time is the check's own (duration_ms in the result), not 0 and not the exercise's.
    expect(suite.testcase.map((t: { time: string }) => t.time)).toEqual(result.tests.map((t: { duration_ms?: number }) => ((t.duration_ms ?? 0) / 1000).toFixed(3)));
    expect(result.tests.every((t: { duration_ms?: number }) => typeof t.duration_ms === "number")).toBe(true);
    expect(suite.testcase.some((t: { time: string }) => Number(t.time) > 0)).toBe(true);
    // Stable across runs: the reference solution (full marks) gets the same testcase names.
    const ok = await grade(["exercise-01", path.join(root, "solutions", "exercise-01"), "--format", "junit", "--lang", "en"]);
    const okSuite = parser.parse(ok.stdout).testsuites.testsuite;
    expect(okSuite.testcase.map((t: { name: string; classname: string }) => [t.classname, t.name])).toEqual(suite.testcase.map((t: { name: string; classname: string }) => [t.classname, t.name]));
  });
});

describe.concurrent("GitHub Actions: student text forms no workflow command", { timeout: 300_000 }, () => {
  it("human output on Actions: one stop-commands block, then the grader's annotations; the summary escapes Markdown and HTML", async () => {
    const out = await tempDir();
    const summary = path.join(out, "summary.md");
    await writeFile(summary, "");
    const r = await run([], { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary });
    expect(r.stdout).toMatch(/^::stop-commands::udp-grader-[0-9a-f]{32}\n/);
    expectVisible(r.stdout.replace(/\\(::)/g, "$1"));
    const failed = JSON.parse((await json()).stdout).tests.filter((t: { status: string }) => t.status !== "passed").length;
    expectOnlyOwnCommands(r.stdout, Math.min(failed, 10));
    // The same text twice in one step: each summary ends with a blank line.
    const r2 = await run([], { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary });
    expect(r2.exitCode).toBe(1);
    const md = await readFile(summary, "utf8");
    expect(md).toMatch(/\n\n## udp-grader\n/);
    expect(md.endsWith("\n\n")).toBe(true);
    expect(md).toContain("&lt;module&gt;");
    expect(md).not.toMatch(/<module>|<b>|\]\(https/);
    expect(md).not.toMatch(RAW_CONTROL);
    // Student text breaks no table row: every row has its 4 cell borders.
    for (const row of md.split("\n").filter((l) => l.startsWith("|"))) expect(row.replace(/\\\|/g, "").split("|").length).toBe(5);
  });

  it("--format github, json and junit with GITHUB_ACTIONS: nothing but the grader's own annotations", async () => {
    const gh = await run(["--format", "github"]);
    expectVisible(gh.stdout.replace(/%0A/g, "\n"));
    expectOnlyOwnCommands(gh.stdout, gh.stdout.trim().split("\n").length);
    for (const format of ["json", "junit"]) {
      const r = await run(["--format", format], { GITHUB_ACTIONS: "true" });
      expectOnlyOwnCommands(r.stdout, 0);
      if (format === "json") expect(JSON.parse(r.stdout).tests.some((t: { cases: { stdout?: string }[] }) => t.cases.some((c) => c.stdout?.includes("##[set-output")))).toBe(true);
      else expect(XMLValidator.validate(r.stdout)).toBe(true);
    }
  });

  it("at most 10 annotations of each level: the costliest, then one that names the rest (all in the summary)", async () => {
    const starter = path.join(root, "exercises", "exercise-01", "starter");
    const file = path.join(await tempDir(), "r.json");
    const r = await grade(["exercise-01", starter, "--format", "github", "--lang", "en", "--json", file]);
    const failed = JSON.parse(await readFile(file, "utf8")).tests.filter((t: { status: string }) => t.status === "failed");
    expect(failed.length, "the starter fails more than 10 checks").toBeGreaterThan(10);
    const lines = r.stdout.trim().split("\n");
    expect(lines.filter((l) => l.startsWith("::warning")).length).toBe(10);
    const last = lines.filter((l) => l.startsWith("::warning")).at(-1)!;
    expect(last).toMatch(new RegExp(`title=${failed.length - 9} more checks to fix`));
    const unescape = (l: string) => l.replace(/%2C/g, ",").replace(/%3A/g, ":").replace(/%0A/g, "\n").replace(/%25/g, "%");
    // A title is a property (no raw ':'), so it ends at the first '::'.
    const shown = lines.slice(0, -1).map((l) => /^exercise-01: (.*) \(/.exec(unescape(/title=([^:]*)::/.exec(l)?.[1] ?? ""))?.[1]);
    for (const t of failed) expect(shown.includes(t.name) || unescape(last).includes(`exercise-01: ${t.name} (`)).toBe(true);
  });
});

describe("grades.csv and batch progress", () => {
  it("names that are formulas stay text, a newline stays in its cell, controls are visible; progress lines are clean", { timeout: 240_000 }, async () => {
    const names = ['=HYPERLINK("evil.example","x")', "@SUM(1+1)", "-2+3", "+cmd", "\ttab", "two\nlines", "esc\u001b[2J\u202e", "::error::pwn ##[set-output name=a;]b", "plain"];
    const cls = await tempDir("class-");
    for (const n of names) {
      await mkdir(path.join(cls, n));
      await cp(reference, path.join(cls, n, "ip_classify.py"));
    }
    const out = path.join(await tempDir(), "out");
    const r = await grade(["batch", "exercise-01", cls, "--out", out, "--jobs", "2", "--sandbox", "none"], { env: { GITHUB_ACTIONS: "true" }, timeoutMs: 240_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    // Progress: one line per student, no raw control, no workflow command.
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stderr.trim().split("\n").filter((l) => l.startsWith("["))).toHaveLength(names.length);
    expect(workflowCommands(r.stderr).commands).toEqual([]);
    const text = await readFile(path.join(out, "grades.csv"), "utf8");
    expect(text.replace(/\r\n/g, "\n")).not.toMatch(RAW_CONTROL);
    expect(text).toContain('"two\nlines"');
    const rows: string[][] = parseCsv(text.replace(/^\ufeff/, ""), { relaxColumnCount: false });
    expect(rows).toHaveLength(names.length + 1);
    const cell = new Map(rows.slice(1).map((row) => [row[0], row]));
    for (const n of names) {
      const shown = n === "esc\u001b[2J\u202e" ? "esc\\x1b[2J\\u202e" : /^[=+\-@\t]/.test(n) ? `'${n}` : n;
      expect(cell.get(shown)?.[1], `the row of ${JSON.stringify(n)}`).toBe("100");
    }
    // No cell of the file starts a formula.
    for (const row of rows) for (const c of row) expect(c).not.toMatch(/^[=+\-@\t\r]/);
    await viaLibreOffice(path.join(out, "grades.csv"));
  });
});

/** Where LibreOffice is installed: convert the CSV headless and check no cell became a formula. */
async function viaLibreOffice(csv: string): Promise<void> {
  const office = ["libreoffice", "soffice"].find((b) => process.env.PATH?.split(path.delimiter).some((d) => existsSync(path.join(d, b))));
  if (!office) {
    console.warn("notice: LibreOffice is not on PATH; grades.csv was checked with csv-parse only");
    return;
  }
  const out = await tempDir();
  // CSV:44,34,76 = comma-separated, double quotes, UTF-8.
  await execa(office, ["--headless", "--infilter=CSV:44,34,76", "--convert-to", "html", "--outdir", out, csv], { timeout: 120_000 });
  const html = await readFile(path.join(out, "grades.html"), "utf8");
  // A formula would show its value (a link, 2, 1, #NAME?); text shows as written.
  expect(html).not.toMatch(/href="[^"]*evil\.example|#NAME\?/);
  for (const text of ["HYPERLINK(", "SUM(1+1)", "-2+3", "+cmd"]) expect(html).toContain(text);
}
