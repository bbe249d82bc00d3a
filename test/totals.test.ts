// Totals that cannot be gamed: `grade all` and the gradebook count every exercise of the course (a missing
// file is 0 of its points), --exercises narrows the course, a percentage stands next to every total, and
// --min-score is checked before anything is graded. Through the real CLI.
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GradeResult } from "../grader/generated/result.js";
import { exerciseIds, loadExercise, maxScore } from "../grader/engine/exercises.js";
import { gradesAtOnce } from "../grader/cli/prestart.js";
import { grade, root } from "./helpers/cli.js";
import { removeTemps, tempDir } from "./helpers/fixtures.js";
import { resultSchemaErrors } from "./helpers/result-schema.js";

afterAll(removeTemps);

const reference01 = path.join(root, "solutions", "exercise-01", "ip_classify.py");
let course: { id: string; entry: string; max: number }[] = [];
let courseMax = 0;
let onlyFirst = ""; // a student folder with only exercise-01's reference solution

beforeAll(async () => {
  course = await Promise.all(exerciseIds().map(async (id) => ({ id, entry: (await loadExercise(id)).data.entry, max: maxScore((await loadExercise(id)).data) })));
  courseMax = course.reduce((a, e) => a + e.max, 0);
  onlyFirst = await tempDir();
  await cp(reference01, path.join(onlyFirst, "ip_classify.py"));
});

/** grades.csv read back: this gradebook never needs quoting (no commas or quotes in names or notes), so a
 * plain split is exact; a quote anywhere fails the test instead of being mis-read. */
