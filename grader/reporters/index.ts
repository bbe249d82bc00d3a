// Name → reporter. The CLI's --format choices are their names (names.ts).
import type { Reporter } from "./types.js";
import type { ReporterName } from "./names.js";
import { humanReporter } from "./human.js";
import { jsonReporter } from "./json.js";
import { junitReporter } from "./junit.js";
import { githubReporter } from "./github.js";

export const reporters = {
  human: humanReporter,
  json: jsonReporter,
  junit: junitReporter,
  github: githubReporter,
} satisfies Record<ReporterName, Reporter>;

export { reporterNames, type ReporterName } from "./names.js";
