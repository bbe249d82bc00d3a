// grades.csv: one row per student, one column per exercise, the total over the course (an exercise with no
// result counts 0), its maximum and percentage. UTF-8 with a byte-order mark so Excel and LibreOffice open
// it with Chinese names intact; written with csv-stringify (quoting, newlines and separators inside names
// are its job: it quotes a lone LF only when asked, and spreadsheets split a row at one). Text cells go
// through csvText (no formulas, no raw controls).
import { stringify } from "csv-stringify/sync";
import { percentOf } from "../../text/percent.js";
import { studentTotal } from "./totals.js";
import type { ClassResults } from "./types.js";
import { csvText } from "../escape-csv.js";
import { t, type Lang } from "../../core/i18n.js";

export function gradesCsv(c: ClassResults, lang: Lang = "en"): string {
  const header = [t(lang, "csvStudent"), ...c.exercises.map((e) => `${e.id} (/${e.max})`), t(lang, "csvTotal"), t(lang, "csvMax"), t(lang, "csvPercent"), t(lang, "csvNote")];
  const rows = c.students.map((s) => {
    const mine = c.results.get(s);
    const scores = c.exercises.map((e) => mine?.get(e.id)?.score ?? 0);
    const errors = c.exercises.filter((e) => mine?.get(e.id)?.status === "error");
    const notes = [c.problems.get(s), ...errors.map((e) => `${e.id}: ${mine!.get(e.id)!.output.split("\n")[0]}`)].filter(Boolean);
    const total = studentTotal(c, s);
    // The name and the notes are the student's text (a folder name, a message quoting a file name).
    return [csvText(s), ...scores.map(String), String(total.score), String(total.max), String(percentOf(total.score, total.max) ?? ""), csvText(notes.join("; "))];
  });
  return "\ufeff" + stringify([header, ...rows], { record_delimiter: "windows", quoted_match: /[\r\n]/ });
}
