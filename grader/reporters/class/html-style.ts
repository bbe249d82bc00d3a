// The look shared by the dashboard and every feedback page (inline: the pages work offline and mailed).
// Colours are dark on light, with a contrast of at least 4.5:1 (axe-core checks it in the tests); a score
// band is never told by colour alone: the number is in the cell and the legend names the bands.
export const STYLE = `
body{font:14px/1.45 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em auto;max-width:72em;padding:0 1em;color:#1d1d1d;background:#fff}
h1{font-size:1.5em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ccc}h3{font-size:1.05em}
table{border-collapse:collapse;margin:.6em 0}th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer;color:inherit;text-align:inherit}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
.b-full{background:#d7f0dc}.b-high{background:#eef7e2}.b-mid{background:#fff4d1}.b-low{background:#fde2de}.b-zero{background:#f3c9c4}
.legend{display:flex;flex-wrap:wrap;gap:.4em 1em;padding:0;list-style:none}.legend li{display:flex;align-items:center;gap:.3em}
.swatch{display:inline-block;width:1.1em;height:1.1em;border:1px solid #888}
.bang{color:#a4000f;font-weight:bold}.err{color:#a4000f}.ok{color:#1b6e2e;font-weight:bold}.no{color:#a4000f;font-weight:bold}
.pts{margin-left:.5em;color:#444}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.charts{display:flex;flex-wrap:wrap;gap:1.2em}figure{margin:0}figcaption{font-size:.9em;color:#333}
svg .bar{fill:#3566a8}svg text{font-size:10px;fill:#1d1d1d}
.spread{vertical-align:middle;border:1px solid #888}.s-full{fill:#2f7d3c}.s-partial{fill:#e0b000}.s-zero{fill:#c2412f}
[hidden]{display:none!important}
.filters{display:flex;flex-wrap:wrap;gap:.5em 1.2em;align-items:end;margin:.5em 0}.filters label{display:flex;flex-direction:column;font-size:.9em}
input,select{font:inherit;padding:.15em .3em}
pre{background:#f4f4f4;padding:.5em;overflow:auto;white-space:pre-wrap;word-break:break-word}
details{margin:.25em 0}summary{cursor:pointer}ul.checks{list-style:none;padding-left:0}ul.checks li{margin:.2em 0}
section.fb{display:none;border:2px solid #3566a8;padding:.5em 1em;margin:1em 0}section.fb:target{display:block}
.side{display:grid;grid-template-columns:1fr 1fr;gap:.6em}.side pre{font-size:12px;max-height:40em}mark{background:#ffe27a;color:#1d1d1d}
@media print{body{margin:0;max-width:none;font-size:11px}.filters,.noprint,th button::after{display:none}
 section.fb{display:none}section.fb:target{display:block}a{color:inherit;text-decoration:none}
 h2{break-after:avoid}table,figure{break-inside:avoid}.b-full,.b-high,.b-mid,.b-low,.b-zero,svg rect{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
`.trim();

/** The score band of a percentage (a CSS class; the legend explains it). */
export function band(score: number, max: number): string {
  if (max <= 0) return "";
  const p = (score / max) * 100;
  return score >= max ? "b-full" : p >= 80 ? "b-high" : p >= 50 ? "b-mid" : score > 0 ? "b-low" : "b-zero";
}
