// grades.csv: one row per student, one column per exercise, and the total. UTF-8 with a byte-order mark so
// Excel and LibreOffice open it with Chinese names intact; written with csv-stringify (quoting, newlines
// and separators inside names are its job).
import { stringify } from "csv-stringify/sync";
import type { ClassResults } from "./types.js";

export function gradesCsv(c: ClassResults): string {
  const header = ["student", ...c.exercises.map((e) => `${e.id} (/${e.max})`), "total", "max", "note"];
  const rows = c.students.map((s) => {
    const mine = c.results.get(s);
    const scores = c.exercises.map((e) => mine?.get(e.id)?.score);
    const graded = c.exercises.filter((e) => mine?.has(e.id));
    const total = scores.reduce<number>((a, b) => a + (b ?? 0), 0);
    const notes = [c.problems.get(s), ...graded.filter((e) => mine!.get(e.id)!.status === "error").map((e) => `${e.id}: ${mine!.get(e.id)!.output.split("\n")[0]}`)].filter(Boolean);
    return [s, ...scores.map((x) => (x === undefined ? "" : String(x))), String(Math.round(total * 100) / 100), String(graded.reduce((a, e) => a + e.max, 0)), notes.join("; ")];
  });
  return "\ufeff" + stringify([header, ...rows], { record_delimiter: "windows" });
}
