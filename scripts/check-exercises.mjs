// Part of `npm run build`, after the validators: validates every exercise of the course with the grader's
// own loader and records each one's files by hash in dist/exercises-checked.json, so that a run skips
// validating what the build already did (grader/engine/checked-at-build.ts). An exercise that does not
// validate is left out, with its problem on stderr: the grader reports it again wherever it is used.
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { checkedPath, courseDir } = await import(path.join(root, "dist/grader/engine/checked-at-build.js"));
const { hashFolder } = await import(path.join(root, "dist/grader/submission/hash-folder.js"));
rmSync(checkedPath, { force: true }); // validated anew, never taken from an earlier build's record
const { exerciseIds, loadExercise } = await import(path.join(root, "dist/grader/engine/exercises.js"));
const { schemaHash } = await import(path.join(root, "dist/grader/core/schemas.js"));

const exercises = {};
for (const id of exerciseIds(courseDir)) {
  try {
    await loadExercise(id, courseDir);
    exercises[id] = await hashFolder(path.join(courseDir, id));
  } catch (e) {
    process.stderr.write(`udp-grader: ${id} does not validate, it is checked at every run: ${e.message ?? e}\n`);
  }
}
writeFileSync(checkedPath, JSON.stringify({ schemas: schemaHash(), exercises }, null, 1));
