// `grade` on the student's PATH, as the README's set-up puts it there (`npm install -g .`), working from a
// folder that has nothing to do with the grader; and no doc or message tells a student to run `npx grade`.
import { execa } from "execa";
import { copyFile, mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "./helpers/cli.js";

describe("grade on PATH", () => {
  it("npm install -g . into a temporary prefix, then `grade exercise-01` from an unrelated folder", async () => {
    const prefix = await mkdtemp(path.join(tmpdir(), "prefix-"));
    // A link to the checkout (what `npm install -g .` makes): no registry needed, hence --offline.
    await execa("npm", ["install", "-g", root, "--prefix", prefix, "--offline", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: root, timeout: 120_000 });
    const work = await mkdtemp(path.join(tmpdir(), "student-"));
    await copyFile(path.join(root, "solutions", "exercise-01", "ip_classify.py"), path.join(work, "ip_classify.py"));
    const env = { ...process.env, PATH: `${path.join(prefix, "bin")}${path.delimiter}${process.env.PATH}` };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    const r = await execa("grade", ["exercise-01", "--sandbox", "none", "--lang", "en"], { cwd: work, env, extendEnv: false, reject: false, timeout: 120_000 });
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/Total: 100\/100 \(100 %\)/);
  });

  it("npm pack ships what `grade` needs", async () => {
    const r = await execa("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, timeout: 120_000 });
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    for (const f of ["bin/grade.js", "dist/grader/cli/main.js", "grader/python/function_harness.py", "exercises/exercise-01/exercise.json", "exercises/exercise-01/starter/ip_classify.py"]) expect(files).toContain(f);
  });

  it("no spec, template or README tells a student to run `npx grade`", async () => {
    const docs = [path.join(root, "README.md")];
    for (const ex of await readdir(path.join(root, "exercises"))) for (const f of ["README.md", "README.en.md"]) docs.push(path.join(root, "exercises", ex, f));
    for (const dir of ["templates/github", "templates/gitlab"]) for (const f of await readdir(path.join(root, dir)).catch(() => [])) docs.push(path.join(root, dir, f));
    for (const doc of docs) {
      const text = await readFile(doc, "utf8").catch(() => "");
      // A command line (in a code block or a YAML run step) that starts with npx grade.
      expect(text, doc).not.toMatch(/^\s*(?:- run: |run: )?npx grade/m);
    }
    for (const f of ["init-command.ts"]) expect(await readFile(path.join(root, "grader", "cli", f), "utf8")).not.toMatch(/npx grade/);
  });
});
