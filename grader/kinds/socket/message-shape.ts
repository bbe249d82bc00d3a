// The shape check shared by the socket kinds: is a datagram from the student's program a UTF-8 JSON value
// that matches the exercise's message schema? Returns the problems in plain words ([] when it does).
import path from "node:path";
import type { ValidateFunction } from "ajv";
import { hasSchema, validatorFor, validatorForFile } from "../../core/schemas.js";
import type { LoadedExercise, UdpExercise } from "../types.js";
import { t, type Lang } from "../../core/i18n.js";
import { plainErrors } from "../../answers/plain-errors.js";
import type { parseJsonDatagram } from "./payload.js";

export function messageShapeProblems(parsed: ReturnType<typeof parseJsonDatagram>, validate: ValidateFunction, notJson: "replyNotJson" | "requestNotJson", lang: Lang): string[] {
  if (!parsed.ok) return [t(lang, notJson, { why: parsed.why })];
  return validate(parsed.value) ? [] : [t(lang, "messageShape", { details: plainErrors(validate.errors, parsed.value, "the datagram", lang).join(t(lang, "listSeparator")) })];
}

/**
 * The exercise's message schema: `messages.schema` names a file in schemas/answers/ or, for a protocol of
 * the exercise's own, a file in its folder. Undefined when neither exists (the exercise is invalid).
 */
export function messageValidator(exercise: LoadedExercise<UdpExercise>): ValidateFunction | undefined {
  const name = exercise.data.messages.schema;
  if (hasSchema(`answers/${name}`)) return validatorFor(`answers/${name}`);
  return validatorForFile(path.join(exercise.dir, name));
}
