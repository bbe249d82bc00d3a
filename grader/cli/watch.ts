// `grade EXERCISE --watch`: regrade whenever a .py file in the folder changes (chokidar; debounced), and
// show only the first failing checks in full so the screen stays readable.
import chokidar from "chokidar";
import type { GradeResult } from "../generated/result.js";
import { t, type Lang } from "../core/i18n.js";
import { visibleLine, visibleText } from "../reporters/escape.js";

export async function watchAndGrade(dir: string, grade: () => Promise<GradeResult[]>, show: (results: GradeResult[]) => void, lang: Lang, debounceMs = 300): Promise<never> {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      // Said at once: a grading takes seconds, and a blank screen looks like nothing happened.
      if (process.stdout.isTTY) process.stdout.write("\x1b[2J\x1b[H");
      process.stdout.write(t(lang, "watchGrading", { dir: visibleLine(dir) }) + "\n");
      const results = await grade();
      if (process.stdout.isTTY) process.stdout.write("\x1b[2J\x1b[H");
      show(results);
      process.stdout.write("\n" + t(lang, "watchWaiting", { dir: visibleLine(dir) }) + "\n");
    } catch (e) {
      process.stderr.write(`grade: ${visibleText((e as Error).message)}\n`);
    } finally {
      running = false;
      if (again) {
        again = false;
        void run();
      }
    }
  };
  const watcher = chokidar.watch(dir, {
    ignoreInitial: true,
    ignored: (p, stats) => /(^|[/\\])(\.|__pycache__|node_modules)/.test(p.slice(dir.length)) || Boolean(stats?.isFile() && !p.endsWith(".py")),
    depth: 2,
  });
  watcher.on("all", () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), debounceMs);
  });
  await new Promise<void>((r) => watcher.on("ready", () => r()));
  await run();
  return new Promise<never>(() => {});
}
