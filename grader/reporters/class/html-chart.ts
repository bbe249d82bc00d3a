// A score histogram as inline SVG (no script, prints as is): eleven bands of the percentage, the count
// over each bar, and the whole distribution said in words for screen readers.
import { t, type Lang } from "../../core/i18n.js";
import { binLabel, histogram } from "./html-stats.js";
import { escapeHtml } from "./html-text.js";

const BAR = 30;
const GAP = 4;
const HEIGHT = 90;

export function histogramSvg(title: string, percents: number[], caption: string, lang: Lang): string {
  const bins = histogram(percents);
  const top = Math.max(1, ...bins);
  const words = bins.map((n, i) => `${binLabel(i)}: ${n}`).join(", ");
  const width = bins.length * (BAR + GAP) + GAP;
  const bars = bins
    .map((n, i) => {
      const h = Math.round((n / top) * HEIGHT);
      const x = GAP + i * (BAR + GAP);
      const y = 14 + HEIGHT - h;
      return `<rect class="bar" x="${x}" y="${y}" width="${BAR}" height="${h}"/><text x="${x + BAR / 2}" y="${y - 3}" text-anchor="middle">${n}</text><text x="${x + BAR / 2}" y="${HEIGHT + 28}" text-anchor="middle">${binLabel(i)}</text>`;
    })
    .join("");
  const label = escapeHtml(t(lang, "dashHistogram", { title, bands: words }));
  return `<figure><svg role="img" aria-label="${label}" width="${width}" height="${HEIGHT + 34}" viewBox="0 0 ${width} ${HEIGHT + 34}">${bars}</svg><figcaption><strong>${escapeHtml(title)}</strong>: ${escapeHtml(caption)}</figcaption></figure>`;
}

/** One bar split into students with all, some and none of a check's points. */
export function spreadSvg(counts: [number, number, number] | number[], label: string): string {
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  const W = 160;
  let x = 0;
  const rects = counts.map((n, i) => {
    const w = Math.round((n / total) * W * 10) / 10;
    const r = `<rect class="${["s-full", "s-partial", "s-zero"][i]}" x="${x}" y="0" width="${w}" height="12"/>`;
    x += w;
    return r;
  });
  return `<svg class="spread" role="img" aria-label="${escapeHtml(label)}" width="${W}" height="12" viewBox="0 0 ${W} 12">${rects.join("")}</svg>`;
}
