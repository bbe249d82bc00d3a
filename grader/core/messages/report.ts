// What the reports say around a result (labels, the terminal view's words, percentages). One catalogue of
// the grader's messages (composed in grader/core/i18n.ts).
import type { Bilingual } from "../i18n.js";

export const reportMessages = {
  labelGiven: { en: "given", zh: "输入" },
  labelExpected: { en: "expected", zh: "期望" },
  labelGot: { en: "got", zh: "实际" },
  labelWhy: { en: "why", zh: "说明" },
  labelHint: { en: "hint", zh: "提示" },
  labelStdout: { en: "stdout", zh: "标准输出" },
  labelStderr: { en: "stderr", zh: "错误输出" },
  labelExit: { en: "ended", zh: "结束" },
  labelTranscript: { en: "on the wire", zh: "收发记录" },
  labelReplay: { en: "replay", zh: "重现" },
  labelClause: { en: "requirement", zh: "要求" },
  labelWarning: { en: "warning", zh: "警告" },
  labelCouldNotGrade: { en: "Could not grade", zh: "无法评分" },
  labelColon: { en: "{label}:", zh: "{label}：" },
  labeled: { en: "{label}: {text}", zh: "{label}：{text}" },
  moreFailedCases: { en: "… and {n} more failed case(s) (use --verbose to see all)", zh: "… 另有 {n} 个未通过的用例（加 --verbose 查看全部）" },
  moreCases: { en: "… (+{n})", zh: "…（另有 {n} 个）" },
  percent: { en: "{p} %", zh: "{p}%" },
  sentenceStop: { en: ".", zh: "。" },
  sentenceJoin: { en: " ", zh: "" },
  missingValue: { en: "(missing)", zh: "（缺失）" },
  nothingExercised: {
    en: "Nothing exercised this check (no answer or datagram to judge), so it earns nothing.",
    zh: "没有任何用例覆盖到这一项（没有可评判的返回值或数据报），因此不得分。",
  },
  scaledShort: { en: "({passed}/{total}, counted as {percent})", zh: "（{passed}/{total}，按 {percent} 计分）" },
  portFree: { en: "{port} free", zh: "{port} 空闲" },
  portTaken: { en: "{port} taken by {proto} on {host}", zh: "{port} 已被 {host} 上的 {proto} 占用" },
  portsSetup: { en: "  [ports: {ports}]", zh: "  [端口：{ports}]" },
  listPoints: { en: "{points} pts", zh: "{points} 分" },
} satisfies Record<string, Bilingual>;
