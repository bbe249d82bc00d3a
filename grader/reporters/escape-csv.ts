// Spreadsheet cells from student text (names, notes): a cell that starts with =, +, -, @, tab or CR is
// read as a formula by Excel and LibreOffice (`=HYPERLINK(...)`, `@SUM(1+1)`, `-2+3`), so it gets a
// leading apostrophe (OWASP's CSV-injection rule), and control characters are made visible (a teacher
// who `cat`s the file gets no terminal sequences). Newlines stay: csv-stringify quotes such a field, so
// it stays one cell of one row. Numbers the grader computed (scores, even -2) are not text: callers
// write those as they are.
import { visibleText } from "./escape.js";

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvText(s: string): string {
  const text = visibleText(s);
  return FORMULA_START.test(text) ? `'${text}` : text;
}
