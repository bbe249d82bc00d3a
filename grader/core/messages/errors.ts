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
  errShard: { en: "Expected --shard to be i/n with 1 <= i <= n (e.g. 2/4), got `{text}`", zh: "--shard 应为 i/n，且 1 <= i <= n（如 2/4），实际为 `{text}`" },
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
} satisfies Record<string, Bilingual>;
