// Part of `npm run build`: compiles every schema of schemas/ into one CommonJS module of standalone
// validators (ajv's standalone code), dist/schemas/validators.cjs, so that the grader does not load ajv's
// compiler and compile the schemas at every start. Uses the grader's own ajv set-up (dist/grader/core/
// schemas.js), and records the hash of the schema files: a run whose schemas differ compiles at run time.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { newAjv, schemaFiles, schemaHash, standalonePath } = await import(path.join(root, "dist/grader/core/schemas.js"));
const { default: standaloneCode } = await import("ajv/dist/standalone/index.js");

const ajv = newAjv({ code: { source: true } });
// Every schema, and every definition in one (validatorFor accepts "file.schema.json#/definitions/x").
const ids = {};
for (const file of schemaFiles()) {
  const schema = JSON.parse(readFileSync(file, "utf8"));
  ids[`v${Object.keys(ids).length}`] = schema.$id;
  for (const name of Object.keys(schema.definitions ?? {})) ids[`v${Object.keys(ids).length}`] = `${schema.$id}#/definitions/${name}`;
}
const byId = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
const code = standaloneCode(ajv, ids) + `\nexports.__ids = ${JSON.stringify(byId)};\nexports.__hash = ${JSON.stringify(schemaHash())};\n`;
mkdirSync(path.dirname(standalonePath), { recursive: true });
writeFileSync(standalonePath, code);
