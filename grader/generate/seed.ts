// Seeds for generated cases. By default a seed follows from the exercise and the submission's code, so the
// same code always meets the same cases (no flaky verdicts; a batch and a single run agree) and any change
// to the code meets fresh ones. `--seed N` replaces it.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** A non-negative 31-bit integer from some text: what fast-check and a command line both take. */
export function seedOf(...parts: (string | number)[]): number {
  const h = createHash("sha256");
  for (const p of parts) h.update(String(p)).update("\0");
  return h.digest().readUInt32BE(0) >>> 1;
}

/** The Python files of a submission's copy, relative path and content, in a stable order (depth-limited like the copy). */
async function pythonFiles(dir: string, rel = "", depth = 0): Promise<[string, Buffer][]> {
  const entries = await readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => []);
  const out: [string, Buffer][] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = path.posix.join(rel, e.name);
    if (e.isDirectory() && depth < 4) out.push(...(await pythonFiles(dir, p, depth + 1)));
    else if (e.isFile() && e.name.endsWith(".py")) out.push([p, await readFile(path.join(dir, p))]);
  }
  return out;
}

/** The default seed: the exercise and the content of the submission's Python files (as copied for grading). */
export async function contentSeed(exerciseId: string, workDir: string): Promise<number> {
  const h = createHash("sha256").update(exerciseId).update("\0");
  for (const [p, content] of await pythonFiles(workDir)) h.update(p).update("\0").update(content).update("\0");
  return h.digest().readUInt32BE(0) >>> 1;
}

/** Each family of generated cases draws from its own stream, so adding a family changes no other. */
export const familySeed = (seed: number, familyId: string): number => seedOf(seed, familyId);
