/* Generated from the JSON Schema by scripts/schema-types.mjs (npm run schemas:types). Do not edit. */

export type Status = "passed" | "failed" | "error";

/**
 * The result of grading one submission for one exercise. Field names follow Gradescope's results.json (score, max_score, execution_time, output, tests[].name/status/score/max_score/output) so the file can be uploaded there; the other fields are this grader's own.
 */
export interface GradeResult {
  schema_version: 1;
  /**
   * Exercise id, e.g. exercise-01.
   */
  exercise: string;
  exercise_title: string;
  /**
   * The student's file for this exercise, e.g. ip_classify.py.
   */
  entry: string;
  /**
   * The submission folder as given (absolute path).
   */
  submission: string;
  /**
   * graded: every check ran (some may have failed). error: the submission could not be graded at all (no entry file, syntax error...); score is 0 and `output` says why.
   */
  status: "graded" | "error";
  score: number;
  max_score: number;
  /**
   * The seed of this run's generated cases: the same seed and code draw the same cases (`--seed N` replays them).
   */
  seed?: number;
  /**
   * Seconds spent grading.
   */
  execution_time: number;
  lang: "zh" | "en";
  /**
   * A message about the submission as a whole (empty when there is nothing to say).
   */
  output: string;
  location?: Location;
  /**
   * Set when the exercise declares hidden checks that only the teacher's run (with its private folder) adds: they are not in this result.
   */
  private_checks?: {
    count: number;
    points: number;
  };
  warnings: string[];
  grader: {
    version: string;
    python: {
      executable: string;
      version: string;
    };
    /**
     * Which sandbox ran the student's code: none, or the tool's name.
     */
    sandbox: string;
    /**
     * The limits in force for the student's programs (null: not in force here).
     */
    limits?: {
      /**
       * RLIMIT_AS of each process.
       */
      address_space_mib: number | null;
      /**
       * RLIMIT_CPU of each process.
       */
      cpu_seconds: number | null;
      /**
       * RLIMIT_FSIZE: largest file it may write.
       */
      file_mib: number | null;
      /**
       * RLIMIT_NPROC for its uid.
       */
      processes: number | null;
      /**
       * stdout and stderr are each kept up to this.
       */
      output_bytes: number;
      /**
       * tmpfs size of its private /tmp and of its working folder.
       */
      disk_mib: number | null;
      /**
       * Memory cgroup of all its programs, counting their tmpfs files and kernel memory.
       */
      memory_cgroup_mib: number | null;
      /**
       * Whether its programs can make user namespaces of their own (and mount there).
       */
      nested_user_namespaces: "blocked" | "allowed" | null;
    };
  };
  tests: Test[];
}
/**
 * Where in the student's code the problem is, when Python said (a traceback or a syntax error).
 */
export interface Location {
  /**
   * Relative to the submission folder.
   */
  file: string;
  line?: number;
}
/**
 * One check: a clause of the student contract, with its points.
 */
export interface Test {
  id: string;
  name: string;
  status: Status;
  score: number;
  max_score: number;
  /**
   * Plain-text feedback (what Gradescope shows).
   */
  output: string;
  clause: string;
  hint: string;
  /**
   * The check's visibility (Gradescope's field). Anything but visible: output, clause and hint say nothing of its cases, and `cases` is empty.
   */
  visibility?: "visible" | "hidden" | "after_due_date" | "after_published";
  /**
   * Why the score is lower than the check's own cases give (e.g. a required check did not pass).
   */
  note?: string;
  /**
   * Time spent on this check's cases, in milliseconds: the sum of each case's own time (cases that ran at the same time overlap). Absent when nothing ran.
   */
  duration_ms?: number;
  /**
   * Set when `requires` scaled this check: its own score counted at `percent` because the checks it builds on are not at full marks.
   */
  scaled?: {
    /**
     * The share of its own score that counts (the mean of the required checks' percentages).
     */
    percent: number;
    /**
     * The score its own cases earned, before scaling.
     */
    own_score: number;
    requires: {
      id: string;
      name: string;
      percent: number;
    }[];
  };
  passed_cases?: number;
  total_cases?: number;
  /**
   * The cases that did not pass (passed ones are only counted).
   */
  cases: Case[];
}
export interface Case {
  id: string;
  status: Status;
  /**
   * What the grader did, e.g. classify_ip('1.2.3.04').
   */
  given: string;
  /**
   * The id of another check this case failed on: only a part that check is about was wrong (e.g. the reply's count in a long-datagram case).
   */
  elsewhere?: string;
  expected?: string;
  got?: string;
  message: string;
  why?: string;
  hint?: string;
  /**
   * Tail of what the program printed (capped).
   */
  stdout?: string;
  stderr?: string;
  duration_ms?: number;
  /**
   * How the student's program ended (socket kinds), e.g. "exit code 2 after 2.01 s".
   */
  exit?: string;
  /**
   * Socket kinds: what crossed the wire in this case, in order: datagrams, or for TCP the segments as sent and read.
   */
  transcript?: Datagram[];
  location?: Location;
  /**
   * A generated case: drawn from the exercise's family `family` (input `index`) with the run's `seed`, judged against the reference solution; `replay` is the command that grades it again.
   */
  generated?: {
    family: string;
    index: number;
    seed: number;
    replay: string;
  };
}
export interface Datagram {
  /**
   * Milliseconds since the case started.
   */
  t_ms: number;
  /**
   * Who sent it and from where, e.g. "grader 127.0.0.1:40001" or "program [::1]:50123".
   */
  from: string;
  to: string;
  /**
   * Bytes.
   */
  size: number;
  /**
   * The first bytes as text (invalid UTF-8 shown as \\x escapes).
   */
  preview: string;
  /**
   * Over a lossy link: what the link did to this datagram (dropped, duplicated, delayed, reordered, corrupted), with the seed and the datagram's number.
   */
  link?: string;
}
