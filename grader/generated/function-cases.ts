/* Generated from the JSON Schema by scripts/schema-types.mjs (npm run schemas:types). Do not edit. */

/**
 * A JSON value passed to / expected from Python. {"$py": "80.0"} is a Python literal (ast.literal_eval) for values JSON cannot express; {"$port": "a"} is a port number from the case's setup.
 */
export type Value = unknown;

/**
 * exercises/<id>/cases.json for the function-call kind: each case is one call of a student function.
 */
export interface FunctionCallCases {
  $schema?: string;
  /**
   * @minItems 1
   */
  cases: [Case, ...Case[]];
}
export interface Case {
  id: string;
  /**
   * Ids of the checks this case counts for.
   *
   * @minItems 1
   */
  checks: [string, ...string[]];
  /**
   * Function name.
   */
  call: string;
  args: Value[];
  why?: Text;
  hint?: Text1;
  /**
   * Only run on these platforms (others: skipped, no points lost).
   */
  platforms?: ("linux" | "darwin" | "win32")[];
  setup?: {
    /**
     * A run of consecutive free ports, in this order; the grader holds the taken ones during the call.
     *
     * @minItems 1
     */
    ports?: [
      {
        name: string;
        /**
         * free, or taken by a UDP or TCP socket of the grader's.
         */
        state: "free" | "udp" | "tcp";
        /**
         * Address the taking socket binds (default 127.0.0.1).
         */
        host?: string;
      },
      ...{
        name: string;
        /**
         * free, or taken by a UDP or TCP socket of the grader's.
         */
        state: "free" | "udp" | "tcp";
        /**
         * Address the taking socket binds (default 127.0.0.1).
         */
        host?: string;
      }[]
    ];
  };
  expect: {
    /**
     * A JSON value passed to / expected from Python. {"$py": "80.0"} is a Python literal (ast.literal_eval) for values JSON cannot express; {"$port": "a"} is a port number from the case's setup.
     */
    returns?: unknown;
    /**
     * @minItems 1
     */
    returnsOneOf?: [Value, ...Value[]];
    /**
     * Name of the exception class (a subclass counts).
     */
    raises?: string;
    /**
     * The returned port must be bindable for UDP on this host right after the call.
     */
    udpBindable?: string;
    /**
     * No socket opened during the call may still be open after it.
     */
    closesSockets?: boolean;
  };
}
/**
 * Shown with a failure: what this case is about.
 */
export interface Text {
  zh: string;
  en: string;
}
/**
 * Overrides the check's hint for this case.
 */
export interface Text1 {
  zh: string;
  en: string;
}
