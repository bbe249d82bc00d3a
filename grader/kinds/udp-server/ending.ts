// Which case a server's end is charged to: decided here, in one place, before the case's verdicts are
// recorded (a recorded verdict is never changed afterwards).
// - Ended between cases, after answering the last one (the ping after each case shows where serving
//   stopped): charged to no case. That case keeps its verdict (its replies were judged); the end is judged
//   by the cases that need the server to go on serving (a later step gets no reply and says the server is
//   gone, an `alive` step fails). The next case gets a new server.
// - Ended during a case, after answering before: the case's own steps say so (see steps.ts).
// - A fresh server ended before its first answer, on this case's datagram: a new copy is polled with the
//   grader's ping. Ready: the datagram ended it, this case fails. Not ready: it cannot be graded at all,
//   this case is an error and so is every later one.
// - A fresh server never answered this case's datagram: a ping says whether it is up at all (if not, an
//   error for this and every later case).
// - Past the case's datagram budget (a flood): stopped, and this case fails.
import { t, type Lang } from "../../core/i18n.js";
import type { ServerLife } from "./server-life.js";
import type { Limits } from "./server-life.js";

/** What a case is charged with for the server's end. */
export type Charge =
  /**
   * The case fails with its own failure detail (`first`: a problem said before the steps' own), or, when
   * `ran` is false (its steps never ran), with `first` alone.
   */
  | { status: "failed"; first?: string; ran?: false; stop?: string }
  /** The case cannot be judged: an error with this message. */
  | { status: "error"; message: string; stop?: string };
// `stop`: the server cannot be graded any further, and why (every later case of the launch is an error).

export class Ending {
  constructor(
    private readonly life: ServerLife,
    private readonly limits: Limits,
    private readonly lang: Lang,
    /** Past the case's datagram budget: stops the server and says why (undefined: within it). */
    private readonly floodStop: () => Promise<string | undefined>,
  ) {}

  /**
   * Before a case: a server for it. One that ended between cases (or serves one datagram per run, and has)
   * is replaced, its end charged to no case. An error message when it may not be started again.
   */
  async beforeCase(): Promise<string | undefined> {
    const life = this.life;
    if (life.server && (life.exited || (life.servesOnce() && life.answeredAny))) {
      const how = life.exited ? await life.exitWords() : life.lastEnd;
      if (!life.mayRestart()) return t(this.lang, "serverGaveUp", { how, count: life.silentRestarts });
      life.lastEnd = how;
      await life.launchServer();
    } else if (!life.server) await life.launchServer();
    return undefined;
  }

  /**
   * A fresh server, for a case whose first step cannot tell it is up: the grader's ping. A flood met on the
   * way is this case's failure (its answers to the pings were dropped); the next case starts a new server.
   */
  async readiness(): Promise<{ charge?: Charge; startProblem?: string }> {
    const startProblem = await this.life.pingReady(this.limits.startSeconds);
    const flood = startProblem ? await this.floodStop() : undefined;
    if (flood) return { charge: { status: "failed", first: flood, ran: false } };
    return { startProblem };
  }

  /** After a case's steps: what the server's end (or flood) charges to this case; undefined: judged on its replies. */
  async afterSteps(fresh: "ended" | "silent" | undefined): Promise<Charge | undefined> {
    const life = this.life;
    const flood = await this.floodStop();
    if (flood) return { status: "failed", first: flood };
    if (fresh === "silent") {
      // No answer to this case's datagram since the start: is the server up at all? A short ping says.
      const p = await life.pingReady(this.limits.replySeconds);
      if (p) {
        const why = life.exited ? p : life.neverAnswered(this.limits.startSeconds);
        return { status: "error", message: why, stop: why };
      }
    }
    if (fresh === "ended") {
      // It ended before its first answer: by itself (it cannot be graded), or because of this case's
      // datagram (this case fails). A start polled by the grader's own ping tells which.
      const how = await life.exitWords();
      if (!life.mayRestart()) return { status: "failed", stop: t(this.lang, "serverGaveUp", { how, count: life.silentRestarts }) };
      life.lastEnd = how;
      await life.launchServer();
      const p = await life.pingReady(this.limits.startSeconds);
      if (p) return { status: "error", message: p, stop: p };
      return { status: "failed" };
    }
    return undefined;
  }
}
