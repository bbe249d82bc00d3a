// What every kind does once a family of generated cases has run: shrink the first failing input of each
// check (while the family's time lasts), and mark every verdict with its family, index, seed and the
// command that replays it. The kinds differ only in how one input is judged again.
import type { Arbitrary } from "fast-check";
import { t, type Lang } from "../core/i18n.js";
import { shrinkFailure } from "../generate/draw.js";
import { replayCommand } from "../generate/replay.js";
import type { CheckVerdict } from "./types.js";

/**
 * Time kept for shrinking one failure at most, within the family's own time. A socket case costs a few
 * round trips or a whole program run, so this bounds the tries; a try that started in time may end after it.
 */
const SHRINK_MS = 2000;

export interface FinishedFamily {
  familyId: string;
  checks: string[];
  arb: Arbitrary<unknown>;
  /** The family's own seed (its stream of inputs) and the inputs it drew from it. */
  familySeed: number;
  inputs: unknown[];
  deadline: number;
  /** The run's seed and where the command that replays it points. */
  seed: number;
  exerciseId: string;
  submission: string;
  lang: Lang;
  /** How a kind's case messages are joined (the shrink note follows them). */
  separator: string;
  /** The id each drawn input's case has in the result. */
  caseId(index: number): string;
  /** Judges one (smaller) input for one check, recording nothing; undefined when it cannot be judged. */
  judge(input: unknown, index: number, checkId: string): Promise<CheckVerdict | undefined>;
}

/** `perInput[i]`: the verdicts of input i. Their `detail` is replaced in place (the verdicts are the run's own). */
export async function finishGeneratedFamily(f: FinishedFamily, perInput: CheckVerdict[][]): Promise<void> {
  const shrunk = new Map<string, CheckVerdict>();
  for (const checkId of f.checks) {
    const i = perInput.findIndex((vs) => vs.some((v) => v.checkId === checkId && v.status === "failed"));
    const budget = Math.min(SHRINK_MS, f.deadline - performance.now());
    if (i < 0 || budget <= 0) continue;
    let last: CheckVerdict | undefined;
    const fails = async (input: unknown): Promise<boolean> => {
      const v = await f.judge(input, i, checkId);
      if (v?.status === "failed") last = v;
      return v?.status === "failed";
    };
    const smallest = await shrinkFailure(f.arb, f.familySeed, i, fails, budget);
    if (smallest !== undefined && last && JSON.stringify(smallest) !== JSON.stringify(f.inputs[i])) shrunk.set(checkId, last);
  }

  const firstFailure = new Set<string>();
  for (const [i, vs] of perInput.entries()) {
    for (const v of vs) {
      let detail = v.detail;
      if (v.status === "failed" && !firstFailure.has(v.checkId)) {
        firstFailure.add(v.checkId);
        const small = shrunk.get(v.checkId);
        if (small) detail = { ...small.detail, message: [small.detail.message, t(f.lang, "generatedShrunk", { original: v.detail.given })].filter(Boolean).join(f.separator) };
      }
      v.detail = {
        ...detail,
        id: f.caseId(i),
        generated: { family: f.familyId, index: i, seed: f.seed, replay: replayCommand(f.exerciseId, f.submission, f.seed, v.checkId) },
      };
    }
  }
}
