// Similarity between the submissions of one exercise (grade batch --similarity): winnowing over Python
// tokens with identifiers and literals masked (Dolos' FingerprintIndex and WinnowFilter), so renaming
// variables, changing constants, comments or the order of functions hides nothing. The exercise's starter
// code is ignored (everybody has it), and so is every fragment found in more than `common` submissions
// (the usual way to write a loop is not evidence).
import { File, FingerprintIndex, Region, TokenizedFile } from "@dodona/dolos-core";
import type { PyToken } from "./tokens.js";
import type { LineRange, SimilarityPair } from "../reporters/class/html-similarity.js";

/** k-grams of 15 tokens, one fingerprint kept per window of 10: shorter than Dolos' defaults (23, 17), which
 * are made for its tree-sitter tokens; lexical tokens are fewer, and whole functions moved about must still
 * leave long shared runs (measured: a renamed and reordered copy of the reference 81 %, independently
 * written solutions 0-2 %). */
const KGRAM = 15;
const WINDOW = 10;
const MAX_TEXT = 200_000;

export interface SubmissionFile {
  student: string;
  file: string;
  text: string;
  tokens: PyToken[];
}

/** A fragment found in more than this many submissions is ignored: half the class, at least 3. */
export const commonLimit = (n: number) => Math.max(3, Math.ceil(n / 2));

function tokenized(name: string, text: string, tokens: PyToken[]): TokenizedFile {
  return new TokenizedFile(new File(name, text), tokens.map((x) => x[0]), tokens.map((x) => new Region(x[1], x[2], x[3], x[4])));
}

/** Merged, 1-based line ranges of the regions. */
function lineRanges(regions: Region[]): LineRange[] {
  const sorted = regions.map((r) => ({ start: r.startRow + 1, end: r.endRow + 1 })).sort((a, b) => a.start - b.start);
  const out: LineRange[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r.start <= last.end + 1) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** Every pair with something in common, most similar first. */
export function comparePairs(exercise: string, files: SubmissionFile[], starter: { text: string; tokens: PyToken[] } | undefined): SimilarityPair[] {
  const index = new FingerprintIndex(KGRAM, WINDOW, false, commonLimit(files.length));
  const byFile = new Map<TokenizedFile, SubmissionFile>();
  const tokenizedFiles = files.map((f) => {
    const t = tokenized(f.student, f.text, f.tokens);
    byFile.set(t, f);
    return t;
  });
  index.addFiles(tokenizedFiles);
  // After the students' files: the index marks a fingerprint ignored only for the files it already holds.
  if (starter && starter.tokens.length) index.addIgnoredFile(tokenized("starter", starter.text, starter.tokens));
  const pairs: SimilarityPair[] = [];
  for (const p of index.allPairs()) {
    if (!(p.similarity > 0)) continue;
    const left = byFile.get(p.leftFile)!;
    const right = byFile.get(p.rightFile)!;
    const fragments = p.buildFragments();
    const side = (f: SubmissionFile, regions: Region[]) => ({ student: f.student, file: f.file, text: f.text.slice(0, MAX_TEXT), marked: lineRanges(regions) });
    const l = side(left, fragments.map((x) => x.leftSelection));
    const r = side(right, fragments.map((x) => x.rightSelection));
    const swap = left.student.localeCompare(right.student, "en") > 0; // a stable order: by name
    // The longest fragment in tokens: its k-grams overlap, each one k tokens long.
    const longest = Math.max(0, ...fragments.map((x) => x.leftkgrams.length + KGRAM - 1));
    // Overlap: the tokens of both files inside shared fragments.
    const covered = (ranges: { from: number; to: number }[]) => {
      const sorted = [...ranges].sort((a, b) => a.from - b.from);
      let total = 0;
      let end = -1;
      for (const x of sorted) {
        const from = Math.max(x.from, end);
        const to = x.to + KGRAM - 1;
        if (to > from) total += to - from;
        end = Math.max(end, to);
      }
      return total;
    };
    const overlap = covered(fragments.map((x) => x.leftkgrams)) + covered(fragments.map((x) => x.rightkgrams));
    pairs.push({ exercise, left: swap ? r : l, right: swap ? l : r, similarity: Math.round(p.similarity * 1000) / 1000, longest, overlap });
  }
  return pairs.sort((x, y) => y.similarity - x.similarity || x.left.student.localeCompare(y.left.student, "en") || x.right.student.localeCompare(y.right.student, "en"));
}
