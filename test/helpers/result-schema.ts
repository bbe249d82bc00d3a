import { Ajv } from "ajv";
import { readFileSync } from "node:fs";
import path from "node:path";
import { root } from "./cli.js";

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(readFileSync(path.join(root, "schemas", "result.schema.json"), "utf8")));

/** Errors of `value` against schemas/result.schema.json (empty when valid). */
export function resultSchemaErrors(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
