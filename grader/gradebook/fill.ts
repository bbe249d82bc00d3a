// `grade gradebook RESULTS --into lms-export.csv --out filled.csv`: the LMS's own export with the chosen
// assignment column(s) filled from a batch's results, ready to import again. Every other cell, row and
// column stays as exported. Students are matched by a roster (submission name → the LMS's login, email or
// id) or, without one, by the submission's name being one of those; both ways round, whoever is left over
// is listed.
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { GraderError } from "../core/errors.js";
import type { ClassResults } from "../reporters/class/types.js";
import { studentTotal } from "../reporters/class/totals.js";
import { detectLayout, findColumn, type LmsKind } from "./lms.js";

export interface ColumnChoice {
  /** The LMS column, e.g. "Exercise 01 (12345)" (or its title alone). */
  column: string;
  /** An exercise id, or undefined for the student's total over the course. */
  exercise?: string;
}

export interface FillResult {
  csv: string;
  kind: LmsKind;
  columns: string[];
  filled: number;
  /** Graded submissions that no LMS student matched. */
  unmatched: string[];
  /** LMS students without a result. */
  withoutResult: string[];
  /** Columns whose scores were scaled to the LMS's points possible. */
  scaled: string[];
}

const norm = (s: string) => s.normalize("NFC").trim().toLowerCase();

/** roster.csv: a header naming the submission column (`submission`, `student` or `folder`) and the LMS one (anything else). */
export async function readRoster(file: string): Promise<Map<string, string>> {
  const text = (await readFile(file, "utf8")).replace(/^\ufeff/, "");
  const rows = parse(text, { skip_empty_lines: true, relax_column_count: true }) as string[][];
  const header = (rows[0] ?? []).map(norm);
  const sub = header.findIndex((h) => ["submission", "student", "folder", "name"].includes(h));
  const lms = header.findIndex((h, i) => i !== sub && h !== "");
  if (sub < 0 || lms < 0) throw new GraderError("BAD_ARGUMENT", rows[0] ? "errRosterHeader" : "errRosterNoHeader", { file, header: rows[0]?.join(", ") ?? "" });
  return new Map(rows.slice(1).filter((r) => r[sub]?.trim()).map((r) => [r[sub].normalize("NFC").trim(), (r[lms] ?? "").trim()]));
}

export function fillGradebook(exportText: string, file: string, c: ClassResults, requested: ColumnChoice[], roster: Map<string, string> | undefined): FillResult {
  const bom = exportText.startsWith("\ufeff");
  const text = bom ? exportText.slice(1) : exportText;
  const crlf = /\r\n/.test(text.slice(0, 10_000));
  const rows = parse(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
  if (!rows.length) throw new GraderError("BAD_ARGUMENT", "errFileEmpty", { file });
  const [header, ...body] = rows;
  const layout = detectLayout(header, body, file);
  // No --column: the file's only assignment column, with the course total.
  const choices = requested.length ? requested : layout.assignmentColumns.length === 1 ? [{ column: header[layout.assignmentColumns[0]] }] : [];
  const columnList = layout.assignmentColumns.map((x) => header[x]).join(" | ");
  if (!choices.length) {
    const example = header[layout.assignmentColumns[0]] ?? "Exercise 01";
    throw new GraderError("BAD_ARGUMENT", columnList ? "errGradebookNameColumn" : "errGradebookNameColumnNone", { example, file, columns: columnList });
  }
  const targets = choices.map((ch) => {
    const i = findColumn(header, layout.assignmentColumns, ch.column);
    if (i === undefined) {
      throw new GraderError("BAD_ARGUMENT", columnList ? "errGradebookNoColumn" : "errGradebookNoColumnNone", { file, column: ch.column, columns: columnList });
    }
    if (ch.exercise && !c.exercises.some((e) => e.id === ch.exercise)) throw new GraderError("BAD_ARGUMENT", "errResultsNoExercise", { exercise: ch.exercise, exercises: c.exercises.map((e) => e.id).join(", ") });
    return { ...ch, index: i };
  });
  // Identifier → student: each LMS identifier of the roster or the submission's own name.
  const wanted = new Map<string, string>();
  for (const s of c.students) wanted.set(norm(roster?.get(s.normalize("NFC")) ?? s), s);
  const matched = new Set<string>();
  const withoutResult: string[] = [];
  let filled = 0;
  const scaled = new Set<string>();
  for (const row of body) {
    if (!layout.isStudentRow(row)) continue;
    const student = layout.idColumns.map((i) => wanted.get(norm(row[i] ?? ""))).find((x) => x !== undefined);
    if (!student) {
      withoutResult.push(layout.label(row));
      continue;
    }
    matched.add(student);
    for (const t of targets) {
      const r = t.exercise ? c.results.get(student)?.get(t.exercise) : undefined;
      const max = t.exercise ? c.exercises.find((e) => e.id === t.exercise)!.max : studentTotal(c, student).max;
      const score = t.exercise ? (r?.score ?? 0) : studentTotal(c, student).score;
      const possible = layout.pointsPossible(t.index);
      let value = score;
      if (possible !== undefined && max > 0 && possible !== max) {
        value = (score / max) * possible; // Canvas' column is worth other points than the exercise: the same share of them
        scaled.add(header[t.index]);
      }
      while (row.length <= t.index) row.push("");
      row[t.index] = String(Math.round(value * 100) / 100);
    }
    filled++;
  }
  const csv = (bom ? "\ufeff" : "") + stringify([header, ...body], { record_delimiter: crlf ? "windows" : "unix" });
  return {
    csv,
    kind: layout.kind,
    columns: targets.map((t) => header[t.index]),
    filled,
    unmatched: c.students.filter((s) => !matched.has(s) && (c.results.get(s)?.size ?? 0) + (c.problems.has(s) ? 1 : 0) > 0),
    withoutResult,
    scaled: [...scaled],
  };
}
