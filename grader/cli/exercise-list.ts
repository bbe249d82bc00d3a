// The exercises a total is counted over: the whole course (every exercise in exercises/), or the ones named
// by --exercises. An exercise that is not handed in still counts, at 0 points.
import { exerciseIds, loadExercise } from "../core/exercises.js";
import { GraderError } from "../core/errors.js";

/** The course's exercise ids, in the course's order; `list` is --exercises (comma-separated), if given. */
export async function courseExercises(list: string | undefined): Promise<string[]> {
  const all = exerciseIds();
  if (list === undefined) return all;
  const named = list.split(",").map((x) => x.trim()).filter(Boolean);
  if (!named.length) {
    throw new GraderError("BAD_ARGUMENT", `Expected --exercises to name exercises (e.g. exercise-01,exercise-03), got \`${list}\``, {
      zh: `--exercises 应列出练习（如 exercise-01,exercise-03），实际为 \`${list}\``,
    });
  }
  for (const id of named) await loadExercise(id); // an unknown id: the usual error, with "did you mean"
  return all.filter((id) => named.includes(id));
}
