// The short README that `grade init` writes next to the starter code. One catalogue of the grader's
// messages (composed in grader/core/i18n.ts).
import type { Bilingual } from "../i18n.js";

export const initMessages = {
  initReadmeFill: { en: "Fill in the TODOs in `{entry}`, then grade it:", zh: "在 `{entry}` 中完成 TODO，然后评分：" },
  initReadmeOnce: { en: "grade once", zh: "评分一次" },
  initReadmeWatch: { en: "regrade every time you save", zh: "每次保存后自动重新评分" },
  initReadmeSpec: { en: "The full spec is exercises/{id}/README.en.md in the grader.", zh: "完整的说明见评分器中的 exercises/{id}/README.md。" },
  initReadmePath: {
    en: "`grade` is the command the grader's set-up puts on your PATH (see the grader's README).",
    zh: "`grade` 命令由评分器的安装步骤放进 PATH（见评分器的 README）。",
  },
  initReadmeTable: { en: "| Check | Points |", zh: "| 检查 | 分值 |" },
  initReadmeTotal: { en: "{points} points in all.", zh: "满分 {points}。" },
} satisfies Record<string, Bilingual>;
