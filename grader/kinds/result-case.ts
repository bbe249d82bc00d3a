// A case's entry in the result, as every kind builds it: the case's own `why` and `hint` in the run's language.
import type { Case as ResultCase, Status } from "../generated/result.js";
import { pick, type Bilingual, type Lang } from "../core/i18n.js";

export function resultCase(c: { id: string; why?: Bilingual; hint?: Bilingual }, status: Status, given: string, message: string, lang: Lang, extra: Partial<ResultCase> = {}): ResultCase {
  const rc: ResultCase = { id: c.id, status, given, message, ...extra };
  if (c.why) rc.why = pick(lang, c.why);
  if (c.hint) rc.hint = pick(lang, c.hint);
  return rc;
}
