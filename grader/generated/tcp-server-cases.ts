/* Generated from the JSON Schema by scripts/schema-types.mjs (npm run schemas:types). Do not edit. */

/**
 * Bytes to send: UTF-8 text, raw hex, or a sized payload.
 */
export type Payload =
  | string
  | {
      hex: string;
    }
  | {
      sized: Sized;
    };
/**
 * One expected line, without its newline (a \r before it is allowed): the exact text, a regular expression the whole line must match, or a sized text.
 */
export type Line =
  | string
  | {
      re: string;
      describe?: Text;
    }
  | {
      sized: Sized;
    };

/**
 * exercises/<id>/cases.json for the tcp-server kind: the grader is the client. Each case is a list of steps on named grader connections to one launch of the student's server; a case's connections are closed when it ends.
 */
export interface TCPServerCases {
  $schema?: string;
  /**
   * @minItems 1
   */
  cases: [Case, ...Case[]];
}
export interface Case {
  id: string;
  /**
   * @minItems 1
   */
  checks: [string, ...string[]];
  launch: string;
  why?: Text;
  hint?: Text;
  /**
   * @minItems 1
   * @maxItems 200
   */
  steps: [Step, ...Step[]];
}
/**
 * The same text in Chinese and English.
 */
export interface Text {
  zh: string;
  en: string;
}
/**
 * One action. `connect` (optionally to another host, expecting a refusal), `send` (optionally in `chunks` of those sizes, the last one repeating, `delayMs` apart), `shutdown` (write side: the server reads end-of-file), `close` (or "reset": an RST, as a crashed client), `expect`; `waitMs` pauses; `alive` checks the server is still running.
 */
export interface Step {
  conn?: string;
  connect?: {
    /**
     * Connect here instead of the launch's host (same port).
     */
    host?: string;
    /**
     * The connection must be refused.
     */
    refused?: boolean;
  };
  send?: Payload;
  /**
   * @minItems 1
   * @maxItems 64
   */
  chunks?: [number, ...number[]];
  delayMs?: number;
  shutdown?: true;
  close?: true | "reset";
  expect?: Expect;
  waitMs?: number;
  alive?: true;
}
/**
 * head + `fill` repeated (cut to fit) + tail, exactly `bytes` bytes long (fill is ASCII).
 */
export interface Sized {
  head?: string;
  fill: string;
  tail?: string;
  bytes: number;
}
/**
 * What must arrive on the connection: these lines in order (each within replySeconds), then, with `closed`, the server's close with nothing more; or, with `silentMs`, nothing at all for that long.
 */
export interface Expect {
  lines?: Line[];
  closed?: boolean;
  silentMs?: number;
}
