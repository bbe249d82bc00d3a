// grade gradebook: a batch's scores filled into the gradebook CSVs that Canvas and Moodle export, laid out
// as those LMSs document them; the filled file parses back with the same rows and columns, only the chosen
// cells changed, and every student left over on either side is listed.
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grade, root } from "./helpers/cli.js";
import { fixturesDir, removeTemps, tempDir } from "./helpers/fixtures.js";

const reference = path.join(root, "solutions", "exercise-01", "ip_classify.py");
let results = "";
let dir = "";
let lisiScore = 0;

const CANVAS = [
  "Student,ID,SIS User ID,SIS Login ID,Section,Exercise 1 (5001),Exercise 2 (5002),Assignments Current Points,Assignments Final Points,Assignments Current Score,Assignments Unposted Current Score,Assignments Final Score,Assignments Unposted Final Score,Current Points,Final Points,Current Score,Unposted Current Score,Final Score,Unposted Final Score",
  "    Points Possible,,,,,10.00,100.00,(read only),(read only),(read only),(read only),(read only),(read only),(read only),(read only),(read only),(read only),(read only),(read only)",
  '"Zhang, San",1001,20260001,zhangsan,Section 1,,75.00,75.00,75.00,,,,,,,,,,',
  '"Li, Si",1002,20260002,lisi,Section 1,3.00,,0.00,0.00,,,,,,,,,,',
  '"Zhao, Liu",1003,20260003,zhaoliu,Section 2,,,,,,,,,,,,,,',
  '"Student, Test",1099,,testuser,Section 1,,,,,,,,,,,,,,',
].join("\r\n") + "\r\n";

const MOODLE = [
  '"First name","Surname","ID number","Institution","Department","Email address","Assignment: Exercise 1 (Real)","Course total (Real)","Last downloaded from this course"',
  '"San","Zhang","20260001","Uni","CS","zhangsan@example.edu","-","-","1764230400"',
  '"Si","Li","20260002","Uni","CS","lisi@example.edu","-","-","1764230400"',
  '"Liu","Zhao","20260003","Uni","CS","zhaoliu@example.edu","-","-","1764230400"',
].join("\n") + "\n";

beforeAll(async () => {
  const subs = await tempDir("gb-class-");
  const put = async (student: string, from: string) => {
    await mkdir(path.join(subs, student));
    await cp(from, path.join(subs, student, "ip_classify.py"));
  };
  await put("zhangsan", reference);
  await put("lisi", path.join(fixturesDir, "exercise-01", "accepts-256", "ip_classify.py"));
  await put("赵六", reference); // the folder is the student's Chinese name: only a roster can match it
  await put("wangwu", reference); // not enrolled in the LMS
  results = await tempDir("gb-results-");
  const r = await grade(["batch", "exercise-01", subs, "--out", results, "--sandbox", "none"], { timeoutMs: 240_000 });
  expect(r.exitCode, r.stderr).toBe(0);
  lisiScore = JSON.parse(await readFile(path.join(results, "results", "lisi", "exercise-01.json"), "utf8")).score;
  expect(lisiScore).toBeLessThan(100);
  dir = await tempDir("gb-files-");
  await writeFile(path.join(dir, "canvas.csv"), "\ufeff" + CANVAS);
  await writeFile(path.join(dir, "moodle.csv"), MOODLE);
  await writeFile(path.join(dir, "roster.csv"), "submission,login\nzhangsan,zhangsan\nlisi,lisi\n赵六,zhaoliu\n");
  await writeFile(path.join(dir, "roster-moodle.csv"), "submission,email\nzhangsan,zhangsan@example.edu\nlisi,LISI@example.edu\n赵六,zhaoliu@example.edu\n");
}, 300_000);
afterAll(removeTemps);

const rowsOf = (text: string) => parse(text.replace(/^\ufeff/, ""), { relax_column_count: true }) as string[][];

/** Same rows, same columns, same cells except the ones in `changed` (row index → column indexes). */
function sameExcept(before: string[][], after: string[][], column: number, changedRows: number[]) {
  expect(after.length).toBe(before.length);
  for (const [i, row] of before.entries()) {
    expect(after[i].length, `row ${i}`).toBe(row.length);
    for (const [j, cell] of row.entries()) if (!(j === column && changedRows.includes(i))) expect(after[i][j], `row ${i} col ${j}`).toBe(cell);
  }
}

