// The dashboard's similarity section: per exercise, the pairs of submissions above the threshold, each
// opening to the two files side by side with the shared fragments' lines marked.
import { t, type Lang } from "../../core/i18n.js";
import { escapeHtml } from "./html-text.js";

/** Lines are 1-based and inclusive. */
export interface LineRange {
  start: number;
  end: number;
}

export interface SimilaritySide {
  student: string;
  file: string;
  text: string;
  marked: LineRange[];
}

export interface SimilarityPair {
  exercise: string;
  left: SimilaritySide;
  right: SimilaritySide;
  /** 0..1: shared fingerprints over all fingerprints of the two files. */
  similarity: number;
  /** The longest shared fragment, in tokens. */
  longest: number;
  /** Tokens of the two files covered by shared fragments. */
  overlap: number;
}

export interface SimilarityReport {
  threshold: number;
  /** A fragment found in more than this many submissions is common knowledge and ignored. */
  common: number;
  pairs: SimilarityPair[];
}

function codeWithMarks(side: SimilaritySide): string {
  const marked = (n: number) => side.marked.some((r) => n >= r.start && n <= r.end);
  const lines = side.text.split("\n").map((line, i) => (marked(i + 1) ? `<mark>${escapeHtml(line)}</mark>` : escapeHtml(line)));
  return `<div><h4>${escapeHtml(side.student)} · ${escapeHtml(side.file)}</h4><pre tabindex="0">${lines.join("\n")}</pre></div>`; // it scrolls: reachable by keyboard
}

export const percent = (x: number) => Math.round(x * 1000) / 10;

export function similarityHtml(r: SimilarityReport, lang: Lang): string {
  const parts = [`<h2 id="similarity">${escapeHtml(t(lang, "simTitle"))}</h2>`, `<p>${escapeHtml(t(lang, "simIntro", { common: r.common }))}</p>`];
  if (!r.pairs.length) parts.push(`<p>${escapeHtml(t(lang, "simNone", { threshold: percent(r.threshold) }))}</p>`);
  const exercises = [...new Set(r.pairs.map((p) => p.exercise))];
  for (const ex of exercises) {
    const pairs = r.pairs.filter((p) => p.exercise === ex);
    const head = [t(lang, "simPair"), t(lang, "simSimilarity"), t(lang, "simLongest"), t(lang, "simOverlap")].map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("");
    const names = (p: SimilarityPair) => `${escapeHtml(p.left.student)} ↔ ${escapeHtml(p.right.student)}`;
    const rows = pairs.map((p) => `<tr><td>${names(p)}</td><td class="num">${percent(p.similarity)} %</td><td class="num">${p.longest}</td><td class="num">${p.overlap}</td></tr>`);
    // The files side by side below the table, full width, one fold per pair.
    const views = pairs.map((p) => `<details class="pair"><summary>${names(p)} · ${percent(p.similarity)} %</summary><p>${escapeHtml(t(lang, "simMarked"))}</p><div class="side">${codeWithMarks(p.left)}${codeWithMarks(p.right)}</div></details>`);
    parts.push(`<h3>${escapeHtml(ex)}</h3><table><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>${views.join("\n")}`);
  }
  return parts.join("\n");
}
