// The command line: parses arguments and calls the library. Exit codes: 0 full score, 1 graded but not full,
// 2 the grader could not run (one clear line on stderr).
import path from "node:path";
import yargs, { type Argv } from "yargs";
import { hideBin } from "yargs/helpers";
import { GraderError, isGraderError } from "../core/errors.js";
import { detectLang, t, type Lang, type MessageKey } from "../core/i18n.js";
import { sandboxModes, type SandboxMode } from "../sandbox/modes.js";
import { editDistance } from "../core/edit-distance.js";
import { lastOptionValue } from "./raw-args.js";
import { reporterNames, type ReporterName } from "../reporters/names.js";
import { visibleText } from "../reporters/escape.js";
import { graderVersion } from "../core/paths.js";
import type { GradeArgs } from "./commands.js";

/** The commands' work, loaded once one is chosen: `--version` and `--help` need none of it. */
const commands = () => import("./commands.js");

// Exit codes: 0 full score (or --min-score reached), 1 graded but below it, 2 the grader could not run.
const EXIT = { cannotRun: 2 } as const;

function fail(message: string): never {
  // The message may carry a path or a name someone else chose (a student's folder in a teacher's loop):
  // its control characters are shown, never sent to the terminal.
  process.stderr.write(`grade: ${visibleText(message)}\n`);
  process.exit(EXIT.cannotRun);
}

