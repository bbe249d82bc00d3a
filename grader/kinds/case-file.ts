// Reads and validates an exercise's case file against its kind's schema (once per run).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { GraderError } from "../core/errors.js";
import { describeErrors, validatorFor } from "../core/schemas.js";
import type { LoadedExercise } from "./types.js";

const cache = new Map<string, unknown[]>();

export async function loadCaseFile<T extends { id: string; checks: string[] }>(exercise: LoadedExercise, schemaId: string): Promise<T[]> {
  const file = path.join(exercise.dir, exercise.data.cases ?? "cases.json");
  const cached = cache.get(file);
  if (cached) return cached as T[];
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new GraderError("EXERCISE_INVALID", `${exercise.data.id}: cannot read ${file}: ${(e as Error).message}`);
  }
  const validate = validatorFor(schemaId);
  if (!validate(data)) throw new GraderError("EXERCISE_INVALID", `${exercise.data.id}: ${file} is not valid: ${describeErrors(validate.errors)}`);
  const cases = (data as { cases: T[] }).cases;
  cache.set(file, cases);
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
  if (problems.length) throw new GraderError("EXERCISE_INVALID", `${exercise.data.id} is not valid: ${problems.join("; ")}`);
}
