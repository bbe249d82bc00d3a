// The teacher's dashboard (report.html) and each student's feedback files (--feedback), on a real batch:
// the pages validate (html-validate), the dashboard sorts, filters and opens a student's feedback in headless
// Chromium and has no serious accessibility violation (axe-core); student control characters are made
// visible; a feedback file honours hidden checks and holds nothing of another student.
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grade, root } from "./helpers/cli.js";
import { fixturesDir, removeTemps, tempDir } from "./helpers/fixtures.js";

const reference = path.join(root, "solutions", "exercise-01", "ip_classify.py");
const EVIL = "evil\x1b[2J\x07name";
const students = ["ref-01", "ref-02", "accepts-256", "regex-dollar", "张三", EVIL, "missing-work"];
let classDir = "";
let outEn = "";
let outZh = "";

async function makeClass(): Promise<string> {
  const dir = await tempDir("dash-class-");
  const put = async (student: string, from?: string) => {
    await mkdir(path.join(dir, student), { recursive: true });
    if (from) await cp(from, path.join(dir, student, "ip_classify.py"));
  };
  await put("ref-01", reference);
  await put("ref-02", reference);
  await put("accepts-256", path.join(fixturesDir, "exercise-01", "accepts-256", "ip_classify.py"));
  await put("regex-dollar", path.join(fixturesDir, "exercise-01", "regex-dollar", "ip_classify.py"));
  await put("张三", reference);
  await put(EVIL);
  // Prints and raises with characters HTML forbids.
  await writeFile(path.join(dir, EVIL, "ip_classify.py"), 'print("\\x00\\x1b[31m\\x07\\ufffe\\x85 out")\nraise RuntimeError("\\x00\\x1b\\x07\\ufffe\\x85 boom")\n');
  await put("missing-work");
  return dir;
}

const batch = (out: string, extra: string[]) => grade(["batch", "exercise-01", classDir, "--out", out, "--feedback", ...extra], { timeoutMs: 240_000 });

async function htmlErrors(file: string): Promise<string[]> {
  const report = await new HtmlValidate({ extends: ["html-validate:recommended"] }).validateString(await readFile(file, "utf8"), file);
  return report.results.flatMap((r) => r.messages.map((m) => `${path.basename(file)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`));
}

beforeAll(async () => {
  classDir = await makeClass();
  outEn = await tempDir("dash-en-");
  outZh = await tempDir("dash-zh-");
  const [en, zh] = await Promise.all([batch(outEn, ["--lang", "en"]), batch(outZh, ["--lang", "zh", "--private", path.join(fixturesDir, "private")])]);
  expect(en.exitCode, en.stderr).toBe(0);
  expect(zh.exitCode, zh.stderr).toBe(0);
}, 300_000);
afterAll(removeTemps);

