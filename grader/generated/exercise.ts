/* Generated from the JSON Schema by scripts/schema-types.mjs (npm run schemas:types). Do not edit. */

/**
 * exercises/<id>/exercise.json: everything the grader needs to know about one exercise. The grader core never names an exercise; it reads this file.
 */
export type Exercise = {
  [k: string]: unknown;
} & {
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
   * Which kind driver grades it: function-call (a harness calls the module's functions), udp-server (the grader is the client of `python3 ENTRY HOST PORT`), udp-client (the grader is the server for `python3 ENTRY HOST PORT TEXT`).
   */
  kind: "function-call" | "udp-server" | "udp-client";
  /**
   * The student's file, e.g. ip_classify.py.
   */
  entry: string;
  limits: {
    /**
     * function-call: wall-clock limit for one call. udp-client: the program is stopped after this long.
     */
    caseSeconds?: number;
    /**
     * function-call: limit for importing the module.
     */
    importSeconds?: number;
    /**
     * udp-server: how long the server may take to bind and answer its first datagram.
     */
    startSeconds?: number;
    /**
     * udp-server: how long to wait for one reply before sending again (or, for an expected silence, how long to listen).
     */
    replySeconds?: number;
    /**
     * udp-server: how many times a datagram whose reply did not come is sent again (loopback can drop under load).
     */
    retries?: number;
    /**
     * udp-client: how many cases run at once.
     */
    concurrency?: number;
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
   * udp-server: the ways the server is started; cases name one. Each is one server process, started as `python3 ENTRY HOST PORT`.
   *
   * @minItems 1
   */
  launches?: [
    {
      id: string;
      /**
       * A loopback address: 127.0.0.1 or ::1.
       */
      host: string;
    },
    ...{
      id: string;
      /**
       * A loopback address: 127.0.0.1 or ::1.
       */
      host: string;
    }[]
  ];
  /**
   * Socket kinds: every datagram the student's program sends (the server's replies, the client's requests) must be UTF-8 JSON valid against this schema.
   */
  messages?: {
    /**
     * File name in schemas/answers/.
     */
    schema: string;
    /**
     * Id of the check that gets one verdict per datagram.
     */
    shapeCheck?: string;
  };
  /**
   * Case file, relative to the exercise folder.
   */
  cases?: string;
  /**
   * Declares that the teacher's run (grade --private DIR) adds this many hidden checks worth these points, so a student's own run can say so.
   */
  privateChecks?: {
    count: number;
    points: number;
  };
  /**
   * @minItems 1
   */
  checks: [Check, ...Check[]];
};

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
  /**
   * Gradescope's words. Anything but visible: every output shows only the check's name, pass/fail and points (no cases, clause or hint).
   */
  visibility?: "visible" | "hidden" | "after_due_date" | "after_published";
}
/**
 * The same text in Chinese and English.
 */
export interface Text1 {
  zh: string;
  en: string;
}
