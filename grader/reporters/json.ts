import type { Reporter } from "./types.js";

export const jsonReporter: Reporter = {
  description: "one JSON object per exercise (schemas/result.schema.json; Gradescope-compatible names); several as an array",
  render: (results) => JSON.stringify(results.length === 1 ? results[0] : results, null, 2) + "\n",
};
