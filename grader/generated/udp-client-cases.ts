/* Generated from the JSON Schema by scripts/schema-types.mjs (npm run schemas:types). Do not edit. */

export type Action =
  | {
      waitMs: number;
    }
  | {
      /**
       * Only with `clients` > 1: waits until every copy of the program has sent its first request or ended, at most this many ms (keep it well under the program's own time-out). So the copies really do run at the same time however late one of them starts; a run where the wait ran out is run once more.
       */
      awaitCopiesMs: number;
    }
  | {
      /**
       * Sent from the server's address to the request's sender. In json: {"$requestText": true}, {"$requestFrom": true} ("IP:PORT"), {"$token": true} (a fresh random token). {"$requestField": "seq"} or {"$requestField": {"key": "seq", "add": 1}} (a key of the request's JSON), {"$format": "{text} {token} {from}"} (a string), {"$checksum": true} (the exercise's messages.checksum over the reply's other keys).
       */
      reply:
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
    }
  | {
      /**
       * Sent to the request's sender from another port of the grader's: the program must ignore it.
       */
      decoy:
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
       * Where the decoy comes from: by default another port of the fake server's host.
       */
      from?: {
        /**
         * Send from this address, e.g. 127.0.0.2 (another IP of this machine).
         */
        host?: string;
        /**
         * Send from the fake server's own port (on `host`): only the IP differs from the real server's.
         */
        serverPort?: true;
      };
    };

/**
 * exercises/<id>/cases.json for the udp-client kind: the grader is the server. For each case it opens a fake server on a free loopback port, runs `python3 ENTRY HOST PORT TEXT` (or the exercise's own command line, `client.args`), answers the request as the case says, and checks the request, the output and the exit code.
 */
export interface UDPClientCases {
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
   * The fake server's address, given to the program as HOST: 127.0.0.1 or ::1.
   */
  host: string;
  /**
   * TEXT: {text} in the exercise's command line (`client.args`; by default the program's third argument).
   */
  text: string;
  /**
   * The case's other command-line values, by name: {NAME} in the exercise's `client.args` (e.g. {"type": "AAAA"} for `--type {type}`).
   */
  values?: {
    [k: string]: string;
  };
  /**
   * Run this many copies at once against the same fake server (each must get its own reply).
   */
  clients?: number;
  /**
   * What the fake server does when a request arrives, in order. An empty list: it stays silent.
   */
  server: Action[];
  expect: {
    /**
     * Pattern for the request datagram's JSON: {"$text": true} is the case's TEXT.
     */
    request?: unknown;
    /**
     * Exactly this many datagrams must reach the server.
     */
    requests?: number;
    /**
     * reply: exactly one line, the JSON of the reply sent; empty: nothing.
     */
    stdout?: "reply" | "empty";
    exitCode?: number;
    stderr?: "nonEmpty";
    /**
     * The program must have ended this long after its request arrived.
     */
    endsWithinMs?: number;
    /**
     * The program must not end sooner than this long after its first send (a lower bound on a deadline it must wait out). Counted from when its first request reached the grader, less how late the grader ran during the case (a request read late would shorten it) and 100 ms; from the program's start if it sent nothing.
     */
    endsNotBeforeMs?: number;
    /**
     * At most this many datagrams may be sent (what the link dropped included).
     */
    requestsAtMost?: number;
    /**
     * Once the server's first reply has left for the program (one the link did not drop), it may send at most this many more datagrams: it prints and exits at once. Only for a case whose every reply is valid. One more than none allows for a retry timer that fired as the reply arrived.
     */
    requestsAfterReplyAtMost?: number;
    /**
     * At least this many datagrams must be sent (what the link dropped included).
     */
    requestsAtLeast?: number;
    /**
     * The first and the last datagram sent must be at least this far apart (a retry timer; a late machine only widens it).
     */
    requestSpanAtLeastMs?: number;
    /**
     * With at least two datagrams sent, the average time between two of them ((last - first) / (count - 1)) must lie within these bounds: the retry timer. An average, so one datagram the grader read late does not decide it.
     */
    requestGapMs?: {
      atLeast?: number;
      atMost?: number;
    };
    /**
     * Every datagram sent is the same datagram as the first, byte for byte (a resend, not a new request, nor the request written again another way).
     */
    sameRequests?: true;
    /**
     * stdout must be exactly this one line (a string pattern, filled like a reply: {"$format": "{text} {token}"}), printed once.
     */
    stdoutLine?: unknown;
  };
  /**
   * Preconditions: the case counts for its checks only if these hold, whatever else the program got right; otherwise it fails, saying which did not hold. So an exit code is earned only by a program that did the work it reports on, not by one that does nothing.
   */
  onlyIf?: {
    /**
     * Every copy's request reached the fake server.
     */
    requestSent?: true;
    /**
     * Every copy's stdout shows the reply it was sent, in any form: the reply's {"$token": true} appears in it (the case's reply must carry one).
     */
    replyShown?: true;
  };
  /**
   * A lossy link between the program and the fake server (grader/probe/impairment.ts). For each datagram, in both directions, a PRNG seeded from the grading seed and the case id picks one fate: drop, duplicate, delay, reorder (held back until the next one overtakes it) or corrupt (one byte changed); the others pass. Same seed, same fates. The fake server does not answer a request the link dropped or corrupted.
   */
  link?: {
    drop?: number;
    duplicate?: number;
    delay?: number;
    reorder?: number;
    corrupt?: number;
    /**
     * [min, max] of a delay, ms (default [100, 400]).
     *
     * @minItems 2
     * @maxItems 2
     */
    delayMs?: [number, number];
    /**
     * Only the first N datagrams on the link (both directions counted) are drawn; later ones pass, so a correct program always gets through (default 4).
     */
    impairFirst?: number;
    /**
     * Fixed fates of the program's first datagrams, before any draw.
     *
     * @maxItems 20
     */
    toServer?:
      | []
      | ["pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ];
    /**
     * Fixed fates of the server's first datagrams, before any draw.
     *
     * @maxItems 20
     */
    toProgram?:
      | []
      | ["pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ]
      | [
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt",
          "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt"
        ];
  };
  /**
   * A pass counts only from a run in which no pause between two scripted sends to a request (or between the request and the first) was longer than the script says by more than this: in a case that keeps the program busy with a stream of datagrams (so its retry timer must fire between them), a stalled stream has gaps a wrong program's timer could use. A run with a longer pause is run once more, and a run without one is trusted over it.
   */
  onTimeWithinMs?: number;
  /**
   * The fake server runs its actions for every request datagram that reaches it (each resend is answered), not only for the first from each sender.
   */
  answerEvery?: true;
}
/**
 * The same text in Chinese and English.
 */
export interface Text {
  zh: string;
  en: string;
}
