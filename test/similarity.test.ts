// grade batch --similarity: a copy of the reference with every name changed and its functions reordered is
// flagged against it; independently written correct programs are not flagged, against the reference or
// each other; two students who handed in only the starter code share nothing that counts.
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { HtmlValidate } from "html-validate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grade, root } from "./helpers/cli.js";
import { fixturesDir, removeTemps, tempDir } from "./helpers/fixtures.js";

const fixtures = path.join(fixturesDir, "similarity", "exercise-01");
const students: Record<string, string> = {
  reference: path.join(root, "solutions", "exercise-01", "ip_classify.py"),
  "copy-renamed": path.join(fixtures, "copy-renamed-reordered", "ip_classify.py"),
  "int-math": path.join(fixtures, "independent-int-math", "ip_classify.py"),
  table: path.join(fixtures, "independent-table", "ip_classify.py"),
  "starter-1": path.join(root, "exercises", "exercise-01", "starter", "ip_classify.py"),
  "starter-2": path.join(root, "exercises", "exercise-01", "starter", "ip_classify.py"),
};
let out = "";
let rows: Record<string, string>[] = [];

beforeAll(async () => {
  const dir = await tempDir("sim-class-");
  for (const [student, file] of Object.entries(students)) {
    await mkdir(path.join(dir, student));
    await cp(file, path.join(dir, student, "ip_classify.py"));
  }
  out = await tempDir("sim-out-");
  const r = await grade(["batch", "exercise-01", dir, "--out", out, "--similarity", "--lang", "en"], { timeoutMs: 240_000 });
  expect(r.exitCode, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/similarity\.csv/);
  rows = parse((await readFile(path.join(out, "similarity.csv"), "utf8")).replace(/^\ufeff/, ""), { columns: true });
}, 300_000);
afterAll(removeTemps);

const pair = (a: string, b: string) => rows.find((r) => (r.student_a === a && r.student_b === b) || (r.student_a === b && r.student_b === a));

describe("grade batch --similarity", () => {
  it("flags the renamed and reordered copy, and nothing else", () => {
    expect(Object.keys(rows[0])).toEqual(["exercise", "student_a", "student_b", "similarity_percent", "longest_fragment_tokens", "overlap_tokens", "flagged"]);
    const copy = pair("copy-renamed", "reference")!;
    expect(copy).toMatchObject({ exercise: "exercise-01", flagged: "yes" });
    expect(Number(copy.similarity_percent)).toBeGreaterThanOrEqual(60);
    expect(Number(copy.longest_fragment_tokens)).toBeGreaterThanOrEqual(15);
    expect(rows.filter((r) => r.flagged === "yes")).toHaveLength(1);
    // Independently written programs: far below the threshold, against the reference and each other.
    for (const [a, b] of [["int-math", "reference"], ["table", "reference"], ["int-math", "table"], ["copy-renamed", "table"], ["copy-renamed", "int-math"]]) {
      expect(Number(pair(a, b)?.similarity_percent ?? 0), `${a} ~ ${b}`).toBeLessThan(20);
    }
    // The starter code is ignored: two students who handed in only it are not alike.
    expect(pair("starter-1", "starter-2")?.flagged ?? "no").toBe("no");
    // Rows are most alike first.
    const sims = rows.map((r) => Number(r.similarity_percent));
    expect(sims).toEqual([...sims].sort((x, y) => y - x));
  });

  it("shows the flagged pair side by side in report.html, shared lines marked, and the page stays valid", async () => {
    const html = await readFile(path.join(out, "report.html"), "utf8");
    const section = html.slice(html.indexOf('<h2 id="similarity">'));
    expect(section).toMatch(/copy-renamed ↔ reference/);
    expect(section).not.toMatch(/int-math ↔|↔ int-math|table ↔|↔ table/);
    const marked = [...section.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1]);
    expect(marked.some((l) => l.includes("split_quad"))).toBe(true); // the copy's renamed line
    expect(marked.some((l) => l.includes("parse_octets"))).toBe(true); // the reference's
    const report = await new HtmlValidate({ extends: ["html-validate:recommended"] }).validateString(html, "report.html");
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.message}`))).toEqual([]);
  });

  it("the opened side-by-side view has no serious accessibility violation (axe-core in headless Chromium)", { timeout: 120_000 }, async () => {
    const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => existsSync(p));
    if (!chromium) {
      console.warn("\nNOTICE: Chromium is not installed: the similarity view was not opened in a browser (apt-get install chromium).\n");
      if (process.env.CI) throw new Error("CI must open the dashboard in Chromium (see .ci/run)");
      return;
    }
    const { default: puppeteer } = await import("puppeteer-core");
    const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ["--no-sandbox", "--disable-gpu", "--no-first-run"], userDataDir: await tempDir("chromium-") });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${path.join(out, "report.html")}`);
      await page.$$eval("details.pair", (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
      expect(await page.$$eval("details.pair mark", (ms) => ms.length)).toBeGreaterThan(10);
      await page.evaluate(await readFile(path.join(root, "node_modules", "axe-core", "axe.min.js"), "utf8"));
      const violations = (await page.evaluate(async () => (await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string }[] }> } }).axe.run()).violations)) as { id: string; impact: string }[];
      expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("a fragment most of the class shares (code the course handed out) counts for no pair", { timeout: 240_000 }, async () => {
    // Four students, each appending the same helper from the lecture notes to their own program.
    const helper = `

def log_call(name, args, result, path="calls.log", limit=1000):
    """From the lecture notes: keep a log of calls."""
    lines = []
    try:
        with open(path, "r", encoding="utf-8") as handle:
            lines = handle.read().splitlines()[-limit:]
    except OSError:
        lines = []
    lines.append("%s(%r) -> %r" % (name, args, result))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\\n".join(lines) + "\\n")
    return result
`;
    const dir = await tempDir("sim-common-");
    for (const student of ["int-math", "table", "reference", "starter-1"]) {
      await mkdir(path.join(dir, student));
      await writeFile(path.join(dir, student, "ip_classify.py"), (await readFile(students[student], "utf8")) + helper);
    }
    const common = await tempDir("sim-common-out-");
    expect((await grade(["batch", "exercise-01", dir, "--out", common, "--similarity", "--sandbox", "none"], { timeoutMs: 240_000 })).exitCode).toBe(0);
    const found = parse((await readFile(path.join(common, "similarity.csv"), "utf8")).replace(/^\ufeff/, ""), { columns: true }) as Record<string, string>[];
    const sim = (a: string, b: string) => Number(found.find((r) => (r.student_a === a && r.student_b === b) || (r.student_a === b && r.student_b === a))?.similarity_percent ?? 0);
    // The helper alone is a fifth of each file: counted, it would make these pairs 20 % alike or more.
    expect(sim("int-math", "table")).toBeLessThan(5);
    expect(sim("int-math", "reference")).toBeLessThan(5);
    expect(sim("starter-1", "table")).toBeLessThan(5);
  });

  it("--similarity-threshold is checked before anything is graded", async () => {
    const r = await grade(["batch", "exercise-01", fixtures, "--out", await tempDir("sim-bad-"), "--similarity", "--similarity-threshold", "0"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--similarity-threshold/);
  });
});
