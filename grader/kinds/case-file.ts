// Reads and validates an exercise's case file against its kind's schema (once per run), with the cases of
// a teacher's private folder (--private) appended.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { GraderError } from "../core/errors.js";
import { describeErrors, validatorFor } from "../core/schemas.js";
import type { LoadedExercise } from "./types.js";

const cache = new Map<string, unknown[]>();

const cacheKey = (exercise: LoadedExercise) => `${path.join(exercise.dir, exercise.data.cases ?? "cases.json")}\0${exercise.private?.casesFile ?? ""}`;

/** The cases an exercise's driver loaded (when it validated the exercise), to know which are hidden. */
export function loadedCases(exercise: LoadedExercise): { id: string; checks: string[] }[] {
  return (cache.get(cacheKey(exercise)) ?? []) as { id: string; checks: string[] }[];
}

export async function loadCaseFile<T extends { id: string; checks: string[] }>(exercise: LoadedExercise, schemaId: string): Promise<T[]> {
  const file = path.join(exercise.dir, exercise.data.cases ?? "cases.json");
  const key = cacheKey(exercise);
  const cached = cache.get(key);
  if (cached) return cached as T[];
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new GraderError("EXERCISE_INVALID", "errExerciseFile", { file: `${exercise.data.id}: ${file}`, problem: (e as Error).message });
  }
  // Loading the validator and checking ~150 cases is ~8 ms of a grading's start, for a file the build checked.
  const validate = exercise.checkedAtBuild ? undefined : validatorFor(schemaId);
  if (validate && !validate(data)) throw new GraderError("EXERCISE_INVALID", "errExerciseFile", { file: `${exercise.data.id}: ${file}`, problem: describeErrors(validate.errors) });
  const own = (data as { cases: T[] }).cases;
  const cases = exercise.private?.casesFile ? [...own, ...privateCases<T>(exercise, own, schemaId)] : own;
  cache.set(key, cases);
  return cases;
}

/** The private folder's cases, checked here so that every problem names the private file. */
function privateCases<T extends { id: string; checks: string[] }>(exercise: LoadedExercise, own: T[], schemaId: string): T[] {
  const file = exercise.private!.casesFile!;
  const validate = validatorFor(schemaId);
  if (!validate(exercise.private!.casesData)) throw new GraderError("EXERCISE_INVALID", "errExerciseFile", { file: `${exercise.data.id}: ${file}`, problem: describeErrors(validate.errors) });
  const cases = (exercise.private!.casesData as { cases: T[] }).cases;
  const ids = new Set(own.map((c) => c.id));
  const checkIds = new Set(exercise.data.checks.map((c) => c.id));
  const problems: string[] = [];
  for (const c of cases) {
    if (ids.has(c.id)) problems.push(`case ${c.id} appears twice (in the exercise's cases or in this file)`);
    ids.add(c.id);
    for (const id of c.checks) if (!checkIds.has(id)) problems.push(`case ${c.id} names unknown check ${id}`);
  }
  if (problems.length) throw new GraderError("EXERCISE_INVALID", "errExerciseFile", { file: `${exercise.data.id}: ${file}`, problem: problems.join("; ") });
  return cases;
}

/** Problems shared by every kind: duplicate case ids, unknown checks, checks without cases. */
export function caseProblems(exercise: LoadedExercise, cases: { id: string; checks: string[] }[], alsoUsed: (string | undefined)[] = []): string[] {
  const problems: string[] = [];
  const checkIds = new Set(exercise.data.checks.map((c) => c.id));
  const seen = new Set<string>();
  const used = new Set(alsoUsed.filter(Boolean));
  for (const c of cases) {
    if (seen.has(c.id)) problems.push(`case ${c.id} appears twice`);
    seen.add(c.id);
    for (const id of c.checks) {
      if (!checkIds.has(id)) problems.push(`case ${c.id} names unknown check ${id}`);
      used.add(id);
    }
  }
  for (const id of checkIds) if (!used.has(id)) problems.push(`check ${id} has no cases`);
  return problems;
}

export function assertValid(exercise: LoadedExercise, problems: string[]): void {
  const withPrivate = exercise.private ? ` (with the private checks and cases of ${exercise.private.file})` : "";
  if (problems.length) throw new GraderError("EXERCISE_INVALID", "errExerciseFile", { file: `${exercise.data.id}${withPrivate}`, problem: problems.join("; ") });
}
