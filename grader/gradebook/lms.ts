// The gradebook CSVs that Canvas and Moodle export (and import again), as these LMSs document them:
// - Canvas: `Student, ID, SIS User ID, SIS Login ID, Section`, then one column per assignment named
//   `Title (id)`, then read-only totals; the second row is `Points Possible` (and newer exports may add a
//   row of posting policies before it): rows without a student are kept untouched.
// - Moodle (Grades → Export → Plain text file): `First name, Last name, ID number, Institution, Department,
//   Email address`, one column per grade item (`Assignment: Title (Real)`), `Last downloaded from this
//   course`. Its import maps an identifier column (email, ID number or username) to its users.
import { GraderError } from "../core/errors.js";

export type LmsKind = "canvas" | "moodle";

export interface LmsLayout {
  kind: LmsKind;
  /** The columns that identify a student, most specific first. */
  idColumns: number[];
  /** A row that is not a student (Canvas' Points Possible and posting-policy rows). */
  isStudentRow(row: string[]): boolean;
  /** The points possible of a column, when the file says (Canvas). */
  pointsPossible(column: number): number | undefined;
  /** How a student of the file is named in messages. */
  label(row: string[]): string;
  /** The columns a grade may be written into (not identity, not read-only totals). */
  assignmentColumns: number[];
}

const CANVAS_ID = ["Student", "ID", "SIS User ID", "SIS Login ID"];
const CANVAS_TOTALS = /^(Current|Final|Unposted Current|Unposted Final|Override) (Score|Points|Grade)$|Current Points$|Final Points$|Current Score$|Final Score$|^Section$|^Integration ID$|^Root Account$/;
const MOODLE_ID = ["ID number", "Email address", "Username"];
const MOODLE_INFO = /^(First name|Surname|Last name|ID number|Institution|Department|Email address|Username|Last downloaded from this course|Course total.*)$/;

export function detectLayout(header: string[], rows: string[][], file: string): LmsLayout {
  const col = (name: string) => header.findIndex((h) => h.trim() === name);
  if (CANVAS_ID.every((h) => col(h) >= 0)) {
    const possibleRow = rows.find((r) => r[0]?.trim() === "Points Possible");
    return {
      kind: "canvas",
      idColumns: ["SIS Login ID", "SIS User ID", "ID", "Student"].map(col),
      isStudentRow: (r) => r[0]?.trim() !== "Points Possible" && (r[col("ID")] ?? "").trim() !== "",
      label: (r) => r[col("Student")] || r[col("SIS Login ID")] || r[col("ID")],
      pointsPossible: (c) => {
        const v = Number(possibleRow?.[c]);
        return possibleRow && possibleRow[c]?.trim() !== "" && Number.isFinite(v) ? v : undefined;
      },
      assignmentColumns: header.map((_, i) => i).filter((i) => i > col("Section") && !CANVAS_TOTALS.test(header[i].trim())),
    };
  }
  if (MOODLE_ID.some((h) => col(h) >= 0)) {
    return {
      kind: "moodle",
      idColumns: MOODLE_ID.map(col).filter((i) => i >= 0),
      isStudentRow: (r) => MOODLE_ID.some((h) => col(h) >= 0 && (r[col(h)] ?? "").trim() !== ""),
      pointsPossible: () => undefined,
      label: (r) => {
        const name = [col("First name"), col("Surname") >= 0 ? col("Surname") : col("Last name")].filter((i) => i >= 0).map((i) => r[i]).filter(Boolean).join(" ");
        const id = MOODLE_ID.map(col).filter((i) => i >= 0).map((i) => r[i]).find(Boolean) ?? "";
        return name && id ? `${name} (${id})` : name || id;
      },
      assignmentColumns: header.map((_, i) => i).filter((i) => !MOODLE_INFO.test(header[i].trim())),
    };
  }
  throw new GraderError("BAD_ARGUMENT", "errNotLmsExport", { file, header: header.slice(0, 6).join(", ") });
}

/** A column named exactly, or by its title without Canvas' `(id)` / Moodle's `Assignment: … (Real)`. */
export function findColumn(header: string[], candidates: number[], name: string): number | undefined {
  const bare = (h: string) => h.trim().replace(/\s*\(\w+\)$/, "").replace(/^[^:]+:\s*/, "").toLowerCase();
  const exact = candidates.find((i) => header[i].trim() === name.trim());
  if (exact !== undefined) return exact;
  const loose = candidates.filter((i) => bare(header[i]) === name.trim().toLowerCase() || header[i].trim().replace(/\s*\(\w+\)$/, "").toLowerCase() === name.trim().toLowerCase());
  return loose.length === 1 ? loose[0] : undefined;
}
