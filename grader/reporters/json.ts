import type { Reporter } from "./types.js";
import { jsonSafe } from "./escape.js";

export const jsonReporter: Reporter = {
  description: "one JSON object per exercise (schemas/result.schema.json; Gradescope-compatible names); several as an array",
  // The same JSON value, with bidi and C1 controls written as \u escapes (JSON.stringify leaves them raw).
  render: (results) => jsonSafe(JSON.stringify(results.length === 1 ? results[0] : results, null, 2)) + "\n",
};
