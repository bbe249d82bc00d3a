// The command line: parses arguments and calls the library. Exit codes: 0 full score, 1 graded but not full,
// 2 the grader could not run (one clear line on stderr).
import path from "node:path";
import yargs, { type Argv } from "yargs";
import { hideBin } from "yargs/helpers";
import { GraderError, isGraderError } from "../core/errors.js";
import { detectLang, t, type Lang } from "../core/i18n.js";
import { sandboxModes, type SandboxMode } from "../sandbox/modes.js";
import { editDistance } from "../core/edit-distance.js";
import { lastOptionValue } from "./raw-args.js";
import { reporterNames, type ReporterName } from "../reporters/names.js";
import type { GradeArgs } from "./commands.js";

/** The commands' work, loaded once one is chosen: `--version` and `--help` need none of it. */
const commands = () => import("./commands.js");

// Exit codes: 0 full score (or --min-score reached), 1 graded but below it, 2 the grader could not run.
const EXIT = { cannotRun: 2 } as const;

function fail(message: string): never {
  process.stderr.write(`grade: ${message}\n`);
  process.exit(EXIT.cannotRun);
}

/** A folder as a shell argument: as is when it is plain, else in single quotes. */
const quoteArg = (a: string) => (/^[\w@%+=:,./~-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);

/** --lang, or the locale's language. */
const langOf = (argv: { lang?: unknown }): Lang => (argv.lang as Lang | undefined) ?? detectLang();

const sandboxOption = {
  choices: sandboxModes,
  default: (process.env.GRADER_SANDBOX as SandboxMode | undefined) ?? "auto",
  describe: "where student code runs: bwrap (bubblewrap; refuse without it), none, or auto (bwrap where it works, else none with a warning)",
} as const;

const privateOption = {
  type: "string",
  default: process.env.GRADER_PRIVATE || undefined,
  describe: "a teacher's folder of private checks and cases, laid out like exercises/ (default: $GRADER_PRIVATE)",
} as const;

/** The options of `grade EXERCISE` and `grade all`. */
function gradeOptions<T>(y: Argv<T>) {
  return y
    .positional("dir", { type: "string", default: ".", describe: "folder with your code" })
    .option("format", { alias: "f", choices: reporterNames, default: "human" as ReporterName, describe: "what to print on stdout" })
    .option("junit", { type: "string", describe: "also write JUnit XML to this file" })
    .option("json", { type: "string", describe: "also write the JSON result to this file" })
    .option("min-score", { type: "string", describe: "exit 0 from this total on: points (80) or percent (80%) of every exercise graded, missing ones included; default: full marks" })
    .option("only", { type: "string", describe: "run only these checks (ids or parts of ids, comma-separated)" })
    .option("watch", { alias: "w", type: "boolean", default: false, describe: "grade again whenever a .py file changes" })
    .option("python", { type: "string", describe: "Python interpreter for student code (default: python3, or $GRADER_PYTHON)" })
    .option("color", { type: "boolean", describe: "force colors on or off (default: on for a terminal)" })
    .option("verbose", { alias: "v", type: "boolean", default: false, describe: "show every failed case, not only the first few" })
    .option("sandbox", sandboxOption)
    .option("seed", seedOption)
    .option("private", privateOption);
}

/** The generated cases' seed: by default from the code's content, so the same code meets the same cases. */
const seedOption = {
  type: "number",
  describe: "seed of the generated cases (default: from your code, so the same code always gets the same cases); a failed generated case prints the command that replays it",
  coerce: (v: unknown) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) throw new GraderError("BAD_ARGUMENT", "errSeed", { value: String(v) });
    return n;
  },
} as const;

/** The arguments that are lists: yargs' own `_`, and merge's folders. */
const LIST_ARGUMENTS = new Set(["_", "inputs", "ids", "column", "student"]);

