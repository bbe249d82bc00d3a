// The text a student reads, through the real CLI, in both languages (issue 13).
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { GradeResult } from "../grader/generated/result.js";
import { existsSync } from "node:fs";
import { grade, gradeJson, root, testOf } from "./helpers/cli.js";
import { listDirs } from "./helpers/fixtures.js";

const fixture = (name: string) => path.join(root, "test", "fixtures", "student", name);
const fast = ["--sandbox", "none"];
// Every exercise of the course, from the exercises folder (a new one is covered at once).
const exercises = (await listDirs(path.join(root, "exercises"))).filter((id) => existsSync(path.join(root, "exercises", id, "exercise.json")));

describe.concurrent("schema messages agree with the expected value", () => {
  it("{'valid': 'true'} on a valid address is told to be a bool, never False, in separate sentences", async () => {
    const { result } = await gradeJson("exercise-01", fixture("exercise-01-valid-as-string"), fast);
    const kase = testOf(result, "accepts-valid").cases[0];
    expect(kase.expected).toContain("True");
    expect(kase.message).not.toMatch(/must be False/);
    expect(kase.message).toContain("Wrong value for `valid`. `valid` must be a bool (True or False); got 'true'.");
    // The shape check names only what the right answer keeps too.
    const shape = testOf(result, "answer-shape").cases[0];
    expect(shape.message).not.toMatch(/must be False|not allowed/);
    const zh = await grade(["exercise-01", fixture("exercise-01-valid-as-string"), "--lang", "zh", ...fast]);
    expect(zh.stdout).toContain("`valid` 的值不正确。`valid` 应为 bool（True 或 False）；实际为 'true'。");
    expect(zh.stdout).not.toMatch(/应为 False/);
  });
});

