// A teacher's private checks and cases (grade --private DIR): DIR has the layout of exercises/, and
// DIR/<id>/exercise.json adds checks to exercises/<id>/ or overrides fields of its checks, by id. Its
// cases are appended by the case-file loader (grader/kinds/case-file.ts). Nothing here knows an exercise.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Check, Exercise } from "../generated/exercise.js";
import type { Check as PrivateCheck, PrivateExercise } from "../generated/private-exercise.js";
import { GraderError } from "../core/errors.js";
import { describeErrors, validatorFor } from "../core/schemas.js";
import { checkExercise } from "../core/exercise-problems.js";
import type { PrivatePart } from "../kinds/types.js";

export type { PrivatePart };


const invalid = (problem: string) => new GraderError("EXERCISE_INVALID", "errPrivateInvalid", { problem: problem.replace(/^--private: /, "") });

/**
 * Checks the folder given to --private (or GRADER_PRIVATE) before anything is graded: it exists, and
 * every sub-folder in it is a known exercise with an exercise.json (a misspelt folder would otherwise
 * be silently ignored, and the private checks with it).
 */
export function assertPrivateRoot(dir: string, knownIds: string[]): string {
  const root = path.resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new GraderError("BAD_ARGUMENT", "errPrivateNotFolder", { dir });
  }
  const known = new Set(knownIds);
  let parts = 0;
  for (const e of readdirSync(root, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name.startsWith(".")) continue;
    if (!known.has(e.name)) throw invalid(`--private: ${path.join(root, e.name)} is not an exercise (the exercises: ${knownIds.join(", ")})`);
    if (!existsSync(path.join(root, e.name, "exercise.json"))) throw invalid(`--private: ${path.join(root, e.name)} has no exercise.json`);
    parts++;
  }
  // Pointing at one exercise's folder instead of the folder that holds them would add nothing, silently.
  if (parts === 0) throw invalid(`--private: ${root} has no exercise folder: it must hold <exercise>/exercise.json (e.g. ${path.join(root, knownIds[0] ?? "exercise-01", "exercise.json")})`);
  return root;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw invalid(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * The exercise with DIR/<id>/exercise.json merged in, or the exercise as it is when DIR has no folder
 * for it. The merged exercise is validated against exercise.schema.json again (a new check needs every
 * field), and every error names the private file.
 */
export function mergePrivate(exercise: Exercise, privateRoot: string | undefined): { data: Exercise; private?: PrivatePart } {
  if (!privateRoot) return { data: exercise };
  const dir = path.join(privateRoot, exercise.id);
  const file = path.join(dir, "exercise.json");
  if (!existsSync(file)) return { data: exercise };
  const data = readJson(file);
  const validate = validatorFor<PrivateExercise>("private-exercise.schema.json");
  if (!validate(data)) throw invalid(`${file} is not valid: ${describeErrors(validate.errors)}`);
  const extra = data;
  if (extra.id !== exercise.id) throw invalid(`${file}: id is "${extra.id}" but the folder is "${exercise.id}"`);
  // A new check may lack fields here: the merged exercise is validated below.
  const checks: (Check | PrivateCheck)[] = exercise.checks.map((c) => ({ ...c }));
  const seen = new Set<string>();
  for (const p of extra.checks ?? []) {
    if (seen.has(p.id)) throw invalid(`${file}: check ${p.id} appears twice`);
    seen.add(p.id);
    const i = checks.findIndex((c) => c.id === p.id);
    if (i >= 0) checks[i] = { ...checks[i], ...p };
    else checks.push(p);
  }
  const whole = checkExercise({ ...exercise, checks }, [exercise.kind]);
  if ("problem" in whole) {
    const where = whole.problem.replace(/\/checks\/(\d+)/g, (m, i: string) => `check ${checks[Number(i)]?.id ?? m}`);
    throw invalid(`${file}: the exercise with these private checks is not valid: ${where}`);
  }
  const merged = whole.exercise;
  const named = extra.cases ? path.join(dir, extra.cases) : undefined;
  if (named && !existsSync(named)) throw invalid(`${file}: its case file ${named} does not exist`);
  const casesFile = named ?? (existsSync(path.join(dir, "cases.json")) ? path.join(dir, "cases.json") : undefined);
  if (!casesFile) return { data: merged, private: { file, caseIds: [] } };
  const casesData = readJson(casesFile);
  const list = (casesData as { cases?: unknown } | null)?.cases;
  const caseIds = Array.isArray(list) ? list.map((c) => (c as { id?: unknown } | null)?.id).filter((x): x is string => typeof x === "string") : [];
  return { data: merged, private: { file, casesFile, casesData, caseIds } };
}
