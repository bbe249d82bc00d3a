// The percentage shown next to points. Rounded *down* to one decimal, so what is shown never claims more
// than was earned: a 59.96 % never shows as "60 %" next to a --min-score 60% gate it did not reach.
import { t, type Lang } from "../core/i18n.js";

/** score/max in percent, floored to 0.1; undefined when there is nothing to be had (max 0). */
export function percentOf(score: number, max: number): number | undefined {
  if (!(max > 0)) return undefined;
  // The epsilon keeps 96.8/100 at 96.8 (binary floating point makes it 96.79999...).
  return Math.floor((score / max) * 1000 + 1e-6) / 10;
}

/** "72 %" (en) or "72%" (zh); "–" when max is 0. */
export function percentText(score: number, max: number, lang: Lang): string {
  const p = percentOf(score, max);
  if (p === undefined) return "–";
  return t(lang, "percent", { p });
}
