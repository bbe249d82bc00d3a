/* Generated from the JSON Schema by scripts/schema-types.mjs (npm run schemas:types). Do not edit. */

/**
 * Checks this one depends on: its score is scaled by how much of them passes (so a function that rejects everything earns nothing for its rejections).
 */
export type Requires = string[];
/**
 * For answers that are objects: the keys compared with the expected answer. Absent: the whole value is compared.
 */
export type Compare = string[];

/**
 * <private dir>/<id>/exercise.json (grade --private DIR): a teacher's checks and cases added to exercises/<id>/ without changing it. A check with an existing id overrides the fields it gives; a new id is appended (and then needs every field a check needs). The cases are appended to the exercise's own.
 */
export interface PrivateExercise {
  $schema?: string;
  /**
   * The exercise's id: the same as its folder, in exercises/ and here.
   */
  id: string;
  checks?: Check[];
  /**
   * Case file in this folder, in the exercise kind's case format; its cases are appended to the exercise's. Default: cases.json when there is one.
   */
  cases?: string;
}
/**
 * A check of exercise.schema.json in which only the id is required: the fields given override the exercise's check with that id.
 */
export interface Check {
  id: string;
  title?: Text;
  clause?: Text;
  points?: number;
  scoring?: "proportional" | "all-or-nothing";
  requires?: Requires;
  compare?: Compare;
  hint?: Text;
  /**
   * Gradescope's words. Anything but visible: every output shows only the check's name, pass/fail and points (no cases, clause or hint).
   */
  visibility?: "visible" | "hidden" | "after_due_date" | "after_published";
}
/**
 * The same text in Chinese and English.
 */
export interface Text {
  zh: string;
  en: string;
}
