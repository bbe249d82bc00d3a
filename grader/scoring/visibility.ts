// Hidden checks and cases (a check's `visibility`, a teacher's private folder): redacted here, once, while
// the Result is built, so that every reporter (human, JSON, JUnit, GitHub, the class views, Gradescope)
// only ever gets data that is safe to show a student.
import type { Check } from "../generated/exercise.js";
import type { Case, Test } from "../generated/result.js";
import { t, type Lang } from "../core/i18n.js";
import type { CheckVerdict } from "../core/verdicts.js";

export type Visibility = NonNullable<Check["visibility"]>;

export const visibilityOf = (check: Check | undefined): Visibility => check?.visibility ?? "visible";

/**
 * The cases whose data (given, expected, got, output, transcript, id) must not be shown anywhere, not even
 * in a visible check they also count for (such as a shape check fed by every call): the private folder's
 * cases, and every case of a check that is not visible, known from the case data or from a verdict.
 */
export function secretCases(checks: Check[], cases: { id: string; checks: string[] }[], verdicts: CheckVerdict[], privateIds: string[]): Set<string> {
  const hidden = new Set(checks.filter((c) => visibilityOf(c) !== "visible").map((c) => c.id));
  const secret = new Set(privateIds);
  for (const c of cases) if (c.checks.some((id) => hidden.has(id))) secret.add(c.id);
  for (const v of verdicts) if (hidden.has(v.checkId)) secret.add(v.detail.id);
  return secret;
}

function hiddenCase(status: Case["status"], lang: Lang): Case {
  return { id: "hidden", status, given: t(lang, "hiddenCaseGiven"), message: t(lang, "hiddenCaseMessage") };
}

/** Verdicts with the detail of every secret case replaced by a placeholder: it still counts, but says nothing. */
export function redactVerdicts(verdicts: CheckVerdict[], secret: Set<string>, lang: Lang): CheckVerdict[] {
  if (secret.size === 0) return verdicts;
  return verdicts.map((v) => (secret.has(v.detail.id) ? { ...v, detail: hiddenCase(v.detail.status, lang) } : v));
}

/**
 * Every test gets its check's visibility; a test that is not visible keeps only its name, status and
 * points (and the note on a required check, which names checks only): no output from its cases, no
 * clause or hint (a teacher's words may give the cases away), no case counts.
 */
export function redactTests(tests: Test[], checks: Check[], lang: Lang): Test[] {
  const byId = new Map(checks.map((c) => [c.id, c]));
  return tests.map((test) => {
    const visibility = visibilityOf(byId.get(test.id));
    if (visibility === "visible") return { ...test, visibility };
    const output = [t(lang, "hiddenCheck"), test.note].filter(Boolean).join("\n");
    return {
      id: test.id,
      name: test.name,
      status: test.status,
      score: test.score,
      max_score: test.max_score,
      visibility,
      output,
      clause: "",
      hint: "",
      ...(test.note ? { note: test.note } : {}),
      cases: [],
    };
  });
}
