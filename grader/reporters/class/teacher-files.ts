// The batch output's teacher files beside the gradebook: feedback/<student>.html and .md (--feedback, and
// kept fresh on every later run into a folder that has them), and the similarity report read back for
// the dashboard (similarity.json, written by --similarity).
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { GradeResult } from "../../generated/result.js";
import type { Lang } from "../../core/i18n.js";
import type { ClassResults } from "./types.js";
import { studentTotal } from "./totals.js";
import { safeFileNames } from "./safe-name.js";
import { feedbackMarkdown, feedbackPage } from "./feedback.js";
import type { SimilarityReport } from "./html-similarity.js";

export interface TeacherFiles {
  feedback?: boolean;
  /** --similarity: pairs at or above `threshold` (0..1) are flagged. */
  similarity?: { threshold: number };
}

export async function writeTeacherFiles(out: string, c: ClassResults, lang: Lang, o: TeacherFiles, write: (p: string, data: string) => Promise<void>): Promise<{ feedbackFiles?: Map<string, string>; similarity?: SimilarityReport }> {
  let feedbackFiles: Map<string, string> | undefined;
  if (o.feedback || existsSync(path.join(out, "feedback"))) {
    feedbackFiles = safeFileNames(c.students);
    for (const s of c.students) {
      const results = c.exercises.map((e) => c.results.get(s)?.get(e.id)).filter((r): r is GradeResult => r !== undefined);
      const f = { student: s, total: studentTotal(c, s), results, problem: c.problems.get(s) };
      const base = path.join(out, "feedback", feedbackFiles.get(s)!);
      await write(`${base}.html`, feedbackPage(f, lang));
      await write(`${base}.md`, feedbackMarkdown(f, lang));
    }
  }
  let similarity: SimilarityReport | undefined;
  try {
    similarity = JSON.parse(await readFile(path.join(out, "similarity.json"), "utf8")) as SimilarityReport;
  } catch {
    similarity = undefined; // no --similarity run into this folder
  }
  return { feedbackFiles, similarity };
}
