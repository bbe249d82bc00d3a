// Derives the TypeScript types in grader/generated/ from schemas/*.json, so each shape is written once.
// `npm run schemas:types` rewrites them; `--check` exits 1 when a committed file is stale (used by the tests).
import { compileFromFile } from "json-schema-to-typescript";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const targets = [
  ["schemas/result.schema.json", "grader/generated/result.ts"],
  ["schemas/exercise.schema.json", "grader/generated/exercise.ts"],
  ["schemas/function-cases.schema.json", "grader/generated/function-cases.ts"],
  ["schemas/udp-server-cases.schema.json", "grader/generated/udp-server-cases.ts"],
  ["schemas/udp-client-cases.schema.json", "grader/generated/udp-client-cases.ts"],
  ["schemas/private-exercise.schema.json", "grader/generated/private-exercise.ts"],
  ["schemas/tcp-server-cases.schema.json", "grader/generated/tcp-server-cases.ts"],
];
const check = process.argv.includes("--check");
const banner = "/* Generated from the JSON Schema by scripts/schema-types.mjs (npm run schemas:types). Do not edit. */";
let stale = 0;
for (const [schema, out] of targets) {
  const ts = await compileFromFile(path.join(root, schema), {
    bannerComment: banner,
    cwd: path.join(root, "schemas"),
    additionalProperties: false,
    style: { singleQuote: false },
  });
  const file = path.join(root, out);
  if (check) {
    const current = await readFile(file, "utf8").catch(() => "");
    if (current !== ts) { console.error(`stale: ${out} (run npm run schemas:types)`); stale++; }
  } else {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, ts);
    console.log(`wrote ${out}`);
  }
}
process.exit(stale ? 1 : 0);
