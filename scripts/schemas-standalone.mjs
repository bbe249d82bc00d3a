// Part of `npm run build`: compiles every schema of schemas/ (and every definition in one) into standalone
// validators (ajv's standalone code), one CommonJS module each in dist/schemas/validators/, so that the
// grader neither loads ajv's compiler nor compiles the schemas at every start, and loads only the
// validators a command uses (all of them in one module were 1.1 MB to read and parse at every grading).
// Uses the grader's own ajv set-up (dist/grader/core/schemas.js). index.json maps each $id to its module
// and records the hash of the schema files: a run whose schemas differ compiles at run time.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { newAjv, schemaFiles, schemaHash, standaloneDir } = await import(path.join(root, "dist/grader/core/schemas.js"));
const { default: standaloneCode } = await import("ajv/dist/standalone/index.js");

const ajv = newAjv({ code: { source: true } });
// validatorFor accepts "file.schema.json" and "file.schema.json#/definitions/x".
const ids = [];
for (const file of schemaFiles()) {
  const schema = JSON.parse(readFileSync(file, "utf8"));
  ids.push(schema.$id, ...Object.keys(schema.definitions ?? {}).map((name) => `${schema.$id}#/definitions/${name}`));
}
rmSync(standaloneDir, { recursive: true, force: true });
rmSync(path.join(path.dirname(standaloneDir), "validators.cjs"), { force: true }); // the one-module layout of earlier builds
mkdirSync(standaloneDir, { recursive: true });
const files = {};
ids.forEach((id, i) => {
  files[id] = `v${i}.cjs`;
  writeFileSync(path.join(standaloneDir, files[id]), standaloneCode(ajv, { validate: id }));
});
writeFileSync(path.join(standaloneDir, "index.json"), JSON.stringify({ hash: schemaHash(), files }));