async function main(): Promise<void> {
  (await import("../core/trace.js")).mark("main");
  await yargs(hideBin(process.argv))
    .scriptName("grade")
    // An option given twice (an alias plus the command line) takes its last value, as in most tools,
    // instead of becoming a list that no option expects. (The parser's own switch for this would also
    // cut merge's list of folders down to the last one.)
    .middleware((argv) => {
      for (const [key, value] of Object.entries(argv)) if (Array.isArray(value) && !LIST_ARGUMENTS.has(key)) argv[key] = value.at(-1);
    }, true)
    .usage("$0 <exercise> [dir]  — grade the code in dir (default: the current folder)")
    .option("lang", { choices: ["zh", "en"] as const, describe: "language of feedback (default: from the locale)" })
    .command(
      "list",
      "list the exercises with their titles and points",
      () => {},
      async (argv) => (await commands()).listExercises(langOf(argv)),
    )
    .command(
      "all [dir]",
      "grade every exercise of the course in dir (a missing file counts as 0 points)",
      (y) => gradeOptions(y).option("exercises", { type: "string", describe: "the exercises to grade and total, comma-separated (default: all of them)" }),
      async (argv) => {
        const c = await commands();
        await c.gradeCommand(() => c.courseExercises(argv.exercises), argv as unknown as GradeArgs);
      },
    )
    .command(
      "init <exercise> [dir]",
      "copy an exercise's starter code and a short README into dir (never over your work without --force)",
      (y) =>
        y
          .positional("exercise", { type: "string", describe: "exercise id" })
          .positional("dir", { type: "string", default: ".", describe: "your folder" })
          .option("force", { type: "boolean", default: false, describe: "replace files that already exist" }),
      async (argv) => {
        const lang = langOf(argv);
        const written = await (await commands()).initCommand({ exercise: argv.exercise!, dir: argv.dir, force: argv.force, lang });
        // The paths as the student typed them (not relative to wherever they stand), then what to do next.
        const entry = (await (await import("../core/exercises.js")).loadExercise(argv.exercise!)).data.entry;
        process.stdout.write(written.map((f) => t(lang, "initWrote", { file: f })).join("\n") + "\n\n" + t(lang, "initNext", { entry: path.join(argv.dir, entry), exercise: argv.exercise!, dir: quoteArg(argv.dir) }) + "\n");
      },
    )
    .command(
      "batch <exercise> <submissions>",
      "grade a whole class: one sub-folder or .zip per student, in parallel",
      (y) =>
        y
          .positional("exercise", { type: "string", describe: "exercise id, or `all` (every exercise of the course; a missing file counts as 0)" })
          .option("exercises", { type: "string", describe: "with `all`: the course's exercises, comma-separated (default: all of them)" })
          .positional("submissions", { type: "string", describe: "folder with one sub-folder or .zip per student" })
          .option("out", { alias: "o", type: "string", demandOption: true, describe: "output folder (results, grades.csv, summary.json, report.html)" })
          .option("jobs", { alias: "j", type: "number", describe: "gradings at once (default: the cores; twice that for socket exercises beside them, which mostly wait)" })
          .option("force", { type: "boolean", default: false, describe: "regrade everything, not only what is new or changed" })
          .option("shard", { type: "string", describe: "grade only shard i of n (e.g. 2/4), a stable share of the class; auto: from the environment (Kubernetes Indexed Job, AWS Batch array, GitLab parallel, GRADER_SHARD_INDEX/GRADER_SHARD_COUNT)" })
          .option("student", { type: "string", describe: "grade (again) only this student (repeat, or comma-separate, for several)" })
          .option("python", { type: "string", describe: "Python interpreter for student code" })
          .option("sandbox", sandboxOption)
          .option("private", privateOption)
          .option("seed", { ...seedOption, describe: "one seed of the generated cases for every student (default: from each student's code)" })
          .option("feedback", { type: "boolean", default: false, describe: "also write feedback/<student>.html and .md: each student's own feedback, hidden checks honoured" })
          .option("similarity", { type: "boolean", default: false, describe: "also compare the submissions of each exercise: similarity.csv and a section of report.html" })
          .option("similarity-threshold", { type: "number", describe: "with --similarity: flag pairs at least this % alike (default 60)" })
          .example("$0 batch exercise-03 submissions/ --out results/", "grade every student's exercise-03")
          .example("$0 batch all submissions/ --out results/ --shard 1/4", "a quarter of the class, every exercise"),
      async (argv) => {
        const c = await commands();
        await c.batchCommand({ exercise: argv.exercise!, exercises: argv.exercises, submissions: await c.assertSubmissionDir(argv.submissions!), out: argv.out, jobs: argv.jobs, force: argv.force, shard: argv.shard, student: argv.student === undefined ? undefined : [argv.student].flat(), lang: langOf(argv), python: argv.python, sandbox: argv.sandbox as SandboxMode, seed: argv.seed as number | undefined, privateDir: c.privateDirOf(argv.private), feedback: argv.feedback, similarity: argv.similarity, similarityThreshold: argv.similarityThreshold });
      },
    )
    .command(
      "merge <inputs..>",
      "merge the output folders of several shards into one gradebook and report",
      (y) => y.positional("inputs", { type: "string", array: true, describe: "batch output folders" }).option("out", { alias: "o", type: "string", demandOption: true, describe: "merged output folder" }),
      async (argv) => (await commands()).mergeCommand({ inputs: argv.inputs as string[], out: argv.out, lang: langOf(argv) }),
    )
    .command(
      "gradescope <ids..>",
      "write Gradescope's autograder package for these exercises (or `all`): a zip with setup.sh and run_autograder",
      (y) =>
        y
          .positional("ids", { type: "string", array: true, describe: "exercise ids, or all" })
          .option("out", { alias: "o", type: "string", describe: "the zip to write, e.g. autograder.zip" })
          .option("submission", { type: "string", describe: "(inside the package) the submission to grade" })
          .option("results", { type: "string", describe: "(inside the package) where to write results.json" })
          .option("sandbox", sandboxOption)
          .option("python", { type: "string", describe: "Python interpreter for student code" })
          .option("private", privateOption)
          .example("$0 gradescope exercise-01 exercise-02 --out autograder.zip", "upload autograder.zip in Gradescope's Configure Autograder"),
      async (argv) => {
        const { gradescopeCommand } = await import("./teacher-commands.js");
        await gradescopeCommand({ ids: argv.ids as string[], out: argv.out, submission: argv.submission, results: argv.results, lang: langOf(argv), sandbox: argv.sandbox as SandboxMode, privateDir: (await commands()).privateDirOf(argv.private), python: argv.python });
      },
    )
    .command(
      "gradebook <results>",
      "fill an LMS gradebook export (Canvas or Moodle CSV) with a batch's scores, to import it again",
      (y) =>
        y
          .positional("results", { type: "string", describe: "a batch output folder" })
          .option("into", { type: "string", demandOption: true, describe: "the gradebook CSV exported from Canvas or Moodle" })
          .option("out", { alias: "o", type: "string", demandOption: true, describe: "the filled CSV to write (import this one)" })
          .option("roster", { type: "string", describe: "CSV: submission name → LMS login, email or id (default: the submission's name is one of them)" })
          .option("column", { type: "string", array: true, default: [] as string[], describe: 'the column to fill: "Title (id)" with the course total, or "Title (id)=exercise-01" with one exercise (repeatable)' })
          .example('$0 gradebook results/ --into canvas.csv --out filled.csv --column "Exercise 1 (5001)=exercise-01"', "fill one Canvas assignment"),
      async (argv) => {
        const { gradebookCommand } = await import("./teacher-commands.js");
        await gradebookCommand({ results: argv.results!, into: argv.into, out: argv.out, roster: argv.roster, columns: (argv.column as string[]).map(String), lang: langOf(argv) });
      },
    )
    .command(
      "$0 <exercise> [dir]",
      "grade one exercise",
      (y) =>
        gradeOptions(y.positional("exercise", { type: "string", describe: "exercise id, e.g. exercise-01 (see `grade list`)" }))
          .example("$0 exercise-01", "grade ./ip_classify.py")
          .example("$0 exercise-02 ~/work --format json", "print the result as JSON")
          .example("$0 exercise-03 --junit report.xml --min-score 60%", "CI: JUnit file, pass from 60 %"),
      async (argv) => {
        const c = await commands();
        await c.loadExercise(argv.exercise!); // an unknown exercise fails before anything else
        await c.gradeCommand(async () => [argv.exercise!], argv as unknown as GradeArgs);
      },
    )
    .strict()
    .help()
    .alias("h", "help")
    .version()
    // yargs' own messages in English (its zh_CN is half translated), read back by yargsMessage below.
    .locale("en")
    // The terminal's width on a terminal; no wrapping elsewhere, so no word or example is ever broken.
    .wrap(process.stdout.isTTY ? Math.max(80, process.stdout.columns ?? 80) : null)
    .fail((msg, err, y) => {
      if (err) throw err;
      const args = hideBin(process.argv);
      // `grade` alone: the usage, not an error about arguments.
      if (args.length === 0) {
        y.showHelp((text: string) => process.stderr.write(text + "\n"));
        process.exit(EXIT.cannotRun);
      }
      const lang = langOfArgs(args);
      // The options this command knows, as its help lists them (for "did you mean").
      let help = "";
      y.showHelp((text: string) => (help = text));
      fail(yargsMessage(msg, lang, [...new Set([...help.matchAll(/--([a-z][a-z-]+)/g)].map((m) => m[1]))]));
    })
    .parseAsync();
}