describe.concurrent("report.html and feedback files", () => {
  it("validate with html-validate (recommended rules), in English and Chinese", async () => {
    const files = [outEn, outZh].flatMap((out) => [path.join(out, "report.html")]);
    for (const out of [outEn, outZh]) for (const f of await readdir(path.join(out, "feedback"))) if (f.endsWith(".html")) files.push(path.join(out, "feedback", f));
    expect(files.length).toBe(2 + 2 * students.length);
    for (const f of files) expect(await htmlErrors(f)).toEqual([]);
  });

  it("shows every character HTML forbids visibly, and stays valid (results carrying all of them, merged)", async () => {
    // A result as a hostile program could make it: every kind of forbidden character in every student field.
    const out = await tempDir("dash-bad-");
    await cp(outEn, out, { recursive: true });
    const bad = "A\u0000B\u001bC\u0007D\ufffeE\u0085F\ud800G\udc00H\u007fI\ufdd0J\u{1fffe}K";
    const dir = path.join(out, "results", "accepts-256");
    const result = JSON.parse(await readFile(path.join(dir, "exercise-01.json"), "utf8"));
    result.output = bad;
    result.warnings = [bad];
    const failed = result.tests.find((x: { cases: unknown[] }) => x.cases.length);
    failed.cases[0].got = bad;
    failed.cases[0].stdout = bad;
    await writeFile(path.join(dir, "exercise-01.json"), JSON.stringify(result));
    const merged = await tempDir("dash-merged-");
    const r = await grade(["merge", out, "--out", merged, "--lang", "en"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const html = await readFile(path.join(merged, "report.html"), "utf8");
    expect(html).toContain("A␀B␛C␇D\\uFFFEE\\x85F\\uD800G\\uDC00H␡I\\uFDD0J\\u1FFFEK");
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\ufdd0]/);
    expect(html).toContain("evil␛[2J␇name");
    expect(await htmlErrors(path.join(merged, "report.html"))).toEqual([]);
    for (const f of await readdir(path.join(merged, "feedback"))) {
      const text = await readFile(path.join(merged, "feedback", f), "utf8");
      expect(text, f).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\ufdd0]/);
      if (f.endsWith(".html")) expect(await htmlErrors(path.join(merged, "feedback", f))).toEqual([]);
    }
  });

  it("feedback files: one pair per student with safe names, hidden checks honoured, nothing of another student", async () => {
    const files = (await readdir(path.join(outEn, "feedback"))).sort();
    expect(files).toHaveLength(2 * students.length);
    for (const f of files) expect(f).toMatch(/^[\p{L}\p{N}._-]+\.(html|md)$/u);
    expect(files).toContain("张三.html");
    expect(files.some((f) => f.startsWith("evil_2J_name-") && f.endsWith(".md"))).toBe(true);
    // The Chinese batch has the teacher's private folder: its hidden check and cases are counted, never named or shown.
    for (const f of await readdir(path.join(outZh, "feedback"))) {
      const text = await readFile(path.join(outZh, "feedback", f), "utf8");
      expect(text, f).not.toMatch(/MARKER-q7z|老师的附加检查/);
      expect(text, f).toMatch(/1 项隐藏检查：\d+(\.\d+)?\/10 分/);
    }
    expect(await readFile(path.join(outZh, "report.html"), "utf8")).toMatch(/老师的附加检查/); // the teacher's own view names it
    for (const f of files) {
      const text = await readFile(path.join(outEn, "feedback", f), "utf8");
      const own = students.find((s) => f.startsWith(s.replace(/[^\p{L}\p{N}._-]+/gu, "_").replace(/_+$/, "")))!;
      for (const other of students.filter((s) => s !== own && !own.startsWith(s))) expect(text, `${f} names ${other}`).not.toContain(other.slice(0, 8));
    }
    const md = await readFile(path.join(outEn, "feedback", "accepts-256.md"), "utf8");
    expect(md).toMatch(/✗ Each field is 0-255: \d+(\.\d+)?\/8/);
    expect(md).toMatch(/```text\n[\s\S]*256/);
    const after = await readFile(path.join(outZh, "feedback", "ref-01.md"), "utf8");
    expect(after).toMatch(/✓ D、E 类没有网络号和主机号: 6\/6/); // after_due_date: listed with its points
    const empty = await readFile(path.join(outEn, "feedback", "missing-work.md"), "utf8");
    expect(empty).toMatch(/No ip_classify\.py found/);
    const zh = await readFile(path.join(outZh, "feedback", "accepts-256.md"), "utf8");
    expect(zh).toMatch(/accepts-256 的反馈/);
  });

  it("opens in headless Chromium: sorts, filters, opens a student's feedback; axe-core finds no serious violation", { timeout: 120_000 }, async () => {
    const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => existsSync(p));
    if (!chromium) {
      console.warn("\nNOTICE: Chromium is not installed: the dashboard was not opened in a browser (apt-get install chromium).\n");
      if (process.env.CI) throw new Error("CI must open the dashboard in Chromium (see .ci/run)");
      return;
    }
    const { default: puppeteer } = await import("puppeteer-core");
    const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ["--no-sandbox", "--disable-gpu", "--no-first-run"], userDataDir: await tempDir("chromium-") });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith("file://")) requests.push(r.url());
      });
      await page.goto(`file://${path.join(outEn, "report.html")}`);
      const visibleNames = () => page.$$eval("#class tbody tr:not([hidden]) th a", (as) => as.map((a) => a.textContent));
      const shown = () => page.$eval("#shown", (o) => o.textContent);
      expect(await visibleNames()).toHaveLength(students.length);
      expect(await shown()).toBe(`${students.length} of ${students.length} students shown`);

      // Sort by total, both ways.
      const totalHeader = await page.$$("#class thead th button");
      await totalHeader[2].click();
      const up = await page.$$eval("#class tbody tr", (rows) => rows.map((r) => Number((r as HTMLTableRowElement).cells[2].dataset.v)));
      expect(up).toEqual([...up].sort((a, b) => a - b));
      expect(await page.$eval("#class thead th:nth-child(3)", (th) => th.getAttribute("aria-sort"))).toBe("ascending");
      await totalHeader[2].click();
      const down = await page.$$eval("#class tbody tr", (rows) => rows.map((r) => Number((r as HTMLTableRowElement).cells[2].dataset.v)));
      expect(down).toEqual([...up].reverse());
      await totalHeader[0].click(); // by name
      expect((await visibleNames())[0]).toBe("accepts-256");

      // Filter by name, by a total below X %, by a check not passed; then clear.
      await page.type("[name=name]", "REF");
      expect(await visibleNames()).toEqual(["ref-01", "ref-02"]);
      expect(await shown()).toBe(`2 of ${students.length} students shown`);
      await page.$eval("[name=name]", (i) => ((i as HTMLInputElement).value = ""));
      await page.type("[name=below]", "50");
      expect((await visibleNames()).sort()).toEqual(["missing-work", EVIL.replace("\x1b", "␛").replace("\x07", "␇")].sort());
      await page.$eval("[name=below]", (i) => ((i as HTMLInputElement).value = ""));
      await page.select("[name=check]", "exercise-01:octet-range");
      expect(await visibleNames()).toEqual(expect.arrayContaining(["accepts-256"]));
      expect(await visibleNames()).not.toContain("ref-01");
      await page.select("[name=check]", "");
      expect(await visibleNames()).toHaveLength(students.length);

      // Short: the feedback is folded away until a name is clicked (the old report was one long page).
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(4000);
      // A name opens that student's feedback (hidden until then).
      const section = await page.$eval('a[href^="#fb-"]', (a) => a.getAttribute("href")!);
      expect(await page.$eval(section, (s) => getComputedStyle(s).display)).toBe("none");
      await page.click(`a[href="${section}"]`);
      expect(await page.$eval(section, (s) => getComputedStyle(s).display)).toBe("block");
      // The feedback files are linked from the table.
      const links = await page.$$eval('a[href^="feedback/"]', (as) => as.map((a) => decodeURIComponent(a.getAttribute("href")!)));
      expect(links).toContain("feedback/张三.html");
      for (const l of links) expect(existsSync(path.join(outEn, l)), l).toBe(true);

      // axe-core: no serious or critical violation, in either language.
      const axe = await readFile(path.join(root, "node_modules", "axe-core", "axe.min.js"), "utf8");
      for (const file of [path.join(outEn, "report.html"), path.join(outZh, "report.html"), path.join(outEn, "feedback", "accepts-256.html")]) {
        await page.goto(`file://${file}`);
        // Everything shown: every fold opened, every student's feedback section displayed.
        await page.$$eval("details", (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
        await page.$$eval("section.fb", (ss) => ss.forEach((s) => ((s as HTMLElement).style.display = "block")));
        await page.evaluate(axe);
        const violations = (await page.evaluate(async () => (await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string }[] }> } }).axe.run()).violations)) as { id: string; impact: string; nodes?: unknown[] }[];
        const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact})`);
        expect(bad, path.basename(path.dirname(file)) + "/" + path.basename(file)).toEqual([]);
      }
      await page.goto(`file://${path.join(outZh, "report.html")}`);
      expect(await page.$eval("html", (h) => h.lang)).toBe("zh-CN");
      expect(await page.$eval("h1", (h) => h.textContent)).toMatch(/班级报告/);
      expect(await page.$eval("#shown", (o) => o.textContent)).toMatch(/显示 7 \/ 7 名学生/);
      expect(requests).toEqual([]); // nothing from the network
    } finally {
      await browser.close();
    }
  });

  it("the page is small and short: inline script of a few KB, feedback folded away until opened", async () => {
    const html = await readFile(path.join(outEn, "report.html"), "utf8");
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
    expect(script.length).toBeLessThan(4096);
    expect(html).not.toMatch(/<script src|<link|https?:\/\//);
  });
});
