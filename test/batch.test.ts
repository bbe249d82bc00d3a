// Batch grading of a generated class of 24: the same grades with 1 job or 8, after an interruption and a
// resume, and from shards merged; bad zips cost their student only; the HTML report opens in a browser.
import { execa } from "execa";
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grade, root } from "./helpers/cli.js";
import { fixturesDir, listDirs, removeTemps, tempDir } from "./helpers/fixtures.js";
import { resultSchemaErrors } from "./helpers/result-schema.js";

const reference = path.join(root, "solutions", "exercise-01", "ip_classify.py");
let classDir = "";

/** Python writes the zips, so their entries are exactly what a student's tool could produce. */
async function zip(file: string, entries: { name: string; text?: string; symlinkTo?: string }[]): Promise<void> {
  const script = `
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1], "w")
for e in json.loads(sys.argv[2]):
    if e.get("symlinkTo"):
        info = zipfile.ZipInfo(e["name"]); info.external_attr = 0o120777 << 16
        z.writestr(info, e["symlinkTo"])
    else:
        z.writestr(e["name"], e["text"])
z.close()`;
  await execa("python3", ["-c", script, file, JSON.stringify(entries)]);
}

async function makeClass(): Promise<string> {
  const dir = await tempDir("class-");
  const code = await readFile(reference, "utf8");
  const put = async (student: string, files: Record<string, string>) => {
    for (const [rel, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, student, rel)), { recursive: true });
      await writeFile(path.join(dir, student, rel), text);
    }
  };
  for (let i = 1; i <= 6; i++) await put(`ref-${String(i).padStart(2, "0")}`, { "ip_classify.py": code });
  for (const v of (await listDirs(path.join(fixturesDir, "exercise-01"))).slice(0, 10)) {
    await cp(path.join(fixturesDir, "exercise-01", v), path.join(dir, `var-${v}`), { recursive: true });
  }
  for (const h of ["hang-in-one-case", "exit-at-import", "fake-records"]) {
    await cp(path.join(fixturesDir, "hostile", "exercise-01", h), path.join(dir, `hostile-${h}`), { recursive: true });
    await writeFile(path.join(dir, `hostile-${h}`, "correct_impl.py"), code);
  }
  await put("nested-folder", { "my homework/ip_classify.py": code });
  await zip(path.join(dir, "zip-plain.zip"), [{ name: "ip_classify.py", text: code }]);
  await zip(path.join(dir, "zip-nested.zip"), [{ name: "zip-nested/ip_classify.py", text: code }]);
  await zip(path.join(dir, "zip-slip.zip"), [{ name: "../../escaped.py", text: "print('out')" }, { name: "ip_classify.py", text: code }]);
  await zip(path.join(dir, "zip-link.zip"), [{ name: "ip_classify.py", symlinkTo: "/etc/passwd" }]);
  return dir;
}

const batch = (out: string, extra: string[] = []) => grade(["batch", "exercise-01", classDir, "--out", out, ...extra], { timeoutMs: 240_000 });

beforeAll(async () => {
  classDir = await makeClass();
});
afterAll(removeTemps);