/** yargs' message for a bad command line, in the student's language, with a "did you mean" for a misspelt option. */
function yargsMessage(msg: string, lang: Lang, options: string[]): string {
  const unknown = /^Unknown arguments?: (.+)$/.exec(msg);
  if (unknown) {
    return unknown[1]
      .split(", ")
      .map((name) => {
        const hint = closestOption(name, options);
        const option = (name.length > 1 ? "--" : "-") + name;
        return hint ? t(lang, "errUnknownOptionHint", { option, hint: `--${hint}` }) : t(lang, "errSeeHelp", { message: t(lang, "errUnknownOption", { option }) });
      })
      .join(" ");
  }
  if (/^Not enough non-option arguments/.test(msg)) return t(lang, "errMissingExercise");
  const missing = /^Missing required arguments?: (.+)$/.exec(msg);
  if (missing) return t(lang, "errSeeHelp", { message: t(lang, "errMissingOption", { option: missing[1] }) });
  const choice = /Argument: ([\w-]+), Given: ("[^"]*"), Choices: (.+)$/m.exec(msg);
  if (choice) return t(lang, "errInvalidChoice", { option: choice[1], given: choice[2], choices: choice[3] });
  return t(lang, "errSeeHelp", { message: msg });
}

/** The known option nearest to a misspelt one (--onyl → --only), if it is near enough. */
function closestOption(name: string, options: string[]): string | undefined {
  let best: string | undefined;
  let distance = Infinity;
  for (const o of options.filter((x) => x.length > 1 && x !== "$0" && !/[A-Z]/.test(x))) {
    const d = editDistance(name.toLowerCase(), o);
    if (d < distance) [best, distance] = [o, d];
  }
  return distance <= (name.length <= 3 ? 1 : Math.max(2, Math.floor(name.length / 3))) ? best : undefined;
}

/** --lang from the raw arguments (the error may come before or from yargs), else the locale's. */
function langOfArgs(args: string[]): Lang {
  const value = lastOptionValue(args, "lang");
  return value === "zh" || value === "en" ? value : detectLang();
}

main().catch((e: unknown) => {
  if (isGraderError(e)) fail(e.messageIn(langOfArgs(hideBin(process.argv))));
  fail(`internal error: ${(e as Error)?.stack ?? String(e)}`);
});
