// `grade batch … --similarity`: per exercise, every pair of submissions compared (compare.ts) while the
// batch still has them unpacked. similarity.csv lists every pair with anything in common (most alike
// first, a `flagged` column for those at or above the threshold); similarity.json keeps the flagged ones
// with both files and the shared lines, for the dashboard's side-by-side view.
import { existsSync } from "node:fs";
import { lstat, open } from "node:fs/promises";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { exercisesDir } from "../core/paths.js";
import { locateEntry } from "../submission/workdir.js";
import { comparePairs, commonLimit, type SubmissionFile } from "./compare.js";
import { pythonTokens } from "./tokens.js";
import { percent, type SimilarityPair, type SimilarityReport } from "../reporters/class/html-similarity.js";

const MAX_BYTES = 1 << 20;

/** A cell a spreadsheet would take for a formula (a student's name such as "=HYPERLINK(…)") is quoted with '. */
const cell = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/** The student's entry file, if it is a regular file (a link is not followed: it may point anywhere). */
async function entryFile(dir: string, id: string, entry: string): Promise<string | undefined> {
  const base = locateEntry(dir, id, entry);
  if (!base) return undefined;
  const file = path.join(base, entry);
  return (await lstat(file).catch(() => undefined))?.isFile() ? file : undefined;
}

/** The first MiB of a file (a student's 70 MB file is not read whole). */
async function readText(file: string): Promise<string> {
  const handle = await open(file, "r");
  try {
    const buf = Buffer.alloc(MAX_BYTES);
    const { bytesRead } = await handle.read(buf, 0, MAX_BYTES, 0);
    return buf.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}

export interface SimilarityInput {
  submissions: { student: string; dir: string }[];
  exercises: { id: string; entry: string }[];
  /** 0..1 */
  threshold: number;
  python?: string;
}

export async function similarityReport(o: SimilarityInput): Promise<{ csv: string; report: SimilarityReport }> {
  const all: SimilarityPair[] = [];
  let common = 0;
  for (const { id, entry } of o.exercises) {
    const found = (await Promise.all(o.submissions.map(async (s) => ({ student: s.student, file: await entryFile(s.dir, id, entry) })))).filter((x): x is { student: string; file: string } => x.file !== undefined);
    const starterFile = path.join(exercisesDir, id, "starter", entry);
    const starter = existsSync(starterFile) ? starterFile : undefined;
    const paths = [...found.map((f) => f.file), ...(starter ? [starter] : [])];
    // Lexing cannot fail on a student's file (tokens.py stops where a file stops lexing); should Python
    // itself fail, the exercise has no pairs rather than the batch no gradebook.
    const tokens = await pythonTokens(paths, o.python).catch((e: Error) => {
      process.stderr.write(`similarity of ${id} skipped: ${e.message.split("\n")[0]}\n`);
      return paths.map(() => []);
    });
    const texts = await Promise.all(paths.map((p) => readText(p).catch(() => "")));
    const files: SubmissionFile[] = found.map((f, i) => ({ student: f.student, file: path.relative(o.submissions.find((s) => s.student === f.student)!.dir, f.file), text: texts[i], tokens: tokens[i] }));
    common = Math.max(common, commonLimit(files.length));
    all.push(...comparePairs(id, files, starter ? { text: texts.at(-1)!, tokens: tokens.at(-1)! } : undefined));
  }
  const header = ["exercise", "student_a", "student_b", "similarity_percent", "longest_fragment_tokens", "overlap_tokens", "flagged"];
  const rows = all.map((p) => [p.exercise, cell(p.left.student), cell(p.right.student), String(percent(p.similarity)), String(p.longest), String(p.overlap), p.similarity >= o.threshold ? "yes" : "no"]);
  const csv = "\ufeff" + stringify([header, ...rows], { record_delimiter: "windows" });
  return { csv, report: { threshold: o.threshold, common, pairs: all.filter((p) => p.similarity >= o.threshold) } };
}
