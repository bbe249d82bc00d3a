// The course's own exercises are validated by the build (scripts/check-exercises.mjs), which records each
// exercise's files by hash: a run of the built grader then skips validating an exercise whose files are
// still those (its schema, case files and families: ~20–45 ms of every grading's start). An exercise edited
// since the build, a teacher's course elsewhere (GRADER_EXERCISES) or one with private checks merged in
// is validated at every load, as before; so is everything when the grader runs from its sources (vitest),
// which may be newer than the build.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "../core/paths.js";
import { schemaHash } from "../core/schemas.js";
import { hashFolder } from "../submission/hash-folder.js";

/** Where the build writes what it validated. */
export const checkedPath = path.join(projectRoot, "dist", "exercises-checked.json");
/** The only folder the build validates. */
export const courseDir = path.join(projectRoot, "exercises");

export interface CheckedStamp {
  /** The schema files the exercises were validated against. */
  schemas: string;
  /** Exercise id → hashFolder of its folder. */
  exercises: Record<string, string>;
}

const runningBuilt = fileURLToPath(import.meta.url).startsWith(path.join(projectRoot, "dist") + path.sep);
let stamp: CheckedStamp | null | undefined;

/** Did the build that made the running code validate this exercise of the course, as its files are now? */
export async function checkedAtBuild(id: string, dir: string): Promise<boolean> {
  if (!runningBuilt || path.resolve(dir) !== path.join(courseDir, id)) return false;
  if (stamp === undefined) {
    try {
      stamp = JSON.parse(readFileSync(checkedPath, "utf8")) as CheckedStamp;
      if (stamp.schemas !== schemaHash()) stamp = null;
    } catch {
      stamp = null;
    }
  }
  const recorded = stamp?.exercises[id];
  if (!recorded) return false;
  try {
    return recorded === (await hashFolder(dir));
  } catch {
    return false;
  }
}