function readCsv(text: string): Record<string, string>[] {
  expect(text.startsWith("\ufeff")).toBe(true);
  expect(text, "grades.csv has a quoted field: parse it with a CSV parser (csv-parse)").not.toMatch(/"/);
  const [header, ...rows] = text.slice(1).replace(/\r\n$/, "").split("\r\n").map((l) => l.split(","));
  for (const r of rows) expect(r).toHaveLength(header.length);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const missingMessage = (e: { entry: string; max: number }) => new RegExp(`^No ${e.entry.replace(".", "\\.")} found in .*: 0 of ${e.max} points\\.`);

describe.concurrent("grade all counts the whole course", () => {
  it("only ip_classify.py, --min-score 60%: exit 1, the three others at 0 with a clear message, schema-valid", async () => {
    expect(course.length).toBeGreaterThan(1);
    const r = await grade(["all", onlyFirst, "--min-score", "60%", "--format", "json", "--lang", "en"]);
    expect(r.exitCode, r.stderr).toBe(1);
    const results = JSON.parse(r.stdout) as GradeResult[];
    expect(results.map((x) => x.exercise)).toEqual(course.map((e) => e.id));
    for (const [i, result] of results.entries()) {
      expect(resultSchemaErrors(result)).toEqual([]);
      expect(result.max_score).toBe(course[i].max);
      if (result.exercise === "exercise-01") {
        expect(result.score).toBe(course[i].max);
        continue;
      }
      expect(result.status).toBe("error");
      expect(result.score).toBe(0);
      expect(result.output).toMatch(missingMessage(course[i]));
      expect(result.grader.sandbox, "nothing ran for a missing file").toBe("none");
      for (const t of result.tests) {
        expect(t.status).toBe("error");
        expect(t.score).toBe(0);
        expect(t.output).toBe(result.output);
      }
    }
  });

  it("the human report shows each total with its percentage and an overall line, in en and zh", async () => {
    const other = course.find((e) => e.id !== "exercise-01")!;
    const pct = Math.floor((1000 * course[0].max) / courseMax) / 10;
    const summary = path.join(await tempDir(), "summary.md");
    const en = await grade(["all", onlyFirst, "--min-score", "60%", "--lang", "en", "--sandbox", "none"], { env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary } });
    expect(en.exitCode).toBe(1);
    const md = await readFile(summary, "utf8");
    expect(md).toContain(`| ${other.id} · `);
    expect(md).toMatch(new RegExp(`\\| 0/${other.max} \\(0 %\\) ⚠ \\| 0/\\d+ \\|`));
    expect(md).toContain(`| **overall** | **${course[0].max}/${courseMax} (${pct} %)** |`);
    expect(en.stdout).toContain(`Total: ${course[0].max}/${course[0].max} (100 %)`);
    expect(en.stdout).toContain(`Total: 0/${other.max} (0 %)`);
    expect(en.stdout).toContain(`Could not grade: No ${other.entry} found in ${onlyFirst} (nor in ${path.join(onlyFirst, other.id)}/): 0 of ${other.max} points.`);
    expect(en.stdout).toContain(`Overall: ${course[0].max}/${courseMax} (${pct} %) for ${course.length} exercises`);
    const zh = await grade(["all", onlyFirst, "--lang", "zh", "--sandbox", "none"]);
    expect(zh.stdout).toContain(`总分：${course[0].max}/${course[0].max}（100%）`);
    expect(zh.stdout).toContain(`在 ${onlyFirst} 中找不到 ${other.entry}`);
    expect(zh.stdout).toContain(`总计：${course[0].max}/${courseMax}（${pct}%），共 ${course.length} 个练习`);
  });

  it("--exercises exercise-01: the same folder passes; an unknown id is exit 2 with a 'did you mean'", async () => {
    const r = await grade(["all", onlyFirst, "--exercises", "exercise-01", "--min-score", "60%", "--format", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as GradeResult).exercise).toBe("exercise-01");
    const unknown = await grade(["all", onlyFirst, "--exercises", "exercise-01,exercise-3", "--lang", "en"]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toMatch(/^grade: Unknown exercise "exercise-3"\. Did you mean exercise-03\?/);
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
    const empty = await grade(["all", onlyFirst, "--exercises", ",", "--lang", "en"]);
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toMatch(/Expected --exercises to name exercises/);
  });

  it("--only over the course: each exercise keeps the checks it has, the others are left out; a name nobody has is exit 2", async () => {
    const r = await grade(["all", onlyFirst, "--only", "loopback", "--format", "json", "--sandbox", "none"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as GradeResult;
    expect([result.exercise, result.tests.map((t) => t.id)]).toEqual(["exercise-01", ["loopback"]]);
    const none = await grade(["all", onlyFirst, "--only", "no-such-check", "--lang", "en"]);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/--only: none of exercise-01, .* has a check "no-such-check"/);
  });

  it("a folder with none of the files is a graded zero (exit 1, every exercise at 0); a folder that does not exist is exit 2", async () => {
    const r = await grade(["all", await tempDir(), "--format", "json"]);
    expect(r.exitCode, r.stderr).toBe(1);
    const results = JSON.parse(r.stdout) as GradeResult[];
    expect(results.map((x) => [x.exercise, x.score, x.max_score])).toEqual(course.map((e) => [e.id, 0, e.max]));
    const gone = await grade(["all", path.join(await tempDir(), "nope")]);
    expect(gone.exitCode).toBe(2);
    expect(gone.stderr).toMatch(/does not exist/);
  });
});

describe.concurrent("--min-score is checked before anything is graded", () => {
  // A submission that leaves a mark the moment it is imported (no sandbox, so it can): no mark, no grading.
  async function markingSubmission(): Promise<{ dir: string; mark: string }> {
    const dir = await tempDir();
    const mark = path.join(await tempDir(), "graded");
    await writeFile(path.join(dir, "ip_classify.py"), `open(${JSON.stringify(mark)}, "w").close()\n` + (await readFile(reference01, "utf8")));
    return { dir, mark };
  }

  it("a marking submission is graded with a good --min-score (the mark works)", async () => {
    const { dir, mark } = await markingSubmission();
    // Only the exercise it hands in, so the mark is reachable however many exercises the course has.
    const r = await grade(["all", dir, "--exercises", "exercise-01", "--min-score", "25%", "--sandbox", "none"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(existsSync(mark)).toBe(true);
  });

  const bad: [string, RegExp][] = [
    ["abc", /Expected --min-score to be points \(e\.g\. 80\) or a percentage from 0% to 100% \(e\.g\. 80%\), got `abc`/],
    ["150%", /got `150%`/],
    ["101%", /got `101%`/],
    ["-5", /--min-score cannot be negative, got `-5`/],
    ["", /Expected --min-score .* got ``/],
    ["1e3", /got `1e3`/],
  ];
  for (const [value, message] of bad) {
    it(`--min-score "${value}": exit 2 with one line, nothing graded, no temp folder`, async () => {
      const { dir, mark } = await markingSubmission();
      const tmp = await tempDir("tmpdir-");
      for (const cmd of [["all", dir], ["exercise-01", dir]]) {
        const r = await grade([...cmd, `--min-score=${value}`, "--sandbox", "none", "--lang", "en"], { env: { TMPDIR: tmp } });
        expect(r.exitCode).toBe(2);
        expect(r.stdout).toBe("");
        expect(r.stderr).toMatch(message);
        expect(r.stderr.trim().split("\n")).toHaveLength(1);
      }
      expect(existsSync(mark)).toBe(false);
      expect(await readdir(tmp)).toEqual([]);
    });
  }

  it("points above the course total are refused (the total of the exercises asked for)", async () => {
    const { dir, mark } = await markingSubmission();
    const over = await grade(["all", dir, "--min-score", String(courseMax + 1), "--sandbox", "none", "--lang", "en"]);
    expect(over.exitCode).toBe(2);
    expect(over.stderr).toContain(`--min-score ${courseMax + 1} is more than the ${courseMax} points`);
    const one = await grade(["all", dir, "--exercises", "exercise-01", "--min-score", String(course[0].max + 1), "--sandbox", "none"]);
    expect(one.exitCode).toBe(2);
    const zh = await grade(["exercise-01", dir, "--min-score", String(course[0].max + 1), "--sandbox", "none", "--lang", "zh"]);
    expect(zh.stderr).toContain(`超过了这里评测的练习的总分 ${course[0].max} 分`);
    expect(existsSync(mark)).toBe(false);
  });

  it("is counted over the course total: exactly the share handed in passes, a hair more fails", async () => {
    const share = String(course[0].max);
    expect((await grade(["all", onlyFirst, "--min-score", share, "--sandbox", "none"])).exitCode).toBe(0);
    expect((await grade(["all", onlyFirst, "--min-score", String(course[0].max + 0.5), "--sandbox", "none"])).exitCode).toBe(1);
    const pct = (100 * course[0].max) / courseMax;
    expect((await grade(["all", onlyFirst, "--min-score", `${pct}%`, "--sandbox", "none"])).exitCode).toBe(0);
    expect((await grade(["all", onlyFirst, "--min-score", `${pct + 0.1}%`, "--sandbox", "none"])).exitCode).toBe(1);
  });

  it("the launcher starts no sandbox ahead for a --min-score the CLI will refuse", () => {
    expect(gradesAtOnce(["all", ".", "--min-score", "60%"], {})).toBe(true);
    for (const v of ["abc", "150%", "-5", ""]) expect(gradesAtOnce(["all", ".", `--min-score=${v}`], {}), v).toBe(false);
    expect(gradesAtOnce(["all", ".", "--min-score"], {})).toBe(false);
  });
});

describe("the gradebook counts the whole course", () => {
  let subs = "";
  beforeAll(async () => {
    subs = await tempDir("class-");
    const put = async (student: string, files: Record<string, string>) => {
      await mkdir(path.join(subs, student), { recursive: true });
      for (const [name, from] of Object.entries(files)) await cp(from, path.join(subs, student, name));
    };
    await put("alice", { "ip_classify.py": reference01 }); // deleted what failed
    await put("bob", { "ip_classify.py": reference01, "ports.py": path.join(root, "solutions", "exercise-02", "ports.py") });
    await mkdir(path.join(subs, "carol")); // handed in nothing
    await writeFile(path.join(subs, "carol", "notes.txt"), "todo\n");
  });

  it("batch all --exercises: a missing exercise is 0 in grades.csv, summary.json, report.html, results/ and Gradescope; the same after merging shards", { timeout: 240_000 }, async () => {
    const pick = ["exercise-01", "exercise-02"];
    const max = course.filter((e) => pick.includes(e.id)).reduce((a, e) => a + e.max, 0);
    const out = await tempDir("out-");
    const r = await grade(["batch", "all", subs, "--out", out, "--exercises", pick.join(","), "--lang", "en"], { timeoutMs: 240_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    const csvText = await readFile(path.join(out, "grades.csv"), "utf8");
    const rows = readCsv(csvText);
    expect(Object.keys(rows[0])).toEqual(["student", ...pick.map((id) => `${id} (/${course.find((e) => e.id === id)!.max})`), "total", "max", "percent", "note"]);
    const row = (s: string) => rows.find((x) => x.student === s)!;
    const [first, second] = pick.map((id) => course.find((e) => e.id === id)!);
    const col = (e: { id: string; max: number }) => `${e.id} (/${e.max})`;
    expect(row("alice")).toMatchObject({ [col(first)]: String(first.max), [col(second)]: "0", total: String(first.max), max: String(max), percent: String(Math.floor((1000 * first.max) / max) / 10) });
    expect(row("alice").note).toBe(`exercise-02: No ports.py found in alice (nor in alice/exercise-02/): 0 of ${second.max} points.`);
    expect(row("bob")).toMatchObject({ total: String(max), max: String(max), percent: "100", note: "" });
    expect(row("carol")).toMatchObject({ total: "0", max: String(max), percent: "0" });
    for (const student of ["alice", "bob", "carol"]) {
      expect((await readdir(path.join(out, "results", student))).sort()).toEqual(pick.map((id) => `${id}.json`));
      for (const id of pick) expect(resultSchemaErrors(JSON.parse(await readFile(path.join(out, "results", student, `${id}.json`), "utf8")))).toEqual([]);
    }
    const gradescope = JSON.parse(await readFile(path.join(out, "gradescope", "alice", "results.json"), "utf8"));
    expect(gradescope.score).toBe(first.max);
    expect(gradescope.tests.reduce((a: number, t: { max_score: number }) => a + t.max_score, 0)).toBe(max);
    const summary = JSON.parse(await readFile(path.join(out, "summary.json"), "utf8"));
    expect(summary.total).toMatchObject({ exercises: pick, max_score: max });
    expect(summary.total.mean).toBeCloseTo((first.max + max + 0) / 3, 2);
    const html = await readFile(path.join(out, "report.html"), "utf8");
    expect(html).toContain(`<button type="button">Total <small>/${max}</small></button>`);
    const alice = /<tr data-name="alice"[^>]*>([\s\S]*?)<\/tr>/.exec(html)![1];
    expect(alice).toContain(`<td class="num b-full" data-v="${first.max}">${first.max}</td><td class="num b-zero" data-v="0">0 <span class="bang"`);
    expect(alice).toContain(`<td class="num b-mid" data-v="${first.max}">${first.max}</td><td class="num" data-v="${Math.floor((1000 * first.max) / max) / 10}">${Math.floor((1000 * first.max) / max) / 10} %</td>`);
    expect(html).toMatch(new RegExp(`<h3>carol</h3><p class="total">Total: 0/${max} \\(0 %\\)</p>`));

    // Run again: nothing to grade (the zeros are results too), the same gradebook.
    const again = await grade(["batch", "all", subs, "--out", out, "--exercises", pick.join(",")]);
    expect(again.stderr).toMatch(/grading 0 \(6 up to date\)/);
    expect(await readFile(path.join(out, "grades.csv"), "utf8")).toBe(csvText);

    // Shards (one may hold nobody who handed in a given exercise) merged: the same columns and totals.
    const shards = [await tempDir("shard-"), await tempDir("shard-")];
    for (const [i, s] of shards.entries()) expect((await grade(["batch", "all", subs, "--out", s, "--exercises", pick.join(","), "--shard", `${i + 1}/2`])).exitCode).toBe(0);
    const merged = await tempDir("merged-");
    expect((await grade(["merge", ...shards, "--out", merged])).exitCode).toBe(0);
    expect(await readFile(path.join(merged, "grades.csv"), "utf8")).toBe(csvText);
  });

  it("batch all without --exercises: every exercise of the course is a column, counted in the total", { timeout: 240_000 }, async () => {
    const out = await tempDir("out-");
    const r = await grade(["batch", "all", subs, "--out", out, "--sandbox", "none"], { timeoutMs: 240_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    const rows = readCsv(await readFile(path.join(out, "grades.csv"), "utf8"));
    for (const e of course) expect(rows[0]).toHaveProperty(`${e.id} (/${e.max})`);
    const alice = rows.find((x) => x.student === "alice")!;
    expect(alice).toMatchObject({ total: String(course[0].max), max: String(courseMax), percent: String(Math.floor((1000 * course[0].max) / courseMax) / 10) });
    expect(rows.find((x) => x.student === "carol")).toMatchObject({ total: "0", max: String(courseMax) });
  });

  it("--exercises goes with `all` only, and an unknown id is exit 2", async () => {
    const out = await tempDir("out-");
    const single = await grade(["batch", "exercise-01", subs, "--out", out, "--exercises", "exercise-01"]);
    expect(single.exitCode).toBe(2);
    expect(single.stderr).toMatch(/--exercises goes with `grade batch all`/);
    const unknown = await grade(["batch", "all", subs, "--out", out, "--exercises", "exercise-1"]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/Did you mean exercise-01\?/);
    expect(existsSync(path.join(out, "results"))).toBe(false);
  });
});
