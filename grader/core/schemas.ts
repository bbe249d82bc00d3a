// One ajv instance for every schema in schemas/ (the single source of validation), compiled once per run.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { schemasDir } from "./paths.js";

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv {
  if (ajv) return ajv;
  // strictRequired off: the kind-specific if/then blocks of exercise.schema.json require top-level keys.
  ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addKeyword("tsType"); // read by json-schema-to-typescript only
  ajv.addKeyword("x-description-zh"); // the description in Chinese, for feedback in --lang zh
  const files = listSchemaFiles(schemasDir);
  for (const file of files) ajv.addSchema(JSON.parse(readFileSync(file, "utf8")));
  return ajv;
}

function listSchemaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listSchemaFiles(path.join(dir, e.name)) : e.name.endsWith(".json") ? [path.join(dir, e.name)] : [],
  );
}

/** A validator for a schema by its $id, e.g. "result.schema.json" or "answers/classify_ip.schema.json". */
export function validatorFor(id: string): ValidateFunction {
  let v = compiled.get(id);
  if (!v) {
    v = instance().getSchema(id);
    if (!v) throw new Error(`no schema with $id ${id} in ${schemasDir}`);
    compiled.set(id, v);
  }
  return v;
}

/**
 * A schema kept in an exercise's own folder (its message format): compiled once, under its path as $id, so
 * a new protocol needs no file outside its exercise.
 */
export function validatorForFile(file: string): ValidateFunction | undefined {
  let v = compiled.get(file);
  if (v) return v;
  let schema: Record<string, unknown>;
  try {
    schema = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  v = instance().compile({ ...schema, $id: `file:${file}` });
  compiled.set(file, v);
  return v;
}

export function hasSchema(id: string): boolean {
  return instance().getSchema(id) !== undefined;
}

export type { ErrorObject };

/** Developer-facing summary of ajv errors (for the grader's own files; student answers use plain-errors.ts). */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message ?? e.keyword}`).join("; ");
}
