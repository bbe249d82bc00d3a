// The shape check shared by the socket kinds: is a datagram from the student's program a UTF-8 JSON value
// that matches the exercise's message schema? Returns the problems in plain words ([] when it does).
import type { ValidateFunction } from "ajv";
import { t, type Lang } from "../../core/i18n.js";
import { plainErrors } from "../../answers/plain-errors.js";
import type { parseJsonDatagram } from "./payload.js";

export function messageShapeProblems(parsed: ReturnType<typeof parseJsonDatagram>, validate: ValidateFunction, notJson: "replyNotJson" | "requestNotJson", lang: Lang): string[] {
  if (!parsed.ok) return [t(lang, notJson, { why: parsed.why })];
  return validate(parsed.value) ? [] : [t(lang, "messageShape", { details: plainErrors(validate.errors, parsed.value, "the datagram", lang).join(t(lang, "listSeparator")) })];
}
