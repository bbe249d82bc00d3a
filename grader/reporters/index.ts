// Name → reporter. The CLI's --format choices come from this map.
import type { Reporter } from "./types.js";
import { humanReporter } from "./human.js";
import { jsonReporter } from "./json.js";
import { junitReporter } from "./junit.js";
import { githubReporter } from "./github.js";

export const reporters = {
  human: humanReporter,
  json: jsonReporter,
  junit: junitReporter,
  github: githubReporter,
} satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof reporters;
export const reporterNames = Object.keys(reporters) as ReporterName[];
