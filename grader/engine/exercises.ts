// Finds and validates the exercises in exercises/. Each one is a folder with exercise.json; nothing here
// knows any exercise by name.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Exercise } from "../generated/exercise.js";
import type { LoadedExercise } from "../kinds/types.js";
import { kindNames, validateKind } from "../kinds/index.js";
import { checkExercise } from "../core/exercise-problems.js";
import { editDistance } from "../core/edit-distance.js";
import { GraderError } from "../core/errors.js";
import { exercisesDir } from "../core/paths.js";
import { mergePrivate } from "./private-exercise.js";
import { checkedAtBuild } from "./checked-at-build.js";

export function exerciseIds(root = exercisesDir): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(root, e.name, "exercise.json")))
    .map((e) => e.name)
    .sort();
}

/** The closest known id, for "did you mean exercise-03?" (edit distance, or a bare number like "3"). */
export function suggestExercise(name: string, ids = exerciseIds()): string | undefined {
  const digits = name.match(/^\D*0*(\d+)$/)?.[1];
  if (digits) {
    // A number names one exercise or none: "exercise-5" is not a typo of exercise-01.
    return ids.find((id) => id.match(/(\d+)$/)?.[1]?.replace(/^0+/, "") === digits);
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const id of ids) {
    const d = editDistance(name.toLowerCase(), id);
    if (d < bestDistance) [best, bestDistance] = [id, d];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}


const loaded = new Map<string, Promise<LoadedExercise>>();

/**
 * An exercise, read and validated once per run (a batch asks for it once per submission); with a
 * teacher's private folder (--private), its private checks and cases merged in.
 */
export function loadExercise(id: string, root = exercisesDir, privateRoot?: string): Promise<LoadedExercise> {
  const key = `${path.join(root, id)}\0${privateRoot ? path.resolve(privateRoot) : ""}`;
  let p = loaded.get(key);
  if (!p) {
    p = readExercise(id, root, privateRoot);
    loaded.set(key, p);
    p.catch(() => loaded.delete(key)); // a failure is reported each time, not cached
  }
  return p;
}

async function readExercise(id: string, root: string, privateRoot: string | undefined): Promise<LoadedExercise> {
  const dir = path.join(root, id);
  const file = path.join(dir, "exercise.json");
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id) || !existsSync(file)) {
    const hint = suggestExercise(id);
    throw new GraderError("EXERCISE_NOT_FOUND", hint ? "errUnknownExercise" : "errUnknownExerciseList", { id, hint: hint ?? "", ids: exerciseIds(root).join(", ") });
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new GraderError("EXERCISE_INVALID", "errExerciseFile", { file, problem: (e as Error).message });
  }
  // Private checks merged in make an exercise the build never saw.
  const trusted = !privateRoot && (await checkedAtBuild(id, dir));
  const checked = trusted ? { exercise: data as Exercise } : checkExercise(data, kindNames);
  if ("problem" in checked) throw new GraderError("EXERCISE_INVALID", "errExerciseFile", { file, problem: checked.problem });
  const own = checked.exercise;
  if (own.id !== id) throw new GraderError("EXERCISE_INVALID", "errExerciseFile", { file, problem: `id is "${own.id}" but the folder is "${id}"` });
  const ids = own.checks.map((c) => c.id);
  const dup = ids.find((x, i) => ids.indexOf(x) !== i);
  if (dup) throw new GraderError("EXERCISE_INVALID", "errExerciseFile", { file, problem: `check ${dup} appears twice` });
  const merged = mergePrivate(own, privateRoot && path.resolve(privateRoot));
  const exercise = merged.data;
  const loaded: LoadedExercise = { dir, data: exercise, ...(merged.private ? { private: merged.private } : {}), ...(trusted ? { checkedAtBuild: true as const } : {}) };
  if (!trusted) await validateKind(loaded);
  return loaded;
}

export function maxScore(exercise: Exercise): number {
  return exercise.checks.reduce((sum, c) => sum + c.points, 0);
}
