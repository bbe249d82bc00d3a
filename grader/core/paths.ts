// Where the project's own files are, whether we run from grader/ (vitest) or dist/grader/ (CLI).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "schemas"))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error("udp-grader: cannot find the project root (package.json with schemas/ beside it)");
}

export const projectRoot = findRoot();
/** The course's exercises; GRADER_EXERCISES points elsewhere (the tests' fixture exercises, a teacher's own course). */
export const exercisesDir = process.env.GRADER_EXERCISES ? path.resolve(process.env.GRADER_EXERCISES) : path.join(projectRoot, "exercises");
/** The reference solutions: generated cases are judged against them. */
export const solutionsDir = path.join(projectRoot, "solutions");
export const schemasDir = path.join(projectRoot, "schemas");
export const pythonSupportDir = path.join(projectRoot, "grader", "python");

export const graderVersion: string = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")).version;

/**
 * What follows `node` to start one of the grader's own processes (the sandbox host, the probe agent), by its
 * path under dist/grader/ without ".js" (e.g. "sandbox/host"): its one-file bundle when the build made one
 * (it starts ~60 ms sooner), a CommonJS one through run-bundle.js and its code cache (core/code-cache.ts),
 * else the compiled module itself. From the project root rather than the caller's own location, which is
 * the CLI's bundle (dist/cli/) or, under vitest, the TypeScript source.
 */
export function nodeScript(name: string): string[] {
  const file = path.join(projectRoot, "dist", "grader", name);
  if (existsSync(`${file}.bundle.cjs`)) return [path.join(projectRoot, "dist", "grader", "core", "run-bundle.js"), `${file}.bundle.cjs`];
  return [existsSync(`${file}.bundle.js`) ? `${file}.bundle.js` : `${file}.js`];
}
