// The reference solution as an oracle for generated cases: solutions/<id>/ imported by the same harness as
// the student's code, through a session of its own (the trusted reference never shares the student's
// sandbox: the student's code must not be able to read it). Answers are cached by input for the whole run,
// so shrinking and a batch's identical inputs ask once.
import path from "node:path";
import { solutionsDir } from "../../core/paths.js";
import type { Case } from "../../generated/function-cases.js";
import { localSession } from "../../sandbox/local-session.js";
import type { SandboxSession } from "../../sandbox/session.js";
import type { LoadedExercise } from "../types.js";
import { HarnessSession, type HarnessReply } from "./harness-session.js";

export type ReferenceAnswer = { expect: Case["expect"] } | { problem: string };

const cache = new Map<string, ReferenceAnswer>();

export class ReferenceOracle {
  private session?: SandboxSession;
  private harness?: HarnessSession;
  private starting?: Promise<string | undefined>;
  /** One call at a time: the harness answers requests in order. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly exercise: LoadedExercise, private readonly student: SandboxSession) {}

  /** What the reference answers for `call(args)`: the expectation a student's answer is judged against. */
  answer(call: string, args: unknown[]): Promise<ReferenceAnswer> {
    const key = `${this.exercise.data.id}\0${call}\0${JSON.stringify(args)}`;
    const hit = cache.get(key);
    if (hit) return Promise.resolve(hit);
    const next = this.queue.then(() => this.ask(call, args));
    this.queue = next.catch(() => undefined);
    return next.then((a) => {
      if ("expect" in a) cache.set(key, a);
      return a;
    });
  }

  private async ask(call: string, args: unknown[]): Promise<ReferenceAnswer> {
    const problem = await (this.starting ??= this.start());
    if (problem) return { problem };
    const limits = this.exercise.data.limits as { caseSeconds: number };
    const ex = await this.harness!.exchange({ op: "call", fn: call, args }, limits.caseSeconds * 1000 * 2);
    if (ex.kind !== "answer") {
      this.starting = undefined; // a fresh harness for the next input
      return { problem: `the reference solution ${ex.kind === "timeout" ? "took too long" : "ended"} on ${call}(${JSON.stringify(args)})` };
    }
    return { expect: expectationOf(ex.reply) };
  }

  private async start(): Promise<string | undefined> {
    await this.harness?.stop();
    const dir = path.join(solutionsDir, this.exercise.data.id);
    this.session ??= localSession(this.student.python, dir, this.student.limits);
    this.harness = HarnessSession.start(this.session);
    const limits = this.exercise.data.limits as { importSeconds: number };
    const init = await this.harness.exchange(
      { op: "init", dir: this.session.workDir, module: this.exercise.data.entry.replace(/\.py$/, ""), functions: Object.keys(this.exercise.data.functions ?? {}) },
      limits.importSeconds * 1000 * 2,
    );
    if (init.kind !== "answer" || !init.reply.ok) return `the reference solution ${dir} could not be imported`;
    return undefined;
  }

  async dispose(): Promise<void> {
    await this.harness?.stop();
    await this.session?.dispose();
  }
}

/** The reference's answer as a case expectation: what it returned, or the exception it raised. */
function expectationOf(reply: HarnessReply): Case["expect"] {
  if (!reply.ok) return { raises: reply.raised!.type };
  return { returns: reply.value } as Case["expect"];
}
