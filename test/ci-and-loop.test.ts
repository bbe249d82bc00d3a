// CI output and the student's loop: JUnit (parsed back), GitHub annotations line by line, the step
// summary, several formats at once, --min-score, --only, grade all, init, --watch, languages, and the
// workflow templates (checked by GitHub's own workflow parser).
import { execa } from "execa";
import { existsSync } from "node:fs";
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseWorkflow, NoOperationTraceWriter } from "@actions/workflow-parser";
import { afterAll, describe, expect, it } from "vitest";
import { grade, gradeJson, root } from "./helpers/cli.js";
import { exerciseIds } from "../grader/engine/exercises.js";
import { percentOf } from "../grader/text/percent.js";
import { fixturesDir, removeTemps, tempDir } from "./helpers/fixtures.js";

afterAll(removeTemps);
const broken = path.join(fixturesDir, "exercise-01", "accepts-256");
const solution = (id: string) => path.join(root, "solutions", id);

describe.concurrent("CI formats", () => {
  it("JUnit XML: well-formed, a testsuite per exercise, a testcase per check, failures with expected/got", async () => {
    const r = await grade(["exercise-01", broken, "--format", "junit"]);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(r.stdout);
    const suite = doc.testsuites.testsuite;
    expect(suite.name).toMatch(/^exercise-01/);
    expect(suite.testcase).toHaveLength(14);
    const failed = suite.testcase.filter((t: { failure?: unknown }) => t.failure);
    expect(failed.length).toBe(Number(suite.failures));
    expect(failed[0].failure.message).toMatch(/expected .* got /);
    expect(doc.testsuites.tests).toBe("14");
  });

  it("several formats at once: human on stdout, JUnit and JSON to files", async () => {
    const dir = await tempDir();
    const r = await grade(["exercise-01", broken, "--format", "human", "--junit", path.join(dir, "out", "r.xml"), "--json", path.join(dir, "r.json")]);
    const score = JSON.parse(await readFile(path.join(dir, "r.json"), "utf8")).score;
    expect(score).toBeGreaterThan(90);
    expect(score).toBeLessThan(100);
    expect(r.stdout).toContain(`Total: ${score}/100`);
    expect(XMLValidator.validate(await readFile(path.join(dir, "out", "r.xml"), "utf8"))).toBe(true);
  });

  it("GitHub annotations: one line per failed check, on the student's file and line, escaped", async () => {
    const r = await grade(["exercise-01", path.join(fixturesDir, "exercise-01", "raises-on-invalid"), "--format", "github"], { cwd: root });
    const lines = r.stdout.trim().split("\n");
    for (const line of lines) {
      expect(line).toMatch(/^::(warning|error) file=test\/fixtures\/exercise-01\/raises-on-invalid\/ip_classify\.py,line=\d+,title=exercise-01%3A [^:]+::/);
      expect(line).not.toMatch(/\n/);
    }
    expect(lines.some((l) => /%0Agot: raised ValueError/.test(l))).toBe(true);
  });

  it("on GitHub Actions: annotations after the human output, and a Markdown summary appended", async () => {
    const dir = await tempDir();
    const summary = path.join(dir, "summary.md");
    await writeFile(summary, "earlier step\n");
    const r = await grade(["exercise-01", broken], { env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary } });
    const { score } = (await gradeJson("exercise-01", broken)).result;
    expect(r.stdout).toMatch(new RegExp(`Total: ${score}/100[\\s\\S]*\\n::warning file=`));
    const md = await readFile(summary, "utf8");
    expect(md).toMatch(/^earlier step\n## udp-grader\n/);
    // The percentage is floored to one decimal (grader/text/percent.ts): 98.43 points show as 98.4 %.
    expect(md).toContain(`| exercise-01 · Classify IPv4 addresses | ${score}/100 (${percentOf(score, 100)} %) | 13/14 |`);
  });

  it("--min-score decides the exit code, in points or percent", async () => {
    const code = async (extra: string[]) => (await grade(["exercise-01", broken, ...extra])).exitCode;
    const { score } = (await gradeJson("exercise-01", broken)).result; // between 90 and 100, not whole
    expect(await code([])).toBe(1);
    expect(await code(["--min-score", String(Math.floor(score))])).toBe(0);
    expect(await code(["--min-score", String(Math.ceil(score))])).toBe(1);
    expect(await code(["--min-score", `${score}%`])).toBe(0);
    expect(await code(["--min-score", "lots"])).toBe(2);
    expect(await code(["--min-score", "101"]), "more than the exercise is worth").toBe(2);
  });
});

