/* Generated from the JSON Schema by scripts/schema-types.mjs (npm run schemas:types). Do not edit. */

/**
 * Bytes of a datagram: JSON (UTF-8; sized with fill or padTo), UTF-8 text, raw hex, or repeated pieces of text.
 */
export type Payload =
  | {
      /**
       * Any JSON value; in patterns the $-matchers may appear.
       */
      json: unknown;
      /**
       * Pretty-print the JSON over several lines with this indent.
       */
      indent?: number;
      /**
       * Pad the JSON with blanks before its last character to exactly this many bytes (blanks are insignificant in JSON, so the value is the same: a datagram as long as the case needs, without a long literal in the case file).
       */
      padTo?: number;
      /**
       * A sized request in the protocol's own words: the string at `at` (a JSON pointer into `json`; what is written there is kept as its start) is extended with varied letters and digits (the same every run) until the datagram is exactly `to` bytes. A reply pattern can ask for that string back with {"$sentText": "<the same pointer>"}.
       */
      fill?: {
        /**
         * JSON pointer (RFC 6901) to a string of `json`, e.g. "/text".
         */
        at: string;
        /**
         * The datagram's size in bytes.
         */
        to: number;
      };
    }
  | {
      utf8: string;
    }
  | {
      hex: string;
    }
  | {
      /**
       * Bytes built from pieces, each UTF-8 text repeated `times` times (default 1): e.g. 30,000 "[" then 30,000 "]", without a long literal in the case file.
       *
       * @minItems 1
       */
      parts: [
        {
          utf8: string;
          times?: number;
        },
        ...{
          utf8: string;
          times?: number;
        }[]
      ];
    };

/**
 * exercises/<id>/cases.json for the udp-server kind: the grader is the client. Each case is a list of steps against one launch of the student's server; grader sockets are named and live as long as the launch (so their ports are never reused and per-sender counts stay honest).
 */
export interface UDPServerCases {
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
  why?: Text;
  hint?: Text;
  platforms?: ("linux" | "darwin" | "win32")[];
  /**
   * Id of a launch in exercise.json.
   */
  launch: string;
  /**
   * Where some grader sockets of this case are bound, by name (the others are bound to the launch's host, on a port the system picks). A socket keeps its binding for the whole launch, so a name is declared the same way wherever it appears.
   */
  sockets?: {
    [k: string]: {
      /**
       * Bind to this address instead of the launch's host, e.g. 127.0.0.2: a sender on another IP of this machine.
       */
      host?: string;
      /**
       * Bind to the same port as this other socket of the case (declared before it, on another host): two senders that differ only by IP.
       */
      samePortAs?: string;
    };
  };
  /**
   * @minItems 1
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
export interface Step {
  /**
   * Name of the grader socket that sends (opened on first use, bound to the launch's host).
   */
  from?: string;
  /**
   * Send to this address instead of the launch's host (same port), e.g. 127.0.0.2.
   */
  to?: string;
  send?: Payload;
  expect: {
    /**
     * Bytes of a datagram: JSON (UTF-8; sized with fill or padTo), UTF-8 text, raw hex, or repeated pieces of text.
     */
    reply?:
      | {
          /**
           * Any JSON value; in patterns the $-matchers may appear.
           */
          json: unknown;
          /**
           * Pretty-print the JSON over several lines with this indent.
           */
          indent?: number;
          /**
           * Pad the JSON with blanks before its last character to exactly this many bytes (blanks are insignificant in JSON, so the value is the same: a datagram as long as the case needs, without a long literal in the case file).
           */
          padTo?: number;
          /**
           * A sized request in the protocol's own words: the string at `at` (a JSON pointer into `json`; what is written there is kept as its start) is extended with varied letters and digits (the same every run) until the datagram is exactly `to` bytes. A reply pattern can ask for that string back with {"$sentText": "<the same pointer>"}.
           */
          fill?: {
            /**
             * JSON pointer (RFC 6901) to a string of `json`, e.g. "/text".
             */
            at: string;
            /**
             * The datagram's size in bytes.
             */
            to: number;
          };
        }
      | {
          utf8: string;
        }
      | {
          hex: string;
        }
      | {
          /**
           * Bytes built from pieces, each UTF-8 text repeated `times` times (default 1): e.g. 30,000 "[" then 30,000 "]", without a long literal in the case file.
           *
           * @minItems 1
           */
          parts: [
            {
              utf8: string;
              times?: number;
            },
            ...{
              utf8: string;
              times?: number;
            }[]
          ];
        };
    /**
     * Nothing may come back (listen replySeconds).
     */
    noReply?: true;
    /**
     * The server process must still be running.
     */
    alive?: true;
  };
}
