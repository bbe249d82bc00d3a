// grade batch --similarity: a copy of the reference with every name changed and its functions reordered is
// flagged against it; independently written correct programs are not flagged, against the reference or
// each other; two students who handed in only the starter code share nothing that counts.
import { cp, mkdir, readFile } from "node:fs/promises";
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

  it("--similarity-threshold is checked before anything is graded", async () => {
    const r = await grade(["batch", "exercise-01", fixtures, "--out", await tempDir("sim-bad-"), "--similarity", "--similarity-threshold", "0"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--similarity-threshold/);
  });
});