describe.concurrent("the student's loop", () => {
  it("grade all grades every exercise of the course; a missing one counts 0 (more in totals.test.ts)", async () => {
    const dir = await tempDir();
    await cp(path.join(solution("exercise-01"), "ip_classify.py"), path.join(dir, "ip_classify.py"));
    await cp(path.join(solution("exercise-04"), "udp_client.py"), path.join(dir, "udp_client.py"));
    const r = await grade(["all", dir, "--format", "json"]);
    const results = JSON.parse(r.stdout);
    const course = exerciseIds();
    const handed = new Set(["exercise-01", "exercise-04"]);
    expect(results.map((x: { exercise: string; score: number }) => [x.exercise, x.score])).toEqual(course.map((id) => [id, handed.has(id) ? 100 : 0]));
    expect(r.exitCode).toBe(1);
    const handedIn = await grade(["all", dir, "--exercises", "exercise-04,exercise-01", "--format", "json"]);
    expect(JSON.parse(handedIn.stdout).map((x: { exercise: string }) => x.exercise)).toEqual(["exercise-01", "exercise-04"]);
    expect(handedIn.exitCode).toBe(0);
  });

  it("--only runs the named checks", async () => {
    const r = await grade(["exercise-01", broken, "--only", "octet,loopback", "--format", "json"]);
    const result = JSON.parse(r.stdout);
    expect(result.tests.map((t: { id: string }) => t.id)).toEqual(["octet-range", "loopback"]);
    expect(result.max_score).toBe(14);
    expect((await grade(["exercise-01", broken, "--only", "nonsense"])).stderr).toMatch(/has no check "nonsense"; its checks: accepts-valid/);
  });

  it("init copies the starter and a README, and refuses to overwrite without --force", async () => {
    const dir = await tempDir();
    expect((await grade(["init", "exercise-03", dir])).exitCode).toBe(0);
    expect(existsSync(path.join(dir, "udp_server.py"))).toBe(true);
    expect(await readFile(path.join(dir, "exercise-03.README.md"), "utf8")).toMatch(/^grade exercise-03 \. /m);
    await writeFile(path.join(dir, "udp_server.py"), "# my work\n");
    const again = await grade(["init", "exercise-03", dir]);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/Not overwriting your work/);
    expect(await readFile(path.join(dir, "udp_server.py"), "utf8")).toBe("# my work\n");
    expect((await grade(["init", "exercise-03", dir, "--force"])).exitCode).toBe(0);
    expect(await readFile(path.join(dir, "udp_server.py"), "utf8")).not.toBe("# my work\n");
  });

  it("--watch grades again after the file is saved", async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, "ip_classify.py"), "def classify_ip(a):\n    return {'valid': False}\n");
    const child = execa("node", [path.join(root, "bin", "grade.js"), "exercise-01", dir, "--watch", "--lang", "en"], { reject: false });
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    const waitFor = async (re: RegExp) => {
      const deadline = Date.now() + 30_000;
      while (!re.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(out).toMatch(re);
    };
    try {
      await waitFor(/Total: 0\/100[\s\S]*watching/);
      await cp(path.join(solution("exercise-01"), "ip_classify.py"), path.join(dir, "ip_classify.py"));
      await waitFor(/Total: 100\/100/);
    } finally {
      child.kill("SIGINT");
      await child;
    }
  });

  it("messages follow --lang and the locale", async () => {
    const zh = await grade(["exercise-01", broken, "--lang", "zh"]);
    expect(zh.stdout).toMatch(/总分/);
    const fromLocale = await grade(["exercise-01", broken], { env: { LANG: "zh_CN.UTF-8", LC_ALL: "" } });
    expect(fromLocale.stdout).toMatch(/总分/);
    const en = await grade(["exercise-01", broken], { env: { LANG: "en_US.UTF-8", LC_ALL: "" } });
    expect(en.stdout).toMatch(/Total/);
  });

  it("socket feedback in Chinese has no English words of the grader's own (roles, expectations, times)", async () => {
    const client = await grade(["exercise-04", path.join(root, "test", "fixtures", "exercise-04", "sends-twice"), "--lang", "zh", "--only", "request-format", "-v"]);
    expect(client.stdout).toMatch(/；服务器：回复 /);
    expect(client.stdout).toMatch(/期望： *请求 \{"op": "echo"/);
    expect(client.stdout).toMatch(/程序 127\.0\.0\.1:\d+ → 评分器 127\.0\.0\.1:\d+/);
    expect(client.stdout).toMatch(/退出码 0，运行了 [\d.]+ 秒/);
    expect(client.stdout).not.toMatch(/; server: |\bprogram 127|\bgrader 127| after [\d.]+ s\b/);
    const server = await grade(["exercise-03", path.join(root, "test", "fixtures", "exercise-03", "client-ip-only"), "--lang", "zh", "--only", "reply-shape"]);
    expect(server.stdout).toMatch(/`client` 应为 发送者，写成 "IP:PORT" 或 "\[IPv6\]:PORT"/);
  });

  it("Python too old or missing: one clear line, exit 2", async () => {
    const dir = await tempDir();
    const fake = path.join(dir, "python3");
    await writeFile(fake, "#!/bin/sh\necho /usr/bin/python2\necho 2.7.18\n", { mode: 0o755 });
    const old = await grade(["exercise-01", broken, "--python", fake]);
    expect(old.exitCode).toBe(2);
    expect(old.stderr.trim()).toMatch(/^grade: .* is Python 2\.7\.18; the exercises need Python 3\.8 or newer/);
  });
});

describe("workflow templates", () => {
  it.each(["grade.yml", "grade-class.yml"])("%s is a valid GitHub Actions workflow (GitHub's own parser)", async (name) => {
    const content = await readFile(path.join(root, "templates", "github", name), "utf8");
    const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    expect(result.value).toBeDefined();
  });
});
