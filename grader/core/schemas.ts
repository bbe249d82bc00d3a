// Every schema in schemas/ (the single source of validation). The build compiles them all ahead of time
// into standalone validators, one module per schema or definition (ajv's standalone code,
// scripts/schemas-standalone.mjs), so a run neither loads ajv's compiler (~75 ms) nor compiles (~150 ms)
// on every start, and reads only the validators it uses. Their index carries a hash of the schema files
// they were compiled from: when those changed since the build (or there was no build, as in a checkout run
// from source), ajv compiles them at run time, as before.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Ajv, ErrorObject, Options, ValidateFunction } from "ajv";
import { projectRoot, schemasDir } from "./paths.js";

// Synchronous loading of CommonJS (ajv, the compiled validators) when first needed: a start that
// validates nothing (--version, --help) loads neither.
const requireCjs = createRequire(import.meta.url);

/** Where the build writes the standalone validators (index.json names each $id's module). */
export const standaloneDir = path.join(projectRoot, "dist", "schemas", "validators");

// strictRequired off: exercise.schema.json requires `kind` beside its oneOf (ajv's discriminator needs it).
// discriminator: exercise.json is checked against its kind's schema only (schemas/exercise/<kind>.schema.json).
// verbose: plain-errors.ts reads each error's parentSchema (its description, in both languages).
export const ajvOptions: Options = { allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true, discriminator: true };

/** A fresh ajv instance with every schema of schemas/ added (`extra`: e.g. standalone code generation). */
export function newAjv(extra: Options = {}): Ajv {
  const { Ajv: AjvClass } = requireCjs("ajv") as typeof import("ajv");
  const ajv = new AjvClass({ ...ajvOptions, ...extra });
  ajv.addKeyword("tsType"); // read by json-schema-to-typescript only
  ajv.addKeyword("x-description-zh"); // the description in Chinese, for feedback in --lang zh
  for (const file of schemaFiles()) ajv.addSchema(JSON.parse(readFileSync(file, "utf8")));
  return ajv;
}

/** The schema files, in a stable order. */
export function schemaFiles(dir = schemasDir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? schemaFiles(path.join(dir, e.name)) : e.name.endsWith(".json") ? [path.join(dir, e.name)] : []));
}

let hashOfSchemas: string | undefined;
/** What the standalone validators must have been compiled from: every schema file's path and content (read once a run). */
export function schemaHash(): string {
  return (hashOfSchemas ??= hashSchemaFiles());
}

function hashSchemaFiles(): string {
  const h = createHash("sha256");
  for (const file of schemaFiles()) h.update(path.relative(schemasDir, file)).update("\0").update(readFileSync(file)).update("\0");
  return h.digest("hex");
}

interface StandaloneIndex {
  hash: string;
  /** $id (or $id#/definitions/name) → its module's file name in standaloneDir. */
  files: Record<string, string>;
}

let standalone: StandaloneIndex | null | undefined;
function standaloneIndex(): StandaloneIndex | null {
  if (standalone !== undefined) return standalone;
  standalone = null;
  if (process.env.GRADER_SCHEMAS === "runtime") return standalone;
  let index: StandaloneIndex;
  try {
    index = JSON.parse(readFileSync(path.join(standaloneDir, "index.json"), "utf8")) as StandaloneIndex;
  } catch {
    return standalone; // not built: compiled at run time
  }
  if (index.hash === schemaHash()) standalone = index;
  return standalone;
}

let ajv: Ajv | undefined;
const instance = (): Ajv => (ajv ??= newAjv());
const compiled = new Map<string, ValidateFunction>();

/**
 * A validator for a schema by its $id, e.g. "result.schema.json" or "answers/classify_ip.schema.json"; T is
 * the type generated from that schema (grader/generated/), which a valid value then has.
 */
export function validatorFor<T = unknown>(id: string): ValidateFunction<T> {
  let v = compiled.get(id);
  if (!v) {
    const file = standaloneIndex()?.files[id];
    v = file ? (requireCjs(path.join(standaloneDir, file)) as { validate: ValidateFunction }).validate : instance().getSchema(id);
    if (!v) throw new Error(`no schema with $id ${id} in ${schemasDir}`);
    compiled.set(id, v);
  }
  // The one place a schema meets its type: what the schema accepts, the generated type describes.
  return v as ValidateFunction<T>;
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
  return standaloneIndex()?.files[id] !== undefined || instance().getSchema(id) !== undefined;
}

export type { ErrorObject };

/** Developer-facing summary of ajv errors (for the grader's own files; student answers use plain-errors.ts). */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message ?? e.keyword}`).join("; ");
}
