/* Generated from the JSON Schema by scripts/schema-types.mjs (npm run schemas:types). Do not edit. */

/**
 * exercises/<id>/exercise.json: everything the grader needs to know about one exercise, in the schema of its kind (schemas/exercise/<kind>.schema.json), chosen by `kind`. The grader core never names an exercise; it reads this file.
 */
export type Exercise = FunctionCallExercise | UdpServerExercise | UdpClientExercise | TcpServerExercise;
/**
 * @minItems 1
 */
export type Checks = [Check, ...Check[]];

/**
 * exercise.json of a function-call exercise: a harness imports the student's module and calls its functions.
 */
export interface FunctionCallExercise {
  /**
   * Where an editor finds this file's schema (ignored by the grader).
   */
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
   * A harness imports ENTRY and calls its functions.
   */
  kind: "function-call";
  /**
   * The student's file, e.g. ip_classify.py.
   */
  entry: string;
  limits: FunctionCallLimits;
  /**
   * function-call kind: the functions the module must define, by name.
   */
  functions: {
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
  generators?: Generators;
  /**
   * Families of generated calls: fresh arguments on every grading, judged against the reference solution in solutions/<id>/.
   */
  generated?: FunctionFamily[];
  privateChecks?: PrivateChecks;
  checks: Checks;
}
/**
 * The same text in Chinese and English.
 */
export interface Text {
  zh: string;
  en: string;
}
/**
 * The time limits of this kind: caseSeconds, importSeconds, totalSeconds.
 */
export interface FunctionCallLimits {
  /**
   * function-call: wall-clock limit for one call. udp-client: the program is stopped after this long.
   */
  caseSeconds: number;
  /**
   * function-call: limit for importing the module.
   */
  importSeconds: number;
  /**
   * Budget for the whole exercise; cases not started by then are errors.
   */
  totalSeconds: number;
}
/**
 * Named value generators (schemas/generator.schema.json), for {"ref": name} in `generated`.
 */
export interface Generators {
  [k: string]: Generator;
}
/**
 * A value generator for generated cases, composed from the grader's small vocabulary (grader/generate/vocabulary.ts). Each node has exactly one key naming what it makes. Generation and shrinking are fast-check's: a failing value is shrunk to a smaller one that still fails.
 */
export interface Generator {
  /**
   * Always this JSON value.
   */
  const?: unknown;
  /**
   * One of these JSON values (shrinks towards the first).
   *
   * @minItems 1
   */
  from?: unknown[];
  /**
   * A value of one of these generators (shrinks towards the first); repeat one to weight it.
   *
   * @minItems 1
   */
  oneOf?: [Generator, ...Generator[]];
  /**
   * An integer in [min, max], with the boundaries favoured.
   */
  int?: {
    min: number;
    max: number;
    /**
     * Values drawn more often than the rest (min and max always are).
     */
    boundaries?: number[];
  };
  /**
   * A string over an alphabet, with a length range (in alphabet items).
   */
  string?: {
    /**
     * The characters (a string: each code point; a list: each item) the string is made of.
     */
    alphabet: string | [string, ...string[]];
    minLength?: number;
    maxLength?: number;
  };
  /**
   * Any Unicode text (or ASCII), with a length range.
   */
  text?: {
    /**
     * grapheme: any printable Unicode; binary: any code point, control characters included (never lone surrogates).
     */
    unit?: "grapheme" | "grapheme-ascii" | "binary" | "binary-ascii";
    minLength?: number;
    maxLength?: number;
  };
  str?: Generator1;
  /**
   * The texts of these generators, one after the other.
   *
   * @minItems 1
   */
  concat?: [Generator, ...Generator[]];
  /**
   * count values of `of`, as text joined by sep: dotted numbers are {"join": {"of": {"int": ...}, "count": 4, "sep": "."}}.
   */
  join?: {
    of: Generator;
    count:
      | number
      | {
          min: number;
          max: number;
        };
    sep?: string;
  };
  /**
   * A list with one value of each generator.
   */
  tuple?: Generator[];
  /**
   * A list of values of one generator.
   */
  array?: {
    of: Generator;
    minLength?: number;
    maxLength?: number;
  };
  /**
   * A JSON object with these keys.
   */
  object?: {
    props: {
      [k: string]: Generator;
    };
    /**
     * Keys that are sometimes left out.
     */
    optional?: string[];
  };
  /**
   * Any JSON value, nested at most depth levels.
   */
  json?: {
    depth?: number;
  };
  /**
   * A byte string: text in an encoding, or random bytes.
   */
  bytes?: {
    of?: Generator2;
    encoding?: "utf-8" | "utf-16le" | "utf-16be" | "latin-1";
    minLength?: number;
    maxLength?: number;
    /**
     * python: a Python bytes literal {"$py": "b'...'"} (function arguments); hex: {"hex": "..."} (datagrams).
     */
    as?: "python" | "hex";
  };
  py?: Generator3;
  /**
   * A named generator of the exercise (`generators` in exercise.json).
   */
  ref?: string;
}
/**
 * The generated value as decimal/plain text (String(value)).
 */
export interface Generator1 {
  /**
   * Always this JSON value.
   */
  const?: unknown;
  /**
   * One of these JSON values (shrinks towards the first).
   *
   * @minItems 1
   */
  from?: unknown[];
  /**
   * A value of one of these generators (shrinks towards the first); repeat one to weight it.
   *
   * @minItems 1
   */
  oneOf?: [Generator, ...Generator[]];
  /**
   * An integer in [min, max], with the boundaries favoured.
   */
  int?: {
    min: number;
    max: number;
    /**
     * Values drawn more often than the rest (min and max always are).
     */
    boundaries?: number[];
  };
  /**
   * A string over an alphabet, with a length range (in alphabet items).
   */
  string?: {
    /**
     * The characters (a string: each code point; a list: each item) the string is made of.
     */
    alphabet: string | [string, ...string[]];
    minLength?: number;
    maxLength?: number;
  };
  /**
   * Any Unicode text (or ASCII), with a length range.
   */
  text?: {
    /**
     * grapheme: any printable Unicode; binary: any code point, control characters included (never lone surrogates).
     */
    unit?: "grapheme" | "grapheme-ascii" | "binary" | "binary-ascii";
    minLength?: number;
    maxLength?: number;
  };
  str?: Generator1;
  /**
   * The texts of these generators, one after the other.
   *
   * @minItems 1
   */
  concat?: [Generator, ...Generator[]];
  /**
   * count values of `of`, as text joined by sep: dotted numbers are {"join": {"of": {"int": ...}, "count": 4, "sep": "."}}.
   */
  join?: {
    of: Generator;
    count:
      | number
      | {
          min: number;
          max: number;
        };
    sep?: string;
  };
  /**
   * A list with one value of each generator.
   */
  tuple?: Generator[];
  /**
   * A list of values of one generator.
   */
  array?: {
    of: Generator;
    minLength?: number;
    maxLength?: number;
  };
  /**
   * A JSON object with these keys.
   */
  object?: {
    props: {
      [k: string]: Generator;
    };
    /**
     * Keys that are sometimes left out.
     */
    optional?: string[];
  };
  /**
   * Any JSON value, nested at most depth levels.
   */
  json?: {
    depth?: number;
  };
  /**
   * A byte string: text in an encoding, or random bytes.
   */
  bytes?: {
    of?: Generator2;
    encoding?: "utf-8" | "utf-16le" | "utf-16be" | "latin-1";
    minLength?: number;
    maxLength?: number;
    /**
     * python: a Python bytes literal {"$py": "b'...'"} (function arguments); hex: {"hex": "..."} (datagrams).
     */
    as?: "python" | "hex";
  };
  py?: Generator3;
  /**
   * A named generator of the exercise (`generators` in exercise.json).
   */
  ref?: string;
}
/**
 * Text to encode; without it, random bytes.
 */
export interface Generator2 {
  /**
   * Always this JSON value.
   */
  const?: unknown;
  /**
   * One of these JSON values (shrinks towards the first).
   *
   * @minItems 1
   */
  from?: unknown[];
  /**
   * A value of one of these generators (shrinks towards the first); repeat one to weight it.
   *
   * @minItems 1
   */
  oneOf?: [Generator, ...Generator[]];
  /**
   * An integer in [min, max], with the boundaries favoured.
   */
  int?: {
    min: number;
    max: number;
    /**
     * Values drawn more often than the rest (min and max always are).
     */
    boundaries?: number[];
  };
  /**
   * A string over an alphabet, with a length range (in alphabet items).
   */
  string?: {
    /**
     * The characters (a string: each code point; a list: each item) the string is made of.
     */
    alphabet: string | [string, ...string[]];
    minLength?: number;
    maxLength?: number;
  };
  /**
   * Any Unicode text (or ASCII), with a length range.
   */
  text?: {
    /**
     * grapheme: any printable Unicode; binary: any code point, control characters included (never lone surrogates).
     */
    unit?: "grapheme" | "grapheme-ascii" | "binary" | "binary-ascii";
    minLength?: number;
    maxLength?: number;
  };
  str?: Generator1;
  /**
   * The texts of these generators, one after the other.
   *
   * @minItems 1
   */
  concat?: [Generator, ...Generator[]];
  /**
   * count values of `of`, as text joined by sep: dotted numbers are {"join": {"of": {"int": ...}, "count": 4, "sep": "."}}.
   */
  join?: {
    of: Generator;
    count:
      | number
      | {
          min: number;
          max: number;
        };
    sep?: string;
  };
  /**
   * A list with one value of each generator.
   */
  tuple?: Generator[];
  /**
   * A list of values of one generator.
   */
  array?: {
    of: Generator;
    minLength?: number;
    maxLength?: number;
  };
  /**
   * A JSON object with these keys.
   */
  object?: {
    props: {
      [k: string]: Generator;
    };
    /**
     * Keys that are sometimes left out.
     */
    optional?: string[];
  };
  /**
   * Any JSON value, nested at most depth levels.
   */
  json?: {
    depth?: number;
  };
  /**
   * A byte string: text in an encoding, or random bytes.
   */
  bytes?: {
    of?: Generator2;
    encoding?: "utf-8" | "utf-16le" | "utf-16be" | "latin-1";
    minLength?: number;
    maxLength?: number;
    /**
     * python: a Python bytes literal {"$py": "b'...'"} (function arguments); hex: {"hex": "..."} (datagrams).
     */
    as?: "python" | "hex";
  };
  py?: Generator3;
  /**
   * A named generator of the exercise (`generators` in exercise.json).
   */
  ref?: string;
}
/**
 * The generated text taken as a Python literal ({"$py": text}): e.g. a float 80.0 or a bool.
 */
export interface Generator3 {
  /**
   * Always this JSON value.
   */
  const?: unknown;
  /**
   * One of these JSON values (shrinks towards the first).
   *
   * @minItems 1
   */
  from?: unknown[];
  /**
   * A value of one of these generators (shrinks towards the first); repeat one to weight it.
   *
   * @minItems 1
   */
  oneOf?: [Generator, ...Generator[]];
  /**
   * An integer in [min, max], with the boundaries favoured.
   */
  int?: {
    min: number;
    max: number;
    /**
     * Values drawn more often than the rest (min and max always are).
     */
    boundaries?: number[];
  };
  /**
   * A string over an alphabet, with a length range (in alphabet items).
   */
  string?: {
    /**
     * The characters (a string: each code point; a list: each item) the string is made of.
     */
    alphabet: string | [string, ...string[]];
    minLength?: number;
    maxLength?: number;
  };
  /**
   * Any Unicode text (or ASCII), with a length range.
   */
  text?: {
    /**
     * grapheme: any printable Unicode; binary: any code point, control characters included (never lone surrogates).
     */
    unit?: "grapheme" | "grapheme-ascii" | "binary" | "binary-ascii";
    minLength?: number;
    maxLength?: number;
  };
  str?: Generator1;
  /**
   * The texts of these generators, one after the other.
   *
   * @minItems 1
   */
  concat?: [Generator, ...Generator[]];
  /**
   * count values of `of`, as text joined by sep: dotted numbers are {"join": {"of": {"int": ...}, "count": 4, "sep": "."}}.
   */
  join?: {
    of: Generator;
    count:
      | number
      | {
          min: number;
          max: number;
        };
    sep?: string;
  };
  /**
   * A list with one value of each generator.
   */
  tuple?: Generator[];
  /**
   * A list of values of one generator.
   */
  array?: {
    of: Generator;
    minLength?: number;
    maxLength?: number;
  };
  /**
   * A JSON object with these keys.
   */
  object?: {
    props: {
      [k: string]: Generator;
    };
    /**
     * Keys that are sometimes left out.
     */
    optional?: string[];
  };
  /**
   * Any JSON value, nested at most depth levels.
   */
  json?: {
    depth?: number;
  };
  /**
   * A byte string: text in an encoding, or random bytes.
   */
  bytes?: {
    of?: Generator2;
    encoding?: "utf-8" | "utf-16le" | "utf-16be" | "latin-1";
    minLength?: number;
    maxLength?: number;
    /**
     * python: a Python bytes literal {"$py": "b'...'"} (function arguments); hex: {"hex": "..."} (datagrams).
     */
    as?: "python" | "hex";
  };
  py?: Generator3;
  /**
   * A named generator of the exercise (`generators` in exercise.json).
   */
  ref?: string;
}
/**
 * A family of generated calls: fresh arguments drawn from seeded generators on every grading, judged against the reference solution in solutions/<id>/ with the same checks, compare keys and schemas as the fixed cases.
 */
export interface FunctionFamily {
  id: string;
  /**
   * The checks every drawn case counts for (judged with each check's compare keys).
   *
   * @minItems 1
   */
  checks: [string, ...string[]];
  /**
   * How many cases to draw.
   */
  count: number;
  /**
   * Time for the whole family: drawing, calls and shrinking. Cases not judged by then count as errors (a slow program must not dodge them).
   */
  seconds: number;
  why?: Text;
  /**
   * The function called (one of `functions`).
   */
  call: string;
  /**
   * One generator per argument.
   */
  args: Generator[];
}
/**
 * Declares that the teacher's run (grade --private DIR) adds this many hidden checks worth these points, so a student's own run can say so.
 */
export interface PrivateChecks {
  count: number;
  points: number;
}
export interface Check {
  id: string;
  title: Text;
  clause: Text1;
  points: number;
  scoring?: "proportional" | "all-or-nothing";
  /**
   * The case-file matchers (e.g. "$count") this check is about: a case of another check that fails only on one of these is told to see this check.
   */
  about?: string[];
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
/**
 * exercise.json of a udp-server exercise: the grader is the client of `python3 ENTRY HOST PORT`.
 */
export interface UdpServerExercise {
  /**
   * Where an editor finds this file's schema (ignored by the grader).
   */
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
   * The grader is the client of `python3 ENTRY HOST PORT` over UDP.
   */
  kind: "udp-server";
  /**
   * The student's file, e.g. ip_classify.py.
   */
  entry: string;
  limits: UdpServerLimits;
  /**
   * udp-server: the ways the server is started; cases name one. Each is one server process, started as `python3 ENTRY HOST PORT`.
   *
   * @minItems 1
   */
  launches: [Launch, ...Launch[]];
  /**
   * Every reply datagram the student's server sends must be UTF-8 JSON valid against this schema.
   */
  messages: {
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
   * udp-server: the protocol's own ping, a datagram the grader sends from a socket of its own to see that a server is up and went back to serving after a case (any reply counts). Its reply counts for no case.
   */
  ping:
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
   * Case file, relative to the exercise folder.
   */
  cases?: string;
  generators?: Generators;
  /**
   * Families of generated cases: values drawn on every grading, filled into a case template of udp-server-cases.schema.json.
   */
  generated?: SocketFamily[];
  privateChecks?: PrivateChecks;
  checks: Checks;
}
/**
 * The time limits of this kind: startSeconds, replySeconds, retries, servers, totalSeconds.
 */
export interface UdpServerLimits {
  /**
   * Server kinds: how long the server may take to bind and answer its first datagram (udp) or accept its first connection (tcp).
   */
  startSeconds: number;
  /**
   * Server kinds: how long to wait for one reply (udp: before sending again; for an expected silence, how long to listen).
   */
  replySeconds: number;
  /**
   * udp-server: how many times a datagram whose reply did not come is sent again (loopback can drop under load).
   */
  retries: number;
  /**
   * udp-server: how many copies of the server each launch's cases are shared out among (each chain of cases runs on a server of its own, side by side; default 2). The cases that wait out a silence get one more.
   */
  servers?: number;
  /**
   * Budget for the whole exercise; cases not started by then are errors.
   */
  totalSeconds: number;
}
/**
 * One way the server is started (`python3 ENTRY HOST PORT` on this loopback host); cases name it by id.
 */
export interface Launch {
  id: string;
  /**
   * A loopback address: 127.0.0.1 or ::1.
   */
  host: string;
}
/**
 * A family of generated socket cases: values drawn from seeded generators on every grading, filled into a case template whose expectation is written from the contract (no reference program runs).
 */
export interface SocketFamily {
  id: string;
  /**
   * The checks every drawn case counts for (judged with each check's compare keys).
   *
   * @minItems 1
   */
  checks: [string, ...string[]];
  /**
   * How many cases to draw.
   */
  count: number;
  /**
   * Time for the whole family: drawing, calls and shrinking. Cases not judged by then count as errors (a slow program must not dodge them).
   */
  seconds: number;
  why?: Text;
  /**
   * Socket kinds: the values drawn for each case, by name (one draw of each per case), for {"$var": name} in `case`.
   */
  let?: {
    [k: string]: Generator;
  };
  /**
   * Socket kinds: the template of each drawn case, in the kind's own case language (an entry of cases.json without id and checks), with the expectation written from the contract. Template words: {"$var": "name"} a drawn value ("name.key" or "name.0" for a part of it); {"$local": "a"} the name a, made unique to this case (for grader sockets); {"$switch": template, "cases": {"value": template}} the template for a value; in a list, {"$each": "name", "as": "item", "do": [templates]} the templates once for each element of a drawn list, and a $switch whose template is a list adds its items ([] adds none). Everything else, the kind's own matchers included, is kept as written.
   */
  case: Record<string, unknown>;
}
/**
 * exercise.json of a udp-client exercise: the grader is the server for `python3 ENTRY HOST PORT TEXT` (or the command line in `client.args`).
 */
export interface UdpClientExercise {
  /**
   * Where an editor finds this file's schema (ignored by the grader).
   */
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
   * The grader is the server for `python3 ENTRY HOST PORT TEXT` over UDP (or the command line in `client.args`).
   */
  kind: "udp-client";
  /**
   * The student's file, e.g. ip_classify.py.
   */
  entry: string;
  limits: UdpClientLimits;
  /**
   * Every request datagram the student's client sends must be UTF-8 JSON valid against this schema.
   */
  messages: {
    /**
     * File name in schemas/answers/.
     */
    schema: string;
    /**
     * Id of the check that gets one verdict per datagram.
     */
    shapeCheck?: string;
    /**
     * udp-client: the messages carry a checksum (grader/kinds/socket/checksum.ts): in `field`, zlib.crc32 of the message's canonical JSON (Python's json.dumps(sort_keys=True, separators=(",", ":"))) without that field. Replies fill it with {"$checksum": true}.
     */
    checksum?: {
      field: string;
      /**
       * Id of the check that gets one verdict per request datagram: its checksum is right.
       */
      check?: string;
    };
  };
  client?: UdpClientSettings;
  /**
   * Case file, relative to the exercise folder.
   */
  cases?: string;
  generators?: Generators;
  /**
   * Families of generated cases: values drawn on every grading, filled into a case template of udp-client-cases.schema.json.
   */
  generated?: SocketFamily[];
  privateChecks?: PrivateChecks;
  checks: Checks;
}
/**
 * The time limits of this kind: caseSeconds, concurrency, waitingConcurrency, totalSeconds.
 */
export interface UdpClientLimits {
  /**
   * function-call: wall-clock limit for one call. udp-client: the program is stopped after this long.
   */
  caseSeconds: number;
  /**
   * udp-client: how many quick cases run at once (the worker pool).
   */
  concurrency?: number;
  /**
   * udp-client: how many cases that mostly wait (0.5 s or more by their data) run at once, beside the worker pool.
   */
  waitingConcurrency?: number;
  /**
   * Budget for the whole exercise; cases not started by then are errors.
   */
  totalSeconds: number;
}
/**
 * exercise.json `client` for the udp-client kind (the grader is the server of the student's client): how the client is started and how the fake server tells the copies of a case apart. Everything protocol-specific is here or in the cases, never in the grader.
 */
export interface UdpClientSettings {
  /**
   * The client's command line after `python3 ENTRY`, one argv item each (never a shell). Placeholders: {host} (the fake server's address), {port} (its port, chosen when the case runs), {text} (the case's TEXT; a copy's own TEXT when a case runs several) and {NAME} (the case's `values.NAME`); {{ and }} are literal braces. {port} must appear. Default: ["{host}", "{port}", "{text}"].
   *
   * @minItems 1
   * @maxItems 16
   */
  args?: string[];
  /**
   * The key of a request's JSON object whose value is the TEXT of the copy that sent it: the fake server answers each copy of a case with its own reply by it. null: no key does, requests are told apart by sender address only. A request without that key falls back to its sender. Default: "text".
   */
  routeBy?: string | null;
}
/**
 * exercise.json of a tcp-server exercise: the grader is the client of `python3 ENTRY HOST PORT` over TCP.
 */
export interface TcpServerExercise {
  /**
   * Where an editor finds this file's schema (ignored by the grader).
   */
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
   * The grader is the client of `python3 ENTRY HOST PORT` over TCP (settings in `tcp`).
   */
  kind: "tcp-server";
  /**
   * The student's file, e.g. ip_classify.py.
   */
  entry: string;
  limits: TcpServerLimits;
  tcp: TcpServerSettings;
  /**
   * Case file, relative to the exercise folder.
   */
  cases?: string;
  privateChecks?: PrivateChecks;
  checks: Checks;
}
/**
 * The time limits of this kind: startSeconds, replySeconds, totalSeconds.
 */
export interface TcpServerLimits {
  /**
   * Server kinds: how long the server may take to bind and answer its first datagram (udp) or accept its first connection (tcp).
   */
  startSeconds: number;
  /**
   * Server kinds: how long to wait for one reply (udp: before sending again; for an expected silence, how long to listen).
   */
  replySeconds: number;
  /**
   * Budget for the whole exercise; cases not started by then are errors.
   */
  totalSeconds: number;
}
/**
 * exercise.json `tcp` for the tcp-server kind (the grader is the client of `python3 ENTRY HOST PORT`): how the server is started and how the grader knows it is ready. Everything protocol-specific is here or in the cases, never in the grader.
 */
export interface TcpServerSettings {
  /**
   * The ways the server is started; cases name one. Each is one server process, `python3 ENTRY HOST PORT`.
   *
   * @minItems 1
   */
  launches: [Launch, ...Launch[]];
  /**
   * The protocol's own ping: this request, on a connection of the grader's own, must get this line back. Between cases it shows the server went back to serving (the kernel accepts connections for a server that is on its way out), so a server's end is charged to the case that caused it. A server is ready to be graded once it accepts a connection.
   */
  ready?: {
    /**
     * Bytes to send: UTF-8 text, raw hex, or a sized payload.
     */
    send:
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
    expect:
      | string
      | {
          re: string;
          describe?: Text;
        }
      | {
          sized: Sized;
        };
  };
  /**
   * The longest reply line the grader reads (bytes); longer is reported as such. Default 2 MiB.
   */
  maxLineBytes?: number;
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
