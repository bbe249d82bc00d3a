// Messages of the errors that stop the grader (exit code 2): bad arguments, a missing folder or Python, an
// invalid exercise. One catalogue of the grader's messages (composed in grader/core/i18n.ts).
import type { Bilingual } from "../i18n.js";

export const errorMessages = {
  errUnknownExercise: {
    en: 'Unknown exercise "{id}". Did you mean {hint}? Run `grade list` to see them all.',
    zh: "没有练习 \"{id}\"。你是想输入 {hint} 吗？运行 `grade list` 查看全部练习。",
  },
  errUnknownExerciseList: {
    en: 'Unknown exercise "{id}". The exercises are: {ids} (see `grade list`).',
    zh: "没有练习 \"{id}\"。现有的练习：{ids}（见 `grade list`）。",
  },
  errExerciseFile: { en: "{file} is not valid: {problem}", zh: "{file} 无效：{problem}" },
  errNoStarter: { en: "{exercise} has no starter code", zh: "{exercise} 没有初始代码" },
  errSandbox: {
    en: "--sandbox bwrap: {problem}. Install it (Debian/Ubuntu: sudo apt-get install bubblewrap) or choose --sandbox none.",
    zh: "--sandbox bwrap：{problem}。请安装它（Debian/Ubuntu：sudo apt-get install bubblewrap），或选择 --sandbox none。",
  },
  errPythonTooOld: {
    en: "{cmd} is Python {version}; the exercises need Python {min} or newer (set --python or GRADER_PYTHON to a newer one).",
    zh: "{cmd} 是 Python {version}；练习需要 Python {min} 或更新的版本（用 --python 或 GRADER_PYTHON 指定一个更新的）。",
  },
  errPythonNotRun: {
    en: "Python not found: `{cmd}` could not be run (check --python / GRADER_PYTHON).",
    zh: "找不到 Python：无法运行 `{cmd}`（请检查 --python / GRADER_PYTHON）。",
  },
  errPythonMissing: {
    en: "Python not found: neither `python3` nor `python` is on PATH. Install Python 3.8+ or pass --python /path/to/python3.",
    zh: "找不到 Python：PATH 中既没有 `python3` 也没有 `python`。请安装 Python 3.8+，或用 --python /path/to/python3 指定。",
  },
  errExercisesList: {
    en: "Expected --exercises to name exercises (e.g. exercise-01,exercise-03), got `{list}`",
    zh: "--exercises 应列出练习（如 exercise-01,exercise-03），实际为 `{list}`",
  },
  errOnlyNone: {
    en: '--only: none of {ids} has a check "{name}" (see their checks with --format json)',
    zh: "--only：{ids} 中没有检查 \"{name}\"（用 --format json 可查看它们的检查）",
  },
  errOnlyUnknown: {
    en: '--only: {exercise} has no check "{name}"; its checks: {ids}',
    zh: "--only：{exercise} 没有检查 \"{name}\"；它的检查有：{ids}",
  },
  errShard: {
    en: "Expected --shard to be i/n with 1 <= i <= n (e.g. 2/4) or auto, got `{text}`",
    zh: "--shard 应为 i/n，且 1 <= i <= n（如 2/4），或为 auto，实际为 `{text}`",
  },
  // --shard auto: the shard from the engine's environment (grader/cli/shard.ts).
  errShardAutoNoCount: {
    en: "--shard auto: {index} is set ({engine}) but not the number of shards: set {count}",
    zh: "--shard auto：设置了 {index}（{engine}），但没有分片总数：请设置 {count}",
  },
  errShardAutoNoCounts: {
    en: "--shard auto: {index} is set ({engine}) but not the number of shards: set {count} or {other}",
    zh: "--shard auto：设置了 {index}（{engine}），但没有分片总数：请设置 {count} 或 {other}",
  },
  errShardAutoInvalid: {
    en: "--shard auto: {from} is not a shard ({engine} counts from {base}; the number of shards must be at least 1)",
    zh: "--shard auto：{from} 不是有效的分片（{engine} 从 {base} 开始编号；分片总数至少为 1）",
  },
  errShardAutoNone: {
    en: "--shard auto found no shard in the environment (looked for {names})",
    zh: "--shard auto 在环境变量中找不到分片（查找了 {names}）",
  },
  errShardAutoConflict: {
    en: "--shard auto: the environment names two different shards ({first}; {second})",
    zh: "--shard auto：环境变量给出了两个不同的分片（{first}；{second}）",
  },
  errJobs: { en: "Expected --jobs to be a positive integer, got `{jobs}`", zh: "--jobs 应为正整数，实际为 `{jobs}`" },
  errExercisesWithAll: {
    en: "--exercises goes with `grade batch all` (here the exercise is {exercise})",
    zh: "--exercises 只能和 `grade batch all` 一起使用（这里的练习是 {exercise}）",
  },
  errMinScore: {
    en: "Expected --min-score to be points (e.g. 80) or a percentage from 0% to 100% (e.g. 80%), got `{text}`",
    zh: "--min-score 应为分数（如 80）或 0% 到 100% 之间的百分比（如 80%），实际为 `{text}`",
  },
  errMinScoreNegative: {
    en: "--min-score cannot be negative, got `{text}` (give points from 0, e.g. 80, or a percentage, e.g. 80%)",
    zh: "--min-score 不能为负数，实际为 `{text}`（请给出从 0 起的分数如 80，或百分比如 80%）",
  },
  errMinScoreTooHigh: {
    en: "--min-score {text} is more than the {max} points the exercises graded here are worth (give points up to {max}, or a percentage such as 60%)",
    zh: "--min-score {text} 超过了这里评测的练习的总分 {max} 分（请给出不超过 {max} 的分数，或百分比如 60%）",
  },
  errSeed: { en: "Expected --seed to be a whole number from 0 to 2147483647, got `{value}`", zh: "--seed 应为 0 到 2147483647 之间的整数，实际为 `{value}`" },
  errNotBatchOutput: { en: "{dir} is not a batch output folder (it has no results/ folder)", zh: "{dir} 不是批量评分的输出文件夹（其中没有 results/ 文件夹）" },
  errPrivateNotFolder: { en: "--private: {dir} is not a folder", zh: "--private：{dir} 不是一个文件夹" },
  errPrivateInvalid: { en: "--private: {problem}", zh: "--private：{problem}" },
  errInternal: { en: "internal grader error: {problem}", zh: "评分器内部错误：{problem}" },
  errFolderMissing: { en: "The folder {dir} does not exist.", zh: "文件夹 {dir} 不存在。" },
  errNotAFolder: { en: "{dir} is not a folder (give the folder that contains your .py file).", zh: "{dir} 不是文件夹（请给出包含你的 .py 文件的文件夹）。" },
  errUnknownOption: { en: "Unknown option {option}.", zh: "没有选项 {option}。" },
  errUnknownOptionHint: { en: "Unknown option {option}: did you mean {hint}?", zh: "没有选项 {option}：你是想输入 {hint} 吗？" },
  errMissingExercise: { en: "Which exercise? Give one, e.g. grade exercise-01 (see grade list).", zh: "要评哪个练习？请给出一个，例如 grade exercise-01（见 grade list）。" },
  errMissingOption: { en: "Missing option --{option}.", zh: "缺少选项 --{option}。" },
  errInvalidChoice: { en: "--{option} {given} is not one of {choices}.", zh: "--{option} {given} 不是 {choices} 之一。" },
  errSeeHelp: { en: "{message} (see grade --help)", zh: "{message}（见 grade --help）" },
  // Batches (grader/batch, grader/cli/batch-command.ts).
  errLockFailed: { en: "could not take the lock {lock}", zh: "无法获得锁 {lock}" },
  errSimilarityThreshold: {
    en: "Expected --similarity-threshold to be a percentage above 0 and at most 100, got `{value}`",
    zh: "--similarity-threshold 应为大于 0、不超过 100 的百分数，实际为 `{value}`",
  },
  // Teacher commands: `grade gradescope` and `grade gradebook` (grader/cli/teacher-commands.ts, grader/gradescope, grader/gradebook).
  errGradescopeArgs: {
    en: "Expected either --out ZIP (build the package) or both --submission DIR and --results FILE (run inside it)",
    zh: "请给出 --out ZIP（生成评分包），或同时给出 --submission DIR 和 --results FILE（在评分包内运行）",
  },
  errGradescopeOut: {
    en: "Expected --out autograder.zip (or --submission and --results inside the package)",
    zh: "请给出 --out autograder.zip（或在评分包内给出 --submission 和 --results）",
  },
  errNotBuilt: {
    en: "The grader is not built (no dist/): run `npm run build` first",
    zh: "评分器还没有构建（没有 dist/）：请先运行 `npm run build`",
  },
  errNoSuchFile: { en: "No such file: {file}", zh: "没有这个文件：{file}" },
  errFileEmpty: { en: "{file} is empty", zh: "{file} 是空文件" },
  errGradebookSameFile: {
    en: "--out must be another file than --into (the LMS's export is kept as it is)",
    zh: "--out 必须是与 --into 不同的文件（LMS 导出的文件保持原样）",
  },
  errRosterHeader: {
    en: "{file}: expected a header with a `submission` column and the LMS identifier's column (login, email or id), got {header}",
    zh: "{file}：第一行应有 `submission` 列和 LMS 标识列（login、email 或 id），实际为 {header}",
  },
  errRosterNoHeader: {
    en: "{file}: expected a header with a `submission` column and the LMS identifier's column (login, email or id), got nothing",
    zh: "{file}：第一行应有 `submission` 列和 LMS 标识列（login、email 或 id），但文件是空的",
  },
  errNotLmsExport: {
    en: "{file} is not a Canvas or Moodle gradebook export: its first row is {header}",
    zh: "{file} 不是 Canvas 或 Moodle 导出的成绩册：第一行是 {header}",
  },
  errGradebookNameColumn: {
    en: 'Name the column to fill with --column (e.g. --column "{example}=exercise-01"); {file}\'s assignment columns: {columns}',
    zh: "请用 --column 指定要填写的列（如 --column \"{example}=exercise-01\"）；{file} 的作业列：{columns}",
  },
  errGradebookNameColumnNone: {
    en: 'Name the column to fill with --column (e.g. --column "{example}=exercise-01"); {file}\'s assignment columns: (none)',
    zh: "请用 --column 指定要填写的列（如 --column \"{example}=exercise-01\"）；{file} 中没有作业列",
  },
  errGradebookNoColumn: {
    en: "{file} has no assignment column `{column}`; its assignment columns: {columns}",
    zh: "{file} 中没有作业列 `{column}`；它的作业列：{columns}",
  },
  errGradebookNoColumnNone: {
    en: "{file} has no assignment column `{column}`; its assignment columns: (none)",
    zh: "{file} 中没有作业列 `{column}`；它没有任何作业列",
  },
  errResultsNoExercise: { en: "The results have no {exercise}; they have {exercises}", zh: "结果中没有 {exercise}；只有 {exercises}" },
  // Kinds and Python.
  errPythonNoAnswer: {
    en: "Python did not answer: `{cmd} -c ...` was still running after 60 s (is the machine overloaded?).",
    zh: "Python 没有响应：`{cmd} -c ...` 运行 60 秒后仍未结束（机器是否过载？）。",
  },
} satisfies Record<string, Bilingual>;