describe.concurrent("a check scaled by `requires` says so, in every format", () => {
  const dir = path.join(root, "test", "fixtures", "exercise-01", "range-1-256");
  it("human (en, zh), json, junit and github", async () => {
    const { result } = await gradeJson("exercise-01", dir, fast);
    const scaled = testOf(result, "rejects-bad-syntax");
    expect(scaled.passed_cases).toBe(scaled.total_cases);
    expect(scaled.scaled?.requires.map((r) => r.id)).toEqual(["accepts-valid"]);
    expect(scaled.scaled!.percent).toBeLessThan(100);
    expect(scaled.note).toMatch(/^\d+\/\d+ cases passed, counted as [\d.]+ % because it builds on 'Accepts valid addresses' \(at [\d.]+ %\)\.$/);
    const en = await grade(["exercise-01", dir, "--lang", "en", ...fast]);
    expect(en.stdout).toMatch(/^~ Rejects malformed addresses +[\d.]+\/8 /m); // the short view
    expect(en.stdout).not.toMatch(/^✗ Rejects malformed/m);
    expect(en.stdout).toMatch(/^~ Rejects malformed addresses +[\d.]+\/8 +\(83\/83, counted as [\d.]+ %\)$/m);
    const zh = await grade(["exercise-01", dir, "--lang", "zh", "-v", ...fast]);
    expect(zh.stdout).toMatch(/^~ 拒绝格式错误的地址/m);
    expect(zh.stdout).toMatch(/通过了 \d+\/\d+ 个用例，按 [\d.]+% 计分，因为它以「接受合法地址」（[\d.]+%）为前提。/);
    const junit = await grade(["exercise-01", dir, "--lang", "en", "--format", "junit", ...fast]);
    expect(junit.stdout).toMatch(/message="\d+\/\d+ cases passed, counted as/);
    const github = await grade(["exercise-01", dir, "--lang", "en", "--format", "github", ...fast]);
    expect(github.stdout).toMatch(/::warning [^\n]*::\d+\/\d+ cases passed, counted as [\d.]+ %25 because it builds on 'Accepts valid addresses' \(at [\d.]+ %25\)\.$/m);
  });
});

describe.concurrent("a case that fails on another check's part says so, and names its reply", () => {
  const dir = fixture("exercise-03-global-count");
  it("a global counter: the long-datagram case points to the count check; a multi-datagram case names the reply", async () => {
    const { result } = await gradeJson("exercise-03", dir, fast);
    const big = testOf(result, "big-datagram");
    expect(big.cases.length).toBeGreaterThan(0);
    for (const k of big.cases) {
      expect(k.elsewhere).toBe("count-per-sender");
      expect(k.message).toMatch(/^This case failed only on the reply's "count", which is what '`count` counts per sender' checks: see that check/);
    }
    // A check about counting is not sent elsewhere.
    expect(testOf(result, "count-includes-invalid").cases.every((k) => !k.elsewhere)).toBe(true);
    expect(testOf(result, "count-per-sender").cases.map((k) => k.message).join("\n")).toMatch(/^Reply 3 of 4 \(to n2: \{"op":"count"\}\):\n"count": expected 3/m);
    const en = await grade(["exercise-03", dir, "--lang", "en", "-v", ...fast]);
    const section = /^✗ Datagrams up to 65,507 bytes[^]*?(?=^[✓✗~!] )/m.exec(en.stdout)![0];
    expect(section).toContain("see that check");
    expect(section).not.toMatch(/hint:/); // the check's own hint would blame the wrong clause
    const zh = await grade(["exercise-03", dir, "--lang", "zh", "-v", ...fast]);
    expect(zh.stdout).toContain("这个用例只在回复的 \"count\" 上出错，而那是「count 按发送者分别计数」检查的内容");
    expect(zh.stdout).toMatch(/第 3 个回复（共 4 个，回应 n2 发送的 \{"op":"count"\}）：/);
  });
});

describe.concurrent("tracebacks name the student's file, keep their line, and are printed once", () => {
  const dir = fixture("exercise-03-crashes-deep");
  it.each(["en", "zh"])("%s", async (lang) => {
    const run = await grade(["exercise-03", dir, "--lang", lang, "--only", "echo,client"]);
    // The student's own frame survives the cut (a long message from deep in ipaddress), at their own path.
    expect(run.stdout).toContain(`File "${dir}/udp_server.py", line 9, in parse_request`);
    expect(run.stdout).not.toMatch(/\/tmp\/sandbox\/work|grader-[^/\s]*\/work/);
    // Printed once: the short view groups the checks it fails, -v refers to it after its first time.
    expect(run.stdout.split(`File "${dir}/udp_server.py", line 9`).length).toBe(2);
    expect(run.stdout).toContain(lang === "en" ? "the same cause fails '`client` is the sender's IP:PORT'" : "同一原因也让「client 字段是发送者的 IP:PORT」");
    const verbose = await grade(["exercise-03", dir, "--lang", lang, "--only", "echo,client", "-v"]);
    expect(verbose.stdout.split(`File "${dir}/udp_server.py", line 9`).length).toBe(2);
    expect(verbose.stdout).toContain(lang === "en" ? "(the same as above, in 'echo returns the text unchanged')" : "（与上面「echo 原样返回文本」中的相同）");
    // And it says that the grader stopped starting it.
    expect(run.stdout).toContain(lang === "en" ? "so the grader did not start it again" : "所以评分器没有为后面的用例再次启动它");
  });
});

describe.concurrent("the smaller things a student meets", () => {
  it("print(reply) of a dict is called a Python dict, not JSON (en, zh)", async () => {
    const dir = path.join(root, "test", "fixtures", "exercise-04", "prints-python-dict");
    const en = await grade(["exercise-04", dir, "--lang", "en", "--only", "prints-reply", ...fast]);
    expect(en.stdout).toContain("stdout is one line, but it is a Python dict as print() shows it");
    const zh = await grade(["exercise-04", dir, "--lang", "zh", "--only", "prints-reply", ...fast]);
    expect(zh.stdout).toContain("stdout 是一行，但那是 print() 打印出的 Python 字典");
  });

  it("exit code 120 (descriptors closed at import) is explained, and ! has a legend", async () => {
    const dir = fixture("exercise-01-closes-fds");
    const en = await grade(["exercise-01", dir, "--lang", "en", ...fast]);
    expect(en.stdout).toContain("exit code 120: Python could not write its last output as it ended, because stdout/stderr or their file descriptors were closed");
    expect(en.stdout).toMatch(/^! Accepts valid addresses/m);
    expect(en.stdout).toContain("! could not be judged");
    const zh = await grade(["exercise-01", dir, "--lang", "zh", ...fast]);
    expect(zh.stdout).toContain("退出码 120：Python 结束时无法写出最后的输出");
    expect(zh.stdout).toContain("! 无法评判");
  });

  it("grade init: the paths as typed, and the next step", async () => {
    const { mkdtemp } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const cwd = await mkdtemp(path.join(tmpdir(), "init-"));
    const r = await grade(["init", "exercise-02", "my work", "--lang", "en"], { cwd });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`wrote my work/ports.py\nwrote my work/exercise-02.README.md\n\nNext: fill in the TODOs in my work/ports.py, then run:\n  grade exercise-02 'my work'`); // (execa drops the final newline)
    const zh = await grade(["init", "exercise-02", "my work", "--lang", "zh"], { cwd });
    expect(zh.exitCode).toBe(2);
    expect(zh.stderr).toBe("grade: 不会覆盖你的文件：my work/ports.py, my work/exercise-02.README.md 已经存在（加上 --force 才会替换）。");
  });

  it("exercise-9 lists the exercises, exercise-5 suggests exercise-05; a misspelt option is suggested; `grade` alone prints the usage", async () => {
    const nine = await grade(["exercise-9", "."]);
    expect(nine.exitCode).toBe(2);
    expect(nine.stderr).toMatch(/^grade: Unknown exercise "exercise-9"\. The exercises are: exercise-01, exercise-02, exercise-03, exercise-04/);
    expect(nine.stderr).not.toMatch(/Did you mean/);
    const five = await grade(["exercise-5", "."]);
    expect(five.exitCode).toBe(2);
    expect(five.stderr).toMatch(/^grade: Unknown exercise "exercise-5"\. Did you mean exercise-05\?/);
    const onyl = await grade(["exercise-01", ".", "--onyl", "x", "--lang", "en"]);
    expect(onyl.stderr).toBe("grade: Unknown option --onyl: did you mean --only?");
    const zh = await grade(["exercise-01", ".", "--formt", "json", "--lang", "zh"]);
    expect(zh.stderr).toBe("grade: 没有选项 --formt：你是想输入 --format 吗？");
    const none = await grade([]);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/^grade <exercise> \[dir\]/);
    expect(none.stderr).toMatch(/grade init <exercise> \[dir\]/);
  });

  it("--help off a terminal breaks no word and no example", async () => {
    const help = await grade(["--help"]);
    // Each option's description stays on its option's line (nothing is wrapped).
    expect(help.stdout).toMatch(/^ +--sandbox +where student code runs: .*\[default: "auto"\]$/m);
    expect(help.stdout).toMatch(/^ +grade exercise-03 --junit report\.xml --min-score 60% +CI: JUnit file, pass from 60 %$/m);
  });

  it("a near-miss file name gets 'did you mean'; the right file one folder deeper is found and graded (en, zh)", async () => {
    const { mkdtemp, mkdir, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const dir = await mkdtemp(path.join(tmpdir(), "near-"));
    await writeFile(path.join(dir, "ip_classifier.py"), "def classify_ip(a):\n    return {}\n");
    const en = await grade(["exercise-01", dir, "--lang", "en"]);
    expect(en.stdout).toContain(`Did you mean ${dir}/ip_classifier.py? The file must be called ip_classify.py.`);
    const deeper = await mkdtemp(path.join(tmpdir(), "deeper-"));
    await mkdir(path.join(deeper, "unzipped"));
    await writeFile(path.join(deeper, "unzipped", "ip_classify.py"), "def classify_ip(a):\n    return {}\n");
    // The one sub-folder that holds the file (an unzipped archive) is where the file is taken from.
    const zh = await grade(["exercise-01", deeper, "--lang", "zh"]);
    expect(zh.stdout).not.toContain("无法评分");
    expect(zh.stdout).toMatch(/总分：\d/);
  });
});

describe.concurrent("a first failing attempt fits on one screen and names every failed check", () => {
  const fx = (e: string, v: string) => path.join(root, "test", "fixtures", e, v);
  const attempts: [string, string, string][] = [
    // Each starter in one language, taking turns (both languages over the course; one grading each).
    ...exercises.map((e, i): [string, string, string] => [e, path.join(root, "exercises", e, "starter"), i % 2 ? "zh" : "en"]),
    ["exercise-01", fixture("exercise-01-valid-as-string"), "zh"],
    ["exercise-02", fx("exercise-02", "binds-wildcard"), "en"],
    ["exercise-03", fx("exercise-03", "binds-wildcard"), "zh"],
    ["exercise-03", fixture("exercise-03-crashes-deep"), "en"],
    ["exercise-04", fx("exercise-04", "prints-python-dict"), "en"],
    ["exercise-04", fx("exercise-04", "no-timeout"), "zh"],
  ];
  it.each(attempts)("%s %s (%s)", async (exercise, dir, lang) => {
    // One grading, its human output on stdout and its JSON to a file (both formats of the same run).
    const jsonFile = path.join(await mkdtemp(path.join(tmpdir(), "attempt-")), "result.json");
    const human = await grade([exercise, dir, "--lang", lang, "--json", jsonFile, ...fast]);
    const json = { result: JSON.parse(await readFile(jsonFile, "utf8")) as GradeResult };
    const lines = human.stdout.split("\n");
    expect(lines.length, human.stdout).toBeLessThanOrEqual(40);
    const failed = json.result.tests.filter((x) => x.status !== "passed");
    expect(failed.length).toBeGreaterThan(0);
    for (const test of failed) expect(lines.some((l) => /^[✗!~] /.test(l) && l.slice(2).startsWith(test.name)), test.name).toBe(true);
    // What was wrong in the first failing check is on the screen, and -v is offered for the rest.
    const first = failed.find((x) => x.cases.length && !x.scaled);
    if (first && json.result.status !== "error") expect(human.stdout).toContain(first.cases[0].message.split("\n")[0].slice(0, 60));
    expect(human.stdout).toContain(lang === "en" ? "Every failed case in full: grade " : "查看所有未通过用例的完整信息：grade ");
  });

  it("-v shows every failed case in full; one cause across checks is grouped", async () => {
    const dir = fixture("exercise-03-global-count");
    const verbose = await grade(["exercise-03", dir, "--lang", "en", "-v", ...fast]);
    expect(verbose.stdout).toMatch(/on the wire: +\+[\d.]+ ms {2}grader n1/);
    const crash = await grade(["exercise-03", fixture("exercise-03-crashes-deep"), "--lang", "en", ...fast]);
    expect(crash.stdout).toMatch(/the same cause fails '`client` is the sender's IP:PORT', '`count` counts per sender'/);
  });

  it("--watch says it is grading at once, then lists only the failed checks", async () => {
    const { execa } = await import("execa");
    const child = execa("node", [path.join(root, "bin", "grade.js"), "exercise-01", fixture("exercise-01-valid-as-string"), "--watch", "--lang", "zh", ...fast], { reject: false });
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    try {
      for (let i = 0; i < 600 && !/正在监视/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
      expect(out).toMatch(/^正在评分 .*exercise-01-valid-as-string …\n/);
      expect(out).toMatch(/^✗ 接受合法地址/m);
      expect(out).not.toMatch(/^✓ (?!通过)/m); // (the legend line starts with ✓ 通过)
      expect(out).toMatch(/正在监视 .* 的变化（按 Ctrl-C 停止）/);
    } finally {
      child.kill("SIGINT");
      await child;
    }
  });
});

describe.concurrent("Chinese everywhere a student looks", () => {
  // English allowed in a Chinese output: code, values and names. Code and values are taken out first
  // (backticks, quotes, JSON and dicts, paths, command lines, what the program printed); what remains
  // may hold the technical terms below, and any word the exercises' own Chinese texts use (code they quote).
  const TERMS = "UDP TCP JSON IPv4 IPv6 IP PORT HOST TEXT stdout stderr stdin None True False bool int str dict list TODO MiB KiB CPU RFC ASCII UTF Python python3 Ctrl PATH ms op echo count ok error text client grade exercise README md py Linux proc sockets socket fd sendto recvfrom bind with while as json dumps loads print sys exit input ValueError ipaddress bwrap none sandbox";
  const exerciseWords = new Set<string>();
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) k === "zh" && typeof x === "string" ? x.match(/[A-Za-z][A-Za-z0-9_]*/g)?.forEach((w) => exerciseWords.add(w)) : collect(x);
  };
  const allowed = new Set(TERMS.split(" "));
  const valueLabels = /^\s*[✗!~]?\s*(输入|期望|实际|错误输出|标准输出|重现|收发记录)：/;

  function englishWords(text: string): string[] {
    const found: string[] = [];
    let inValue = false;
    for (const raw of text.split("\n")) {
      // A value label's text, and the lines that continue it (deeper indented), are values.
      const indent = raw.length - raw.trimStart().length;
      if (valueLabels.test(raw)) inValue = true;
      else if (inValue && indent >= 12 && !/^\s*[✗!~✓] /.test(raw)) continue;
      else inValue = false;
      if (inValue) continue;
      let line = raw
        .replace(/`[^`]*`/g, " ")
        .replace(/"[^"]*"|'[^']*'/g, " ")
        .replace(/\{[^{}]*\}|\[[^[\]]*\]/g, " ")
        .replace(/(?:^|\s)(?:python3|grade|git|npm)\s.*$/g, " ")
        .replace(/\S*[/\\]\S*/g, " ")
        .replace(/--?[a-z][\w-]*/g, " ")
        .replace(/\b[\w.]*[\d_.:][\w.:]*\b/g, " ");
      line = line.replace(/exercise-\d+/g, " ");
      for (const w of line.match(/[A-Za-z]{2,}/g) ?? []) if (!allowed.has(w) && !exerciseWords.has(w)) found.push(w);
    }
    return found;
  }

  it("zh outputs carry no English word of the grader's own", async () => {
    const { readFileSync } = await import("node:fs");
    for (const e of exercises) {
      collect(JSON.parse(readFileSync(path.join(root, "exercises", e, "exercise.json"), "utf8")));
      collect(JSON.parse(readFileSync(path.join(root, "exercises", e, "cases.json"), "utf8")));
    }
    const runs = await Promise.all([
      grade(["exercise-01", fixture("exercise-01-valid-as-string"), "--lang", "zh", "-v", ...fast]),
      grade(["exercise-02", path.join(root, "exercises", "exercise-02", "starter"), "--lang", "zh", "-v", ...fast]),
      grade(["exercise-03", fixture("exercise-03-global-count"), "--lang", "zh", "-v", ...fast]),
      grade(["exercise-04", path.join(root, "test", "fixtures", "exercise-04", "no-timeout"), "--lang", "zh", ...fast]),
      grade(["exercise-01", fixture("exercise-01-closes-fds"), "--lang", "zh", ...fast]),
      grade(["list", "--lang", "zh"]),
      grade(["exercise-5", ".", "--lang", "zh"]),
      grade(["exercise-01", ".", "--onyl", "--lang", "zh"]),
      grade(["exercise-01", "--format", "xml", "--lang", "zh"]),
      grade(["exercise-01", "/no/such/folder", "--lang", "zh"]),
    ]);
    for (const r of runs) {
      const text = `${r.stdout}\n${r.stderr}`;
      expect(englishWords(text), text.slice(0, 3000)).toEqual([]);
    }
  });

  it("the scanner finds English the grader might leave in a Chinese output", () => {
    expect(englishWords("    期望： {'valid': True}")).toEqual([]); // a value label: its text is a value
    expect(englishWords("期望: one of 1, 2")).toEqual(["one", "of"]); // (what the grader used to print)
    // (not "the server ended": exercise-06's Chinese text quotes code with a variable `server`)
    expect(englishWords("    说明：the program ended")).toEqual(["the", "program", "ended"]);
    expect(englishWords("[ports: 24514 taken by UDP on 127.0.0.1]")).toEqual([]);
    expect(englishWords("端口 24514 taken by UDP")).toEqual(["taken", "by"]);
    expect(englishWords("缺少 non-option 参数 (see grade --help)")).toEqual(["non", "see"]);
    expect(englishWords("总分：0/100（0%）  (5.69 s)")).toEqual([]);
  });
});