describe("grade gradebook", () => {
  it("Canvas, matched by login: fills one assignment scaled to its points possible, lists who is left over", async () => {
    const out = path.join(dir, "canvas-filled.csv");
    const r = await grade(["gradebook", results, "--into", path.join(dir, "canvas.csv"), "--out", out, "--column", "Exercise 1 (5001)=exercise-01", "--lang", "en"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Exercise 1 \(5001\) filled for 2 student\(s\)/);
    expect(r.stdout).toMatch(/scaled to the LMS's points possible: Exercise 1 \(5001\)/);
    expect(r.stderr).toMatch(/2 graded submission\(s\) not found in .*canvas\.csv: "wangwu", "赵六"/);
    expect(r.stderr).toMatch(/2 student\(s\) of .*canvas\.csv without a result: "Zhao, Liu", "Student, Test"/);
    const text = await readFile(out, "utf8");
    expect(text.startsWith("\ufeff")).toBe(true); // kept as exported (Canvas writes a BOM)
    expect(text).toMatch(/\r\n/);
    const before = rowsOf(CANVAS);
    const after = rowsOf(text);
    sameExcept(before, after, 5, [2, 3]);
    expect(after[2][5]).toBe("10");
    expect(after[3][5]).toBe(String(Math.round(lisiScore * 10) / 100)); // out of 10 points
    expect(after[1][5]).toBe("10.00"); // Points Possible untouched
  });

  it("Canvas with a roster: the Chinese-named folder is matched to its login; the course total by default column name", async () => {
    const out = path.join(dir, "canvas-roster.csv");
    const r = await grade(["gradebook", results, "--into", path.join(dir, "canvas.csv"), "--out", out, "--roster", path.join(dir, "roster.csv"), "--column", "Exercise 2", "--lang", "en"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/1 graded submission\(s\) not found .*"wangwu"/);
    expect(r.stderr).toMatch(/1 student\(s\) of .*without a result: "Student, Test"/);
    const after = rowsOf(await readFile(out, "utf8"));
    sameExcept(rowsOf(CANVAS), after, 6, [2, 3, 4]);
    expect(after.slice(2, 5).map((row) => row[6])).toEqual(["100", String(lisiScore), "100"]);
  });

  it("Moodle, matched through a roster of e-mails (any case): fills its grade item; same rows and columns", async () => {
    const out = path.join(dir, "moodle-filled.csv");
    const r = await grade(["gradebook", results, "--into", path.join(dir, "moodle.csv"), "--out", out, "--roster", path.join(dir, "roster-moodle.csv"), "--column", "Exercise 1=exercise-01", "--lang", "zh"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/已为 3 名学生填写 Assignment: Exercise 1 \(Real\)/);
    const text = await readFile(out, "utf8");
    expect(text.startsWith("\ufeff")).toBe(false);
    expect(text).not.toMatch(/\r\n/);
    const after = rowsOf(text);
    sameExcept(rowsOf(MOODLE), after, 6, [1, 2, 3]);
    expect(after.slice(1).map((row) => row[6])).toEqual(["100", String(lisiScore), "100"]);
  });

  it("a column that is not there, a file that is no LMS export, or --out over --into: exit 2 with one line", async () => {
    const r = await grade(["gradebook", results, "--into", path.join(dir, "canvas.csv"), "--out", path.join(dir, "x.csv"), "--column", "Exercise 9"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/no assignment column `Exercise 9`; its assignment columns: Exercise 1 \(5001\) \| Exercise 2 \(5002\)$/);
    const noColumn = await grade(["gradebook", results, "--into", path.join(dir, "canvas.csv"), "--out", path.join(dir, "x.csv")]);
    expect(noColumn.stderr).toMatch(/Name the column to fill with --column/);
    await writeFile(path.join(dir, "other.csv"), "name,score\na,1\n");
    expect((await grade(["gradebook", results, "--into", path.join(dir, "other.csv"), "--out", path.join(dir, "x.csv"), "--column", "score"])).stderr).toMatch(/not a Canvas or Moodle gradebook export/);
    expect((await grade(["gradebook", results, "--into", path.join(dir, "canvas.csv"), "--out", path.join(dir, "canvas.csv"), "--column", "Exercise 2"])).exitCode).toBe(2);
  });
});
