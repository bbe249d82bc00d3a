import type { Reporter } from "./types.js";

export const jsonReporter: Reporter = {
  description: "one JSON object (schemas/result.schema.json; Gradescope-compatible names)",
  render: (result) => JSON.stringify(result, null, 2) + "\n",
};
