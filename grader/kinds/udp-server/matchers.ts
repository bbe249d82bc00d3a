// The udp-server kind's matchers ({"$client": "a"}, {"$count": "a"}, {"$sentText": "/text"},
// {"$nonEmptyString": true}) and their wording: what a reply must hold, in the student's language, and
// which matchers failed where, so a failure that is only about another check's clause says so.
import type { Case, Step } from "../../generated/udp-server-cases.js";
import type { Case as ResultCase } from "../../generated/result.js";
import { pick, t, type Lang } from "../../core/i18n.js";
import type { CheckVerdict, LoadedExercise } from "../types.js";
import { sentStringAt } from "../socket/payload.js";
import { expectedGot, show, type MatcherFn } from "../socket/pattern.js";
import { endpointText } from "../socket/transcript.js";
import type { GraderSockets, SocketState } from "./sockets.js";
import type { UdpServerExercise } from "../../generated/exercise.js";

/** One case's matchers: they remember which of them failed, and where (see failureVerdicts). */
export class CaseMatchers {
  /** The matchers that failed in this case, and where. */
  private readonly misses: { matcher: string; at: string }[] = [];

  constructor(
    private readonly lang: Lang,
    private readonly sockets: GraderSockets,
  ) {}

  /** The matchers for one step's reply (`state`: the socket that sent it). */
  forStep(step: Step, state: SocketState): Record<string, MatcherFn> {
    const all = this.matcherFns(step, state);
    return Object.fromEntries(
      Object.entries(all).map(([name, fn]) => [
        name,
        (arg: unknown, value: unknown, at: string) => {
          const why = fn(arg, value, at);
          if (why) this.misses.push({ matcher: name, at });
          return why;
        },
      ]),
    );
  }

  private matcherFns(step: Step, state: SocketState): Record<string, MatcherFn> {
    const l = this.lang;
    return {
      $client: (arg, value) => {
        const s = this.sockets.get(String(arg));
        const want = s ? endpointText(s.local) : "?";
        if (value === want) return undefined;
        return expectedGot(l, t(l, "wantClient", { want: JSON.stringify(want) }), value);
      },
      $count: (arg, value) => {
        const s = arg === step.from ? state : this.sockets.get(String(arg));
        if (!s) return "unknown socket";
        // The server saw at least every datagram that was answered plus this one, at most every one sent.
        const low = s.replied + 1;
        const high = s.sent;
        if (typeof value === "number" && Number.isInteger(value) && value >= low && value <= high) return undefined;
        const range = low === high ? `${low}` : `${low}-${high}`;
        return expectedGot(l, t(l, "wantCount", { range }), value, true);
      },
      $sentText: (arg, value) => {
        const text = sentStringAt(step.send!, arg);
        if (value === text) return undefined;
        if (typeof value === "string" && text && value.length !== text.length) return t(l, "textLengthDiffers", { got: value.length, sent: text.length });
        return expectedGot(l, t(l, "wantSentText", { text: show(text, l) }), value);
      },
      $nonEmptyString: (_arg, value) => (typeof value === "string" && value.length > 0 ? undefined : expectedGot(l, t(l, "wantNonEmptyString"), value)),
    };
  }

  /** The matchers in words, for "expected". */
  words(step: Step): Record<string, (arg: unknown) => string> {
    return {
      $client: (arg) => `"${t(this.lang, "patternClient", { name: String(arg) })}"`,
      $count: (arg) => t(this.lang, "patternCount", { name: String(arg) }),
      $sentText: (arg) => {
        const text = sentStringAt(step.send!, arg) ?? "";
        return JSON.stringify(text.length > 40 ? text.slice(0, 40) + "…" : text);
      },
      $nonEmptyString: () => `"${t(this.lang, "patternNonEmpty")}"`,
    };
  }

  /**
   * A failed case, for each of its checks (`problems`: how many of its problems came from the replies).
   * When every problem is a matcher that another check is about (a long-datagram case whose tally was
   * wrong), the case says so and names that check: the hint of this check would blame the wrong clause.
   */
  failureVerdicts(exercise: LoadedExercise<UdpServerExercise>, c: Case, detail: ResultCase, problems: number): CheckVerdict[] {
    const checks = exercise.data.checks;
    const owner = (matcher: string) => checks.find((k) => k.about?.includes(matcher));
    return c.checks.map((id): CheckVerdict => {
      const mine = checks.find((k) => k.id === id)?.about ?? [];
      const elsewhere = problems > 0 && problems === this.misses.length ? this.misses.map((m) => owner(m.matcher)) : [];
      const other = elsewhere.length && elsewhere.every((k) => k && k.id === elsewhere[0]!.id) && !this.misses.some((m) => mine.includes(m.matcher)) ? elsewhere[0]! : undefined;
      if (!other) return { checkId: id, status: "failed", detail };
      const where = [...new Set(this.misses.map((m) => m.at))].join(t(this.lang, "itemSeparator"));
      const see = t(this.lang, "failedElsewhere", { where, name: pick(this.lang, other.title) });
      return { checkId: id, status: "failed", detail: { ...detail, message: `${see}\n${detail.message}`, elsewhere: other.id } };
    });
  }
}