/** A folder as a shell argument: as is when it is plain, else in single quotes. */
const quoteArg = (a: string) => (/^[\w@%+=:,./~-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);

/** The language of the help (descriptions, examples and yargs' words around them): --lang, else the locale's. */
const helpLang = langOfArgs(hideBin(process.argv));
const d = (key: MessageKey) => t(helpLang, key);

/** --lang, or the locale's language. */
const langOf = (argv: { lang?: unknown }): Lang => (argv.lang as Lang | undefined) ?? detectLang();

const sandboxOption = {
  choices: sandboxModes,
  default: (process.env.GRADER_SANDBOX as SandboxMode | undefined) ?? "auto",
  describe: d("helpSandbox"),
} as const;

const privateOption = {
  type: "string",
  default: process.env.GRADER_PRIVATE || undefined,
  describe: d("helpPrivate"),
} as const;

/** The options of `grade EXERCISE` and `grade all`. */
function gradeOptions<T>(y: Argv<T>) {
  return y
    .positional("dir", { type: "string", default: ".", describe: d("helpDir") })
    .option("format", { alias: "f", choices: reporterNames, default: "human" as ReporterName, describe: d("helpFormat") })
    .option("junit", { type: "string", describe: d("helpJunit") })
    .option("json", { type: "string", describe: d("helpJson") })
    .option("min-score", { type: "string", describe: d("helpMinScore") })
    .option("only", { type: "string", describe: d("helpOnly") })
    .option("watch", { alias: "w", type: "boolean", default: false, describe: d("helpWatch") })
    .option("python", { type: "string", describe: d("helpPython") })
    .option("color", { type: "boolean", describe: d("helpColor") })
    .option("verbose", { alias: "v", type: "boolean", default: false, describe: d("helpVerbose") })
    .option("sandbox", sandboxOption)
    .option("seed", seedOption)
    .option("private", privateOption);
}

/** The generated cases' seed: by default from the code's content, so the same code meets the same cases. */
const seedOption = {
  type: "number",
  describe: d("helpSeed"),
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
    .usage(d("helpUsage"))
    .option("lang", { choices: ["zh", "en"] as const, describe: d("helpLang") })
    .command(
      "list",
      d("helpList"),
      () => {},
      async (argv) => (await commands()).listExercises(langOf(argv)),
    )
    .command(
      "all [dir]",
      d("helpAll"),
      (y) => gradeOptions(y).option("exercises", { type: "string", describe: d("helpExercises") }),
      async (argv) => {
        const c = await commands();
        await c.gradeCommand(() => c.courseExercises(argv.exercises), argv as unknown as GradeArgs);
      },
    )
    .command(
      "init <exercise> [dir]",
      d("helpInit"),
      (y) =>
        y
          .positional("exercise", { type: "string", describe: d("helpExerciseId") })
          .positional("dir", { type: "string", default: ".", describe: d("helpYourFolder") })
          .option("force", { type: "boolean", default: false, describe: d("helpForceInit") }),
      async (argv) => {
        const lang = langOf(argv);
        const written = await (await commands()).initCommand({ exercise: argv.exercise!, dir: argv.dir, force: argv.force, lang });
        // The paths as the student typed them (not relative to wherever they stand), then what to do next.
        const entry = (await (await import("../engine/exercises.js")).loadExercise(argv.exercise!)).data.entry;
        process.stdout.write(written.map((f) => t(lang, "initWrote", { file: f })).join("\n") + "\n\n" + t(lang, "initNext", { entry: path.join(argv.dir, entry), exercise: argv.exercise!, dir: quoteArg(argv.dir) }) + "\n");
      },
    )
    .command(
      "batch <exercise> <submissions>",
      d("helpBatch"),
      (y) =>
        y
          .positional("exercise", { type: "string", describe: d("helpBatchExercise") })
          .option("exercises", { type: "string", describe: d("helpBatchExercises") })
          .positional("submissions", { type: "string", describe: d("helpSubmissions") })
          .option("out", { alias: "o", type: "string", demandOption: true, describe: d("helpBatchOut") })
          .option("jobs", { alias: "j", type: "number", describe: d("helpJobs") })
          .option("force", { type: "boolean", default: false, describe: d("helpForceBatch") })
          .option("shard", { type: "string", describe: d("helpShard") })
          .option("student", { type: "string", describe: d("helpStudent") })
          .option("python", { type: "string", describe: d("helpPythonBatch") })
          .option("sandbox", sandboxOption)
          .option("private", privateOption)
          .option("seed", { ...seedOption, describe: d("helpSeedBatch") })
          .option("feedback", { type: "boolean", default: false, describe: d("helpFeedback") })
          .option("similarity", { type: "boolean", default: false, describe: d("helpSimilarity") })
          .option("similarity-threshold", { type: "number", describe: d("helpSimilarityThreshold") })
          .example("$0 batch exercise-03 submissions/ --out results/", d("helpExampleBatch"))
          .example("$0 batch all submissions/ --out results/ --shard 1/4", d("helpExampleShard")),
      async (argv) => {
        const c = await commands();
        await c.batchCommand({ exercise: argv.exercise!, exercises: argv.exercises, submissions: await c.assertSubmissionDir(argv.submissions!), out: argv.out, jobs: argv.jobs, force: argv.force, shard: argv.shard, student: argv.student === undefined ? undefined : [argv.student].flat(), lang: langOf(argv), python: argv.python, sandbox: argv.sandbox as SandboxMode, seed: argv.seed as number | undefined, privateDir: c.privateDirOf(argv.private), feedback: argv.feedback, similarity: argv.similarity, similarityThreshold: argv.similarityThreshold });
      },
    )
    .command(
      "merge <inputs..>",
      d("helpMerge"),
      (y) => y.positional("inputs", { type: "string", array: true, describe: d("helpMergeInputs") }).option("out", { alias: "o", type: "string", demandOption: true, describe: d("helpMergeOut") }),
      async (argv) => (await commands()).mergeCommand({ inputs: argv.inputs as string[], out: argv.out, lang: langOf(argv) }),
    )
    .command(
      "gradescope <ids..>",
      d("helpGradescope"),
      (y) =>
        y
          .positional("ids", { type: "string", array: true, describe: d("helpGradescopeIds") })
          .option("out", { alias: "o", type: "string", describe: d("helpGradescopeOut") })
          .option("submission", { type: "string", describe: d("helpGradescopeSubmission") })
          .option("results", { type: "string", describe: d("helpGradescopeResults") })
          .option("sandbox", sandboxOption)
          .option("python", { type: "string", describe: d("helpPythonBatch") })
          .option("private", privateOption)
          .example("$0 gradescope exercise-01 exercise-02 --out autograder.zip", d("helpExampleGradescope")),
      async (argv) => {
        const { gradescopeCommand } = await import("./teacher-commands.js");
        await gradescopeCommand({ ids: argv.ids as string[], out: argv.out, submission: argv.submission, results: argv.results, lang: langOf(argv), sandbox: argv.sandbox as SandboxMode, privateDir: (await commands()).privateDirOf(argv.private), python: argv.python });
      },
    )
    .command(
      "gradebook <results>",
      d("helpGradebook"),
      (y) =>
        y
          .positional("results", { type: "string", describe: d("helpGradebookResults") })
          .option("into", { type: "string", demandOption: true, describe: d("helpGradebookInto") })
          .option("out", { alias: "o", type: "string", demandOption: true, describe: d("helpGradebookOut") })
          .option("roster", { type: "string", describe: d("helpRoster") })
          .option("column", { type: "string", array: true, default: [] as string[], describe: d("helpColumn") })
          .example('$0 gradebook results/ --into canvas.csv --out filled.csv --column "Exercise 1 (5001)=exercise-01"', d("helpExampleGradebook")),
      async (argv) => {
        const { gradebookCommand } = await import("./teacher-commands.js");
        await gradebookCommand({ results: argv.results!, into: argv.into, out: argv.out, roster: argv.roster, columns: (argv.column as string[]).map(String), lang: langOf(argv) });
      },
    )
    .command(
      "$0 <exercise> [dir]",
      d("helpGradeOne"),
      (y) =>
        gradeOptions(y.positional("exercise", { type: "string", describe: d("helpExercise") }))
          .example("$0 exercise-01", d("helpExampleOne"))
          .example("$0 exercise-02 ~/work --format json", d("helpExampleJson"))
          .example("$0 exercise-03 --junit report.xml --min-score 60%", d("helpExampleCi")),
      async (argv) => {
        const c = await commands();
        await c.loadExercise(argv.exercise!); // an unknown exercise fails before anything else
        await c.gradeCommand(async () => [argv.exercise!], argv as unknown as GradeArgs);
      },
    )
    .strict()
    .help()
    .alias("h", "help")
    // The grader's own version: yargs' default reads the package.json nearest the working folder, which in a
    // student's project is theirs.
    .version(graderVersion)
    // yargs' own error messages in English (its zh_CN is half translated), read back by yargsMessage below;
    // the words of its help in the student's language.
    .locale("en")
    .updateStrings({
      "Commands:": d("helpWordCommands"),
      "Options:": d("helpWordOptions"),
      "Examples:": d("helpWordExamples"),
      "Positionals:": d("helpWordPositionals"),
      boolean: d("helpWordBoolean"),
      string: d("helpWordString"),
      number: d("helpWordNumber"),
      array: d("helpWordArray"),
      required: d("helpWordRequired"),
      default: d("helpWordDefaultCommand"),
      "default:": d("helpWordDefault"),
      "choices:": d("helpWordChoices"),
      "aliases:": d("helpWordAliases"),
      "Show help": d("helpWordShowHelp"),
      "Show version number": d("helpWordShowVersion"),
    })
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
