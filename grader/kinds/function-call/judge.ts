// Decides one case of a function-call exercise from the harness's answer: pure logic, no I/O but the
// bind check it is handed. Produces one verdict per check the case counts for.
import type { Case } from "../../generated/function-cases.js";
import type { Check } from "../../generated/exercise.js";
import type { Case as ResultCase, Location, Status } from "../../generated/result.js";
import { sentences, t, type Lang } from "../../core/i18n.js";
import { jsonEqual, renderPython } from "../../answers/python-values.js";
import { resultCase } from "../result-case.js";
import type { HarnessReply, RaisedInfo } from "./harness-session.js";

export interface Judgement {
  status: Exclude<Status, "error">;
  expected: string;
  got: string;
  messages: string[];
}

/** "ip_classify.py:12" → a location for annotations. */
export function locationOf(r: RaisedInfo | undefined): Location | undefined {
  const m = r?.where ? /^(.*):(\d+)$/.exec(r.where) : null;
  return m ? { file: m[1], line: Number(m[2]) } : undefined;
}

export function describeRaised(r: RaisedInfo): string {
  const where = r.where ? ` (${r.where}${r.line ? `: ${r.line.trim()}` : ""})` : "";
  return `${r.type}: ${r.message}${where}`;
}

function pickKeys(obj: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in obj).map((k) => [k, obj[k]]));
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !("$pyType" in v);

/** Judges `reply` against the case's expectations, as seen by one check (its `compare` keys). */
export function judge(expect: Case["expect"], check: Check, reply: HarnessReply, extra: { bind?: { host: string; port: unknown; error?: string }; leakedSockets?: number }, schemaErrors: (keys: string[] | undefined) => string[], lang: Lang): Judgement {
  const messages: string[] = [];
  if (!reply.ok) {
    const raised = reply.raised!;
    const got = t(lang, "raised", { error: describeRaised(raised) });
    if (expect.raises) {
      const ok = raised.mro.includes(expect.raises);
      return { status: ok ? "passed" : "failed", expected: t(lang, "expectedRaise", { error: expect.raises }), got, messages: ok ? [] : [t(lang, "expectedRaise", { error: expect.raises })] };
    }
    if (raised.mro.includes("EOFError")) messages.push(t(lang, "stdinEof"));
    messages.push(t(lang, "shouldNotRaise"));
    return { status: "failed", expected: expectedText(expect, check, lang), got, messages };
  }

  const value = reply.value;
  let status: Judgement["status"] = "passed";
  let got = reply.repr ?? renderPython(value);
  if (expect.raises) {
    return { status: "failed", expected: t(lang, "expectedRaise", { error: expect.raises }), got, messages: [t(lang, "expectedRaise", { error: expect.raises })] };
  }
  if ("returns" in expect) {
    const exp = expect.returns;
    if (check.compare && isPlainObject(exp)) {
      const keys = check.compare.filter((k) => k in exp);
      if (!isPlainObject(value)) {
        status = "failed";
        messages.push(...schemaErrors(undefined));
      } else {
        const wrong = keys.filter((k) => !(k in value) || !jsonEqual(value[k], exp[k]));
        got = renderPython(pickKeys(value, keys));
        if (wrong.length) {
          status = "failed";
          messages.push(t(lang, "wrongValue", { fields: wrong.map((k) => "`" + k + "`").join(", ") }));
          messages.push(...schemaErrors(wrong));
        }
      }
    } else if (!jsonEqual(value, exp)) {
      status = "failed";
      messages.push(t(lang, "wrongReturn"));
      messages.push(...schemaErrors(undefined));
    }
  }
  if (expect.returnsOneOf && !expect.returnsOneOf.some((e) => jsonEqual(value, e))) {
    status = "failed";
    messages.push(t(lang, "wrongReturn"));
  }
  if (extra.bind?.error) {
    status = "failed";
    messages.push(t(lang, "notBindable", { host: extra.bind.host, port: renderPython(extra.bind.port), error: extra.bind.error }));
  }
  // Counted by the grader in /proc, outside the student's process (see HarnessSession).
  if (expect.closesSockets && extra.leakedSockets) {
    status = "failed";
    messages.push(t(lang, "leakedSockets", { count: extra.leakedSockets }));
  }
  return { status, expected: expectedText(expect, check, lang), got, messages };
}

function expectedText(expect: Case["expect"], check: Check, lang: Lang): string {
  if (expect.raises) return t(lang, "expectRaises", { error: expect.raises });
  if ("returns" in expect) {
    const exp = expect.returns;
    return check.compare && isPlainObject(exp) ? renderPython(pickKeys(exp, check.compare)) : renderPython(exp);
  }
  if (expect.returnsOneOf) return t(lang, "expectOneOf", { list: expect.returnsOneOf.map(renderPython).join(", ") });
  return "";
}

export function toResultCase(c: Case, given: string, j: { status: Status; expected?: string; got?: string; messages: string[] }, reply: Pick<HarnessReply, "stdout" | "stderr" | "seconds"> | undefined, lang: Lang): ResultCase {
  const rc = resultCase(c, j.status, given, sentences(lang, j.messages), lang, { ...(j.expected ? { expected: j.expected } : {}), ...(j.got ? { got: j.got } : {}) });
  if (reply?.stdout) rc.stdout = reply.stdout.slice(-800);
  if (reply?.stderr) rc.stderr = reply.stderr.slice(-800);
  if (reply) rc.duration_ms = Math.round(reply.seconds * 1000 * 100) / 100;
  const where = locationOf((reply as HarnessReply | undefined)?.raised);
  if (where) rc.location = where;
  return rc;
}
