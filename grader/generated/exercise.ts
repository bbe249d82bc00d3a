/* Generated from the JSON Schema by scripts/schema-types.mjs (npm run schemas:types). Do not edit. */

/**
 * exercises/<id>/exercise.json: everything the grader needs to know about one exercise. The grader core never names an exercise; it reads this file.
 */
export interface Exercise {
  $schema?: string;
  /**
   * Folder name, e.g. exercise-01.
   */
  id: string;
  /**
   * Position in `grade list`.
   */
  order: number;
  title: Text;
  /**
   * Which kind driver grades it.
   */
  kind: "function-call";
  /**
   * The student's file, e.g. ip_classify.py.
   */
  entry: string;
  limits: {
    /**
     * Wall-clock limit for one call.
     */
    caseSeconds: number;
    /**
     * Wall-clock limit for importing the module.
     */
    importSeconds: number;
    /**
     * Budget for the whole exercise; cases not started by then are errors.
     */
    totalSeconds: number;
  };
  /**
   * function-call kind: the functions the module must define, by name.
   */
  functions?: {
    [k: string]: {
      /**
       * File name in schemas/answers/ that every return value must match.
       */
      answerSchema: string;
      /**
       * Id of the check that receives one verdict per call: does the answer match the schema?
       */
      shapeCheck?: string;
    };
  };
  /**
   * Case file, relative to the exercise folder.
   */
  cases?: string;
  /**
   * @minItems 1
   */
  checks: [Check, ...Check[]];
}
/**
 * The same text in Chinese and English.
 */
export interface Text {
  zh: string;
  en: string;
}
export interface Check {
  id: string;
  title: Text;
  clause: Text1;
  points: number;
  scoring?: "proportional" | "all-or-nothing";
  /**
   * Checks this one depends on: its score is scaled by how much of them passes (so a function that rejects everything earns nothing for its rejections).
   */
  requires?: string[];
  /**
   * For answers that are objects: the keys compared with the expected answer. Absent: the whole value is compared.
   */
  compare?: string[];
  hint: Text;
}
/**
 * The same text in Chinese and English.
 */
export interface Text1 {
  zh: string;
  en: string;
}