describe("grade batch", () => {
  let csvOne = "";
  let outOne = "";

  it("grades a class of 24 with --jobs 1: every result valid, bad zips charged to their student only", { timeout: 240_000 }, async () => {
    expect((await readdir(classDir)).length).toBe(24);
    outOne = await tempDir("out-");
    const r = await batch(outOne, ["--jobs", "1"]);
    expect(r.exitCode, r.stderr).toBe(0);
    csvOne = await readFile(path.join(outOne, "grades.csv"), "utf8");
    expect(csvOne.startsWith("\ufeffstudent,exercise-01 (/100),total,max,percent,note")).toBe(true);
    const rows = csvOne.trim().split(/\r\n/).slice(1);
    expect(rows).toHaveLength(24);
    for (const student of ["ref-01", "nested-folder", "zip-plain", "zip-nested"]) expect(rows.find((l) => l.startsWith(student + ","))).toMatch(/^[^,]+,100,100,100,100,/);
    expect(rows.find((l) => l.startsWith("zip-slip,"))).toMatch(/zip-slip; refused/);
    expect(rows.find((l) => l.startsWith("zip-link,"))).toMatch(/symbolic link \(refused\)/);
    expect(existsSync(path.join(root, "..", "escaped.py"))).toBe(false);
    for (const student of await readdir(path.join(outOne, "results"))) {
      const result = JSON.parse(await readFile(path.join(outOne, "results", student, "exercise-01.json"), "utf8"));
      expect(resultSchemaErrors(result)).toEqual([]);
      expect(existsSync(path.join(outOne, "gradescope", student, "results.json"))).toBe(true);
    }
    const summary = JSON.parse(await readFile(path.join(outOne, "summary.json"), "utf8"));
    expect(summary.students).toBe(24);
    expect(summary.exercises[0].hardest_checks[0].pass_rate).toBeLessThanOrEqual(summary.exercises[0].hardest_checks.at(-1).pass_rate);
  });

  // Each of these compares against that first gradebook: side by side once it exists.
  describe.concurrent("against the --jobs 1 gradebook", () => {
    it("a batch killed midway, run again, grades only what is missing and ends with the same gradebook; --force --jobs 8 regrades it all, the same", { timeout: 240_000 }, async () => {
      const out = await tempDir("out-");
      const child = execa("node", [path.join(root, "bin", "grade.js"), "batch", "exercise-01", classDir, "--out", out, "--jobs", "2"], { reject: false, detached: true });
      const deadline = Date.now() + 120_000;
      const graded = async () => (existsSync(path.join(out, "results")) ? (await readdir(path.join(out, "results"))).length : 0);
      while ((await graded()) < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      process.kill(-child.pid!, "SIGKILL"); // the grader and everything it started
      await child;
      const before = await graded();
      expect(before).toBeGreaterThanOrEqual(6);
      expect(before).toBeLessThan(28);
      const r = await batch(out, ["--jobs", "2"]);
      expect(r.exitCode, r.stderr).toBe(0);
      const skipped = Number(/\((\d+) up to date\)/.exec(r.stderr)?.[1]);
      expect(skipped).toBeGreaterThanOrEqual(before - 2);
      expect(await readFile(path.join(out, "grades.csv"), "utf8")).toBe(csvOne);
      // --force regrades everything; eight at a time gives exactly the same grades.
      const forced = await batch(out, ["--jobs", "8", "--force"]);
      expect(forced.exitCode, forced.stderr).toBe(0);
      expect(forced.stderr).toMatch(/\(0 up to date\)/);
      expect(await readFile(path.join(out, "grades.csv"), "utf8")).toBe(csvOne);
    });

    it("three shards merged give the same gradebook", { timeout: 240_000 }, async () => {
      const outs = [await tempDir("shard-"), await tempDir("shard-"), await tempDir("shard-")];
      const counts: number[] = [];
      for (let i = 0; i < 3; i++) {
        expect((await batch(outs[i], ["--jobs", "8", "--shard", `${i + 1}/3`])).exitCode).toBe(0);
        counts.push(JSON.parse(await readFile(path.join(outs[i], "summary.json"), "utf8")).students);
      }
      expect(counts.reduce((a, b) => a + b, 0)).toBe(24);
      const merged = await tempDir("merged-");
      const r = await grade(["merge", ...outs, "--out", merged]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(await readFile(path.join(merged, "grades.csv"), "utf8")).toBe(csvOne);
    });

    it("bad arguments: exit 2 with one line", async () => {
      const out = await tempDir("out-");
      expect((await grade(["batch", "exercise-01", classDir, "--out", out, "--shard", "4/3"])).stderr).toMatch(/Expected --shard to be i\/n/);
      expect((await grade(["batch", "exercise-01", classDir, "--out", out, "--jobs", "0"])).exitCode).toBe(2);
      expect((await grade(["batch", "exercise-9", classDir, "--out", out])).stderr).toMatch(/Unknown exercise/);
      expect((await grade(["merge", classDir, "--out", out])).stderr).toMatch(/not a batch output folder/);
    });

    it("the HTML report opens in headless Chromium and shows the class table and a student's feedback", async () => {
      const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => existsSync(p));
      if (!chromium) {
        console.warn("\nNOTICE: Chromium is not installed: the HTML report was not opened in a browser (apt-get install chromium).\n");
        if (process.env.CI) throw new Error("CI must open the report in Chromium (see .ci/run)");
        return;
      }
      const file = path.join(outOne, "report.html");
      const html = await readFile(file, "utf8");
      expect(html).not.toMatch(/<script src|https?:\/\//); // one inline script (sorting, filtering): test/dashboard.test.ts
      const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", `--user-data-dir=${await tempDir("chromium-")}`];
      const dom = await execa(chromium, [...flags, "--dump-dom", `file://${file}`], { timeout: 60_000 });
      expect(dom.stdout).toMatch(/<table id="class">/);
      expect(dom.stdout).toMatch(/ref-01/);
      expect(dom.stdout).toMatch(/var-accepts-256[\s\S]*Each field is 0-255/);
      const png = path.join(await tempDir("shot-"), "report.png");
      await execa(chromium, [...flags, `--screenshot=${png}`, "--window-size=1200,900", `file://${file}`], { timeout: 60_000 });
      expect(existsSync(png)).toBe(true);
    });
  });
});
