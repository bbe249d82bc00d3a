// The reference solution as an oracle for generated cases: solutions/<id>/ imported by the same harness as
// the student's code, through a session of its own (the trusted reference never shares the student's
// sandbox: the student's code must not be able to read it). Answers are cached by input for the whole run,
// so shrinking and a batch's identical inputs ask once.
import { mark } from "../../core/trace.js";
import path from "node:path";
import { solutionsDir } from "../../core/paths.js";
import type { Case } from "../../generated/function-cases.js";
import { localSession } from "../../sandbox/local-session.js";
import type { SandboxSession } from "../../sandbox/session.js";
import type { LoadedExercise } from "../types.js";
import type { FunctionCallExercise } from "../../generated/exercise.js";
import { HARNESS_START_SECONDS, HarnessSession, type HarnessReply } from "./harness-session.js";

export type ReferenceAnswer = { expect: Case["expect"] } | { problem: string };

/**
 * Answers kept across the gradings of one run (a batch's identical submissions draw identical inputs),
 * the least recently used dropped past CACHE_ENTRIES: every student's code draws its own inputs, and a
 * class of 100 kept ~64 000 answers (tens of MB) in the batch's process until it ended.
 */
const CACHE_ENTRIES = 8192;
const cache = new Map<string, ReferenceAnswer>();

function cached(key: string): ReferenceAnswer | undefined {
  const a = cache.get(key);
  if (a) {
    cache.delete(key); // now the most recently used
    cache.set(key, a);
  }
  return a;
}

function keep(key: string, a: ReferenceAnswer): void {
  cache.delete(key);
  cache.set(key, a);
  while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
}

export class ReferenceOracle {
  private session?: SandboxSession;
  private harness?: HarnessSession;
  private starting?: Promise<string | undefined>;
  /** One call at a time: the harness answers requests in order. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Set by dispose: no question is asked any more (the grading ended early, e.g. the import failed). */
  private disposed = false;

  constructor(private readonly exercise: LoadedExercise<FunctionCallExercise>, private readonly student: SandboxSession) {}

  private keyOf(call: string, args: unknown[]): string {
    return `${this.exercise.data.id}\0${call}\0${JSON.stringify(args)}`;
  }

  /** What the reference answers for `call(args)`: the expectation a student's answer is judged against. */
  answer(call: string, args: unknown[]): Promise<ReferenceAnswer> {
    return this.answerMany(call, [args]).then((answers) => answers[0]);
  }

  /** The answers for many inputs of one function: those not cached are asked for, several in one request. */
  answerMany(call: string, argsList: unknown[][]): Promise<ReferenceAnswer[]> {
    const known = new Map<string, ReferenceAnswer>();
    for (const args of argsList) {
      const key = this.keyOf(call, args);
      const a = cached(key);
      if (a) known.set(key, a);
    }
    const missing = argsList.filter((args) => !known.has(this.keyOf(call, args)));
    if (missing.length === 0) return Promise.resolve(argsList.map((args) => known.get(this.keyOf(call, args))!));
    const next = this.queue.then(() => (missing.length === 1 ? this.ask(call, missing[0]).then((a) => [a]) : this.askMany(call, missing)));
    this.queue = next.catch(() => undefined);
    return next.then((answers) => {
      for (const [i, a] of answers.entries()) {
        const key = this.keyOf(call, missing[i]);
        known.set(key, a);
        if ("expect" in a) keep(key, a);
      }
      return argsList.map((args) => known.get(this.keyOf(call, args))!);
    });
  }

  private async askMany(call: string, argsList: unknown[][]): Promise<ReferenceAnswer[]> {
    if (this.disposed) return argsList.map(() => ({ problem: "the grading ended" }));
    const problem = await (this.starting ??= this.start());
    if (problem || this.disposed) return argsList.map(() => ({ problem: problem ?? "the grading ended" }));
    const ex = await this.harness!.exchange({ op: "calls", fn: call, argsList }, this.exercise.data.limits.caseSeconds * 1000 * 2);
    const batch = ex.kind === "answer" ? ex.reply.batch : undefined;
    if (batch?.length === argsList.length) return batch.map((r) => ({ expect: expectationOf(r) }));
    // Not whole (a reference that hangs on one input): one by one, so the others still get their answer.
    this.starting = undefined;
    const out: ReferenceAnswer[] = [];
    for (const args of argsList) out.push(await this.ask(call, args));
    return out;
  }

  private async ask(call: string, args: unknown[]): Promise<ReferenceAnswer> {
    if (this.disposed) return { problem: "the grading ended" };
    const problem = await (this.starting ??= this.start());
    if (this.disposed) return { problem: "the grading ended" };
    if (problem) return { problem };
    const ex = await this.harness!.exchange({ op: "call", fn: call, args }, this.exercise.data.limits.caseSeconds * 1000 * 2);
    if (ex.kind !== "answer") {
      this.starting = undefined; // a fresh harness for the next input
      return { problem: `the reference solution ${ex.kind === "timeout" ? "took too long" : "ended"} on ${call}(${JSON.stringify(args)})` };
    }
    return { expect: expectationOf(ex.reply) };
  }

  private async start(): Promise<string | undefined> {
    await this.harness?.stop();
    if (this.disposed) return "the grading ended";
    const dir = path.join(solutionsDir, this.exercise.data.id);
    this.session ??= localSession(this.student.python, dir, this.student.limits);
    this.harness = HarnessSession.start(this.session);
    const init = await this.harness.exchange(
      { op: "init", dir: this.session.workDir, module: this.exercise.data.entry.replace(/\.py$/, ""), functions: Object.keys(this.exercise.data.functions) },
      this.exercise.data.limits.importSeconds * 1000 * 2,
      { startMs: HARNESS_START_SECONDS * 1000 },
    );
    if (init.kind !== "answer" || !init.reply.ok) return `the reference solution ${dir} could not be imported`;
    mark("reference imported");
    return undefined;
  }

  /** Stops the reference for good: questions still queued are answered with a problem, nothing restarts. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.starting?.catch(() => undefined);
    await this.harness?.stop();
    await this.session?.dispose();
  }
}

/** The reference's answer as a case expectation: what it returned, or the exception it raised. */
function expectationOf(reply: HarnessReply): Case["expect"] {
  if (!reply.ok) return { raises: reply.raised!.type };
  return { returns: reply.value } as Case["expect"];
}
