// Drawing generated inputs and shrinking a failing one, through fast-check's public API: `sample` gives the
// inputs of a seed in order, and `check` with `path` replays input i and shrinks it while it still fails.
import * as fc from "fast-check";
import type { Arbitrary } from "fast-check";

/** The first `count` inputs of this seed: the same list for the same seed, on every machine. */
export function drawInputs(arb: Arbitrary<unknown>, seed: number, count: number): unknown[] {
  return count > 0 ? fc.sample(arb, { seed, numRuns: count }) : [];
}

/**
 * Shrinks input `index` of this seed: the smallest input found within `timeMs` for which `fails` still
 * holds. `fails` is called for the input itself first; undefined when it no longer fails (a flaky program).
 */
export async function shrinkFailure(arb: Arbitrary<unknown>, seed: number, index: number, fails: (input: unknown) => Promise<boolean>, timeMs: number): Promise<unknown | undefined> {
  const started = performance.now();
  let running: Promise<unknown> = Promise.resolve();
  const result = await fc.check(
    fc.asyncProperty(arb, (input) => {
      // Past the time, every further candidate "passes": fast-check then keeps the smallest failure so far.
      if (performance.now() - started > timeMs) return Promise.resolve(true);
      const run = fails(input).then((failed) => !failed);
      running = run.catch(() => undefined);
      return run;
    }),
    // interruptAfterTimeLimit ends the walk itself: without it, fast-check would still go through every
    // candidate left (each "passing" at once), which for a long string or list takes minutes.
    { seed, path: String(index), numRuns: 1, endOnFailure: false, interruptAfterTimeLimit: timeMs },
  );
  // At the limit fast-check stops waiting for the try under way, but the try goes on (a program still
  // runs, a socket is still open): it ends before anything else happens.
  await running;
  return result.failed && result.counterexample ? result.counterexample[0] : undefined;
}
