// The exercises a total is counted over: the whole course (every exercise in exercises/), or the ones named
// by --exercises. An exercise that is not handed in still counts, at 0 points.
import { exerciseIds, loadExercise } from "../engine/exercises.js";
import { GraderError } from "../core/errors.js";
import { onlyChecks } from "../engine/grade.js";
import type { LoadedExercise } from "../kinds/types.js";

/** The course's exercise ids, in the course's order; `list` is --exercises (comma-separated), if given. */
export async function courseExercises(list: string | undefined): Promise<string[]> {
  const all = exerciseIds();
  if (list === undefined) return all;
  const named = list.split(",").map((x) => x.trim()).filter(Boolean);
  if (!named.length) {
    throw new GraderError("BAD_ARGUMENT", "errExercisesList", { list });
  }
  for (const id of named) await loadExercise(id); // an unknown id: the usual error, with "did you mean"
  return all.filter((id) => named.includes(id));
}

export interface Planned {
  id: string;
  /** The exercise as graded (narrowed by --only): its points are what the total counts. */
  exercise: LoadedExercise;
  /** The --only names that apply to this exercise. */
  only?: string[];
}

/** --only over several exercises: each keeps the names it has checks for, and an exercise with none of
 * them is left out (asking for some checks is not asking for a total); a name no exercise has is an error.
 * For one exercise, every name must be one of its checks (the usual error). */
export async function planChecks(ids: string[], only: string[] | undefined, privateDir?: string): Promise<Planned[]> {
  const loaded = await Promise.all(ids.map((id) => loadExercise(id, undefined, privateDir)));
  if (!only?.length || ids.length === 1) return loaded.map((ex, i) => ({ id: ids[i], exercise: onlyChecks(ex, only), only }));
  const matches = (ex: LoadedExercise, name: string) => ex.data.checks.some((c) => c.id === name || c.id.includes(name));
  const unknown = only.find((name) => !loaded.some((ex) => matches(ex, name)));
  if (unknown !== undefined) {
    throw new GraderError("BAD_ARGUMENT", "errOnlyNone", { ids: ids.join(", "), name: unknown });
  }
  return loaded.flatMap((ex, i) => {
    const mine = only.filter((name) => matches(ex, name));
    return mine.length ? [{ id: ids[i], exercise: onlyChecks(ex, mine), only: mine }] : [];
  });
}
