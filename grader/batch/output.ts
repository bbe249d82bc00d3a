// The batch output folder. Every file is written atomically (write-file-atomic: a temp file renamed into
// place), so an interrupted batch leaves only complete files, and a rerun can trust what it finds.
//   results/<student>/<exercise>.json   the result, as `grade --format json` prints it
//   state/<student>/<exercise>.json     what was graded (content hashes), to skip it next time
//   problems/<student>.json             a submission that could not be graded at all
//   course.json                         the exercises every student's total counts (missing ones at 0)
//   gradescope/<student>/results.json, grades.csv, summary.json, report.html
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import writeFileAtomic from "write-file-atomic";
import type { GradeResult } from "../generated/result.js";
import { loadExercise, maxScore, exerciseIds } from "../engine/exercises.js";
import { pick, type Lang } from "../core/i18n.js";
import type { ClassResults } from "../reporters/class/types.js";
import { gradesCsv } from "../reporters/class/csv.js";
import { summaryJson } from "../reporters/class/summary.js";
import { reportHtml } from "../reporters/class/html.js";
import { writeTeacherFiles, type TeacherFiles } from "../reporters/class/teacher-files.js";
import { gradescopeJson } from "../reporters/class/gradescope.js";
import { graderVersion } from "../core/paths.js";
import type { SimilarityInput } from "../similarity/report.js";

export interface GradedState {
  submission_hash: string;
  exercise_hash: string;
  score: number;
}

const file = (out: string, ...parts: string[]) => path.join(out, ...parts);

/**
 * The student's name as a file name in the output folder: the name itself when it fits (so the folders
 * read as the class list), else a prefix and a hash (a 252-byte name + ".json" is over the 255-byte limit
 * of a file name). The files keep the full name inside.
 */
export function studentKey(student: string): string {
  const safe = student.replace(/[/\0]/g, "_");
  if (Buffer.byteLength(safe) <= 200 && safe !== "." && safe !== "..") return safe;
  let prefix = "";
  for (const ch of safe) {
    if (Buffer.byteLength(prefix + ch) > 180) break;
    prefix += ch;
  }
  return `${prefix}~${createHash("sha1").update(student).digest("hex").slice(0, 10)}`;
}

async function atomicWrite(p: string, data: string): Promise<void> {
  await mkdir(path.dirname(p), { recursive: true });
  await writeFileAtomic(p, data);
}

async function writeJson(p: string, value: unknown): Promise<void> {
  await atomicWrite(p, JSON.stringify(value, null, 2) + "\n");
}

export async function writeResult(out: string, student: string, result: GradeResult, state: GradedState): Promise<void> {
  await writeJson(file(out, "results", studentKey(student), `${result.exercise}.json`), result);
  await writeJson(file(out, "state", studentKey(student), `${result.exercise}.json`), state);
}

export async function writeProblem(out: string, student: string, message: string): Promise<void> {
  await writeJson(file(out, "problems", `${studentKey(student)}.json`), { student, message });
}

/** A submission graded fine after all: its old problem note goes. */
export async function clearProblem(out: string, student: string): Promise<void> {
  await rm(file(out, "problems", `${studentKey(student)}.json`), { force: true });
}

export async function readState(out: string, student: string, exercise: string): Promise<GradedState | undefined> {
  const p = file(out, "state", studentKey(student), `${exercise}.json`);
  if (!existsSync(p) || !existsSync(file(out, "results", studentKey(student), `${exercise}.json`))) return undefined;
  try {
    return JSON.parse(await readFile(p, "utf8")) as GradedState;
  } catch {
    return undefined;
  }
}

/** The exercises this folder's gradebook counts: every set a batch (or a merged shard) asked for. */
export async function readCourse(out: string): Promise<string[]> {
  try {
    const course = JSON.parse(await readFile(file(out, "course.json"), "utf8")) as { exercises?: unknown };
    return Array.isArray(course.exercises) ? course.exercises.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return []; // a folder from before course.json: the exercises found in results/
  }
}

/** Adds exercises to the folder's course (a union: a later run for one exercise drops none from the gradebook). */
export async function recordCourse(out: string, exercises: string[]): Promise<void> {
  const known = new Set([...(await readCourse(out)), ...exercises]);
  await writeJson(file(out, "course.json"), { exercises: exerciseIds().filter((id) => known.has(id)) });
}

async function listDir(p: string): Promise<string[]> {
  return existsSync(p) ? (await readdir(p)).sort() : [];
}

/** Reads back every result and problem in an output folder. */
export async function readClass(out: string, lang: Lang): Promise<ClassResults> {
  const results = new Map<string, Map<string, GradeResult>>();
  for (const key of await listDir(file(out, "results"))) {
    const mine = new Map<string, GradeResult>();
    let student = key; // the full name is in the results (the folder may be a shortened key)
    for (const f of await listDir(file(out, "results", key))) {
      if (!f.endsWith(".json")) continue;
      const r = JSON.parse(await readFile(file(out, "results", key, f), "utf8")) as GradeResult;
      mine.set(r.exercise, r);
      if (key !== r.submission && studentKey(r.submission) === key) student = r.submission;
    }
    results.set(student, mine);
  }
  const problems = new Map<string, string>();
  for (const f of await listDir(file(out, "problems"))) {
    const p = JSON.parse(await readFile(file(out, "problems", f), "utf8")) as { student: string; message: string };
    problems.set(p.student, p.message);
  }
  // Every exercise of the course is a column for every student, whether anyone handed it in or not.
  const counted = new Set([...(await readCourse(out)), ...[...results.values()].flatMap((m) => [...m.keys()])]);
  const exercises = [];
  for (const id of exerciseIds().filter((x) => counted.has(x))) {
    const ex = (await loadExercise(id)).data;
    // The results' own maximum: a teacher's private checks (--private) add points to the exercise's.
    const maxima = [...results.values()].map((m) => m.get(id)?.max_score).filter((x): x is number => x !== undefined);
    exercises.push({ id, title: pick(lang, ex.title), max: maxima.length ? Math.max(...maxima) : maxScore(ex) });
  }
  const students = [...new Set([...results.keys(), ...problems.keys()])].sort((a, b) => a.localeCompare(b, "en"));
  return { exercises, students, results, problems };
}

/** similarity.csv and similarity.json (grade batch --similarity), from the unpacked submissions. */
export async function writeSimilarity(out: string, input: SimilarityInput): Promise<void> {
  const { similarityReport } = await import("../similarity/report.js");
  const { csv, report } = await similarityReport(input);
  await atomicWrite(file(out, "similarity.csv"), csv);
  await writeJson(file(out, "similarity.json"), report);
}

/** Rebuilds the class-level files from what is in the folder (also after a merge of shards). */
export async function writeReports(out: string, lang: Lang, teacher: TeacherFiles = {}): Promise<ClassResults> {
  const c = await readClass(out, lang);
  await atomicWrite(file(out, "grades.csv"), gradesCsv(c, lang));
  await atomicWrite(file(out, "summary.json"), summaryJson(c, `udp-grader ${graderVersion}`));
  // Feedback files and the similarity report (teacher-files.ts); the dashboard links to them.
  const extra = await writeTeacherFiles(out, c, lang, teacher, atomicWrite);
  await atomicWrite(file(out, "report.html"), reportHtml(c, { lang, ...extra }));
  for (const s of c.students) {
    const mine = [...(c.results.get(s)?.values() ?? [])];
    if (mine.length) await atomicWrite(file(out, "gradescope", studentKey(s), "results.json"), gradescopeJson(mine));
  }
  return c;
}
