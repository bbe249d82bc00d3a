// JUnit XML for CI test reporters (GitHub, GitLab, Jenkins): one <testsuite> per exercise, one <testcase>
// per check; a failed check carries its failed cases (given / expected / got) in <failure>, a check
// that could not run an <error>. A testcase is named by its check alone (classname: exercise id and
// check id), so CI tools follow it across runs whatever it scored, and its time is the check's own.
// Written with xmlbuilder2, which escapes markup; control characters, which XML 1.0 cannot carry even
// escaped, are made visible first (escape.ts), like everywhere else student text is shown.
import { createRequire } from "node:module";
import type { GradeResult } from "../generated/result.js";
import { caseText } from "../text/case-text.js";
import type { Reporter } from "./types.js";
import { visibleResult } from "./escape.js";

const seconds = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3);

// xmlbuilder2 (~1 MB with its DOM) is loaded when JUnit XML is written, not at the start of every grading.
const xmlbuilder2 = () => createRequire(import.meta.url)("xmlbuilder2") as typeof import("xmlbuilder2");

export const junitReporter: Reporter = {
  description: "JUnit XML: a testsuite per exercise, a testcase per check",
  render(original: GradeResult[]): string {
    const results = original.map(visibleResult);
    const count = (r: GradeResult, s: string) => r.tests.filter((t) => t.status === s).length;
    const root = xmlbuilder2().create({ version: "1.0", encoding: "UTF-8" }).ele("testsuites", {
      name: "udp-grader",
      tests: results.reduce((a, r) => a + r.tests.length, 0),
      failures: results.reduce((a, r) => a + count(r, "failed"), 0),
      errors: results.reduce((a, r) => a + count(r, "error"), 0),
      time: results.reduce((a, r) => a + r.execution_time, 0).toFixed(3),
    });
    for (const r of results) {
      const suite = root.ele("testsuite", {
        name: `${r.exercise}: ${r.exercise_title}`,
        tests: r.tests.length,
        failures: count(r, "failed"),
        errors: count(r, "error"),
        skipped: 0,
        time: r.execution_time.toFixed(3),
      });
      const props = suite.ele("properties");
      props.ele("property", { name: "score", value: r.score });
      props.ele("property", { name: "max_score", value: r.max_score });
      props.ele("property", { name: "submission", value: r.submission });
      props.ele("property", { name: "sandbox", value: r.grader.sandbox });
      for (const t of r.tests) {
        const tc = suite.ele("testcase", { classname: `${r.exercise}.${t.id}`, name: t.name, time: seconds(t.duration_ms) });
        if (t.status === "passed") continue;
        const detail = [t.note, t.clause ? `clause: ${t.clause}` : "", t.hint ? `hint: ${t.hint}` : "", ...t.cases.map((c) => caseText(c, r.lang))].filter(Boolean).join("\n\n");
        const first = t.cases[0];
        const message = first ? `${first.given}${first.expected !== undefined ? ` — expected ${first.expected}` : ""}${first.got !== undefined ? `, got ${first.got}` : ""}` : t.output.split("\n")[0];
        tc.ele(t.status === "error" ? "error" : "failure", { message: [...message].slice(0, 500).join(""), type: t.id }).txt(detail || t.output);
      }
      if (r.output || r.warnings.length) suite.ele("system-out").txt([r.output, ...r.warnings].filter(Boolean).join("\n"));
    }
    return root.end({ prettyPrint: true }) + "\n";
  },
};
