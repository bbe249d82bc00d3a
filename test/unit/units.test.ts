// Small pieces with sharp edges: plain-word schema errors, Python rendering, output caps, scoring gates,
// and that the exercise data and generated types are in order.
import { execa } from "execa";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { plainErrors } from "../../grader/answers/plain-errors.js";
import { jsonEqual, pyStr, renderPython } from "../../grader/answers/python-values.js";
import { validatorFor } from "../../grader/core/schemas.js";
import { exerciseIds, loadExercise, suggestExercise } from "../../grader/engine/exercises.js";
import { CappedOutput } from "../../grader/runner/output-cap.js";
import { scoreChecks } from "../../grader/scoring/score.js";
import type { Check } from "../../grader/generated/exercise.js";
import type { CheckVerdict } from "../../grader/kinds/types.js";
import { root } from "../helpers/cli.js";
import { gradesAtOnce, gradesSoon } from "../../grader/cli/prestart.js";
import { sweepStaleTempDirs } from "../../grader/runner/temp-dirs.js";
import { mkdir, mkdtemp, readdir, rm, utimes } from "node:fs/promises";
import os from "node:os";

function errorsFor(schema: string, answer: unknown): string[] {
  const v = validatorFor(schema);
  return v(answer) ? [] : plainErrors(v.errors, answer);
}

describe("plain-word schema errors", () => {
  it("names the key, what is allowed and what came back", () => {
    const answer = { valid: true, class: "Z", private: false, loopback: false, network: "1.0.0.0", host: "0.2.3.4" };
    expect(errorsFor("answers/classify_ip.schema.json", answer)).toEqual(["`class` must be one of 'A', 'B', 'C', 'D', 'E'; got 'Z'"]);
  });
  it("explains a wrong type with Python words, and a missing or extra key", () => {
    const answer = { valid: true, class: "A", private: "no", loopback: false, network: "1.0.0.0", mask: 8 };
    expect(errorsFor("answers/classify_ip.schema.json", answer)).toEqual([
      `the answer is missing the key "host"`,
      `the answer has a key that is not allowed: "mask"`,
      "`private` must be a bool (True or False); got 'no'",
    ]);
  });
  it("a described oneOf speaks for its branches", () => {
    const answer = { valid: true, class: "A", private: false, loopback: false, network: "1.0.0.00", host: "0.2.3.4" };
    expect(errorsFor("answers/classify_ip.schema.json", answer)).toEqual([
      "`network` must be a dotted IPv4 address such as \"192.168.43.0\", or None (for classes D and E); got '1.0.0.00'",
    ]);
  });
  it("a float port is not an int (the harness marks it), a bool is not a port", () => {
    expect(errorsFor("answers/pick_free_port.schema.json", { $pyType: "float", $repr: "80.0" })).toEqual(["the answer must be an int or None; got 80.0"]);
    expect(errorsFor("answers/pick_free_port.schema.json", true)).toEqual(["the answer must be an int or None; got True"]);
  });
});

describe("Python rendering", () => {
  it("renders values the way Python's repr does", () => {
    expect(renderPython({ valid: true, network: null, n: 1.5, s: "it's" })).toBe(`{'valid': True, 'network': None, 'n': 1.5, 's': "it's"}`);
    expect(pyStr("a\tb\n\u0085")).toBe("'a\\tb\\n\\x85'");
    expect(renderPython({ $py: "b'80'" })).toBe("b'80'");
    expect(renderPython({ $pyType: "set", $repr: "{1}" })).toBe("{1}");
  });
  it("a marker never equals plain JSON", () => {
    expect(jsonEqual({ $pyType: "float", $repr: "80.0" }, 80)).toBe(false);
    expect(jsonEqual({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });
});

describe("output cap", () => {
  it("keeps the head, counts the rest, keeps a tail", () => {
    const out = new CappedOutput(10);
    out.push(Buffer.from("0123456789abcdef"));
    out.push(Buffer.from("XYZ"));
    expect(out.capped).toBe(true);
    expect(out.total).toBe(19);
    expect(out.text()).toMatch(/^0123456789\n…\[0 bytes dropped\]…\nabcdefXYZ$/);
  });
});

describe("scoring", () => {
  const check = (id: string, points: number, extra: Partial<Check> = {}): Check => ({
    id, points, title: { zh: id, en: id }, clause: { zh: "c", en: "c" }, hint: { zh: "h", en: "h" }, ...extra,
  });
  const v = (checkId: string, status: CheckVerdict["status"]): CheckVerdict => ({ checkId, status, detail: { id: "x", status: status === "skipped" ? "passed" : status, given: "g", message: "" } });

  it("is proportional by default, all-or-nothing on request, and skipped cases do not count", () => {
    const tests = scoreChecks([check("a", 10), check("b", 10, { scoring: "all-or-nothing" })], [v("a", "passed"), v("a", "failed"), v("a", "skipped"), v("b", "passed"), v("b", "failed")], "en");
    expect(tests.map((t) => [t.score, t.status])).toEqual([[5, "failed"], [0, "failed"]]);
  });
  it("`requires` scales a check by what its prerequisite earned", () => {
    const tests = scoreChecks([check("accepts", 10), check("rejects", 10, { requires: ["accepts"] })], [v("accepts", "failed"), v("accepts", "passed"), v("rejects", "passed")], "en");
    expect(tests[1].score).toBe(5);
    expect(tests[1].status).toBe("failed");
    expect(tests[1].note).toBe("1/1 cases passed, counted as 50 % because it builds on 'accepts' (at 50 %).");
    expect(tests[1].scaled).toEqual({ percent: 50, own_score: 10, requires: [{ id: "accepts", name: "accepts", percent: 50 }] });
  });
  it("an error outranks nothing but a failure", () => {
    expect(scoreChecks([check("a", 4)], [v("a", "error"), v("a", "passed")], "en")[0].status).toBe("error");
  });
});

describe("exercise data", () => {
  it("every exercise loads and validates (exercise.json, cases, answer schemas)", async () => {
    const ids = exerciseIds();
    expect(ids.length).toBeGreaterThanOrEqual(2);
    for (const id of ids) await expect(loadExercise(id)).resolves.toBeDefined();
  });
  it("each spec (zh and en) lists every check with its points, as in exercise.json", async () => {
    const { readFileSync } = await import("node:fs");
    for (const id of exerciseIds()) {
      const ex = (await loadExercise(id)).data;
      for (const [lang, file] of [["zh", "README.md"], ["en", "README.en.md"]] as const) {
        const lines = readFileSync(path.join(root, "exercises", id, file), "utf8").split("\n");
        for (const c of ex.checks) {
          const row = lines.find((l) => (l.includes(c.title[lang]) || l.includes("`" + c.id + "`")) && new RegExp(`\\|\\s*${c.points}(\\s*\\\\?\\*)?\\s*\\|`).test(l));
          expect(row, `${id}/${file} lists ${c.id} with ${c.points} points`).toBeDefined();
        }
      }
    }
  });
  it("suggests the closest exercise", () => {
    expect(suggestExercise("exercise-1")).toBe("exercise-01");
    expect(suggestExercise("exrcise-02")).toBe("exercise-02");
    expect(suggestExercise("2")).toBe("exercise-02");
    expect(suggestExercise("hello")).toBeUndefined();
  });
  it("the TypeScript types in grader/generated match the schemas", async () => {
    const r = await execa("node", [path.join(root, "scripts", "schema-types.mjs"), "--check"], { reject: false });
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
  });
});

describe("the launcher's guess: does this command line grade at once (start a sandbox host ahead)?", () => {
  it("yes for a grading in a sandbox, no for other commands, help, or --sandbox none", () => {
    const env = {};
    expect(gradesAtOnce(["exercise-01", "."], env)).toBe(true);
    expect(gradesAtOnce(["all", "--format", "json"], env)).toBe(true);
    expect(gradesAtOnce(["exercise-04", "--sandbox", "bwrap"], env)).toBe(true);
    expect(gradesAtOnce(["exercise-04", "--sandbox", "none"], env)).toBe(false);
    expect(gradesAtOnce(["exercise-04", "--sandbox=none"], env)).toBe(false);
    expect(gradesAtOnce(["exercise-04"], { GRADER_SANDBOX: "none" })).toBe(false);
    expect(gradesAtOnce(["exercise-04", "--sandbox", "auto"], { GRADER_SANDBOX: "none" })).toBe(true);
    expect(gradesAtOnce(["exercise-04", "--sandbox", "none", "--sandbox=auto"], env), "the last one wins, as in the CLI").toBe(true);
    for (const cmd of ["list", "init", "batch", "merge"]) expect(gradesAtOnce([cmd, "x"], env), cmd).toBe(false);
    expect(gradesAtOnce(["exercise-01", "--help"], env)).toBe(false);
    expect(gradesAtOnce(["--version"], env)).toBe(false);
  });
  it("asks Python ahead for any grading, --sandbox none included, and for nothing else", () => {
    expect(gradesSoon(["exercise-04", "--sandbox", "none"])).toBe(true);
    expect(gradesSoon(["all", "."])).toBe(true);
    for (const cmd of ["list", "init", "batch", "merge", "gradebook", "completion", "help"]) expect(gradesSoon([cmd, "x"]), cmd).toBe(false);
    expect(gradesSoon(["gradescope", "exercise-01", "--submission", "s"])).toBe(true);
    expect(gradesSoon(["exercise-01", "--help"])).toBe(false);
    expect(gradesSoon(["exercise-01", "--min-score", "banana"]), "refused before grading").toBe(false);
  });
});

describe("temp folders left by a grader that was killed outright", () => {
  it("are removed once their grader is dead and they are an hour old; the rest is left alone", async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), "sweep-test-"));
    try {
      const finished = execa("true");
      const dead = finished.pid!; // a process that has ended (its pid is not reused this fast)
      await finished;
      const names = {
        staleWork: `udp-grader-${dead}-abcDEF`,
        staleZip: `udp-grader-zip-${dead}-xyz123`,
        recent: `udp-grader-${dead}-fresh1`,
        liveGrader: `udp-grader-${process.pid}-live12`,
        notOurs: `other-tool-${dead}-abcdef`,
      };
      const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
      for (const [key, name] of Object.entries(names)) {
        await mkdir(path.join(tmp, name));
        if (key !== "recent") await utimes(path.join(tmp, name), twoHoursAgo, twoHoursAgo);
      }
      const removed = await sweepStaleTempDirs(tmp);
      expect(removed.map((p) => path.basename(p)).sort()).toEqual([names.staleWork, names.staleZip].sort());
      expect((await readdir(tmp)).sort()).toEqual([names.liveGrader, names.notOurs, names.recent].sort());
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});

describe("the replay command of a generated case", () => {
  it("quotes any folder name so that a shell reads it back unchanged, with no raw control character", async () => {
    const { replayCommand, shellQuote } = await import("../../grader/generate/replay.js");
    for (const name of ["plain/dir-1", "with space", "it's", "tab\there", "esc\u001b[2Jx", "nl\nand'quote\\", "中文 名字", "rlo\u202egnp.exe", "csi\u009b2J"]) {
      const quoted = shellQuote(name);
      expect(quoted).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
      const echoed = await execa("bash", ["-c", `printf '%s' ${quoted}`], { env: { LC_ALL: "C.UTF-8" } });
      expect(echoed.stdout).toBe(name);
    }
    expect(replayCommand("exercise-01", "/tmp/a b", 7, "loopback")).toBe("grade exercise-01 '/tmp/a b' --seed 7 --only loopback");
  });
});

describe("escaping student text (grader/reporters/escape*.ts)", () => {
  it("terminal: controls, C1, bidi and lone surrogates are shown; ordinary text (Chinese, emoji, tabs) is unchanged", async () => {
    const { visibleText, visibleLine, jsonSafe } = await import("../../grader/reporters/escape.js");
    expect(visibleText("a\u001b[2Jb\rc\u0007\u009b\u202e\ud800")).toBe("a\\x1b[2Jb\\rc\\x07\\x9b\\u202e\\ud800");
    for (const ok of ["你好，UDP 🚀", "tab\there\nnext", "C:\\path\\x1b (already text)"]) expect(visibleText(ok)).toBe(ok);
    expect(visibleLine("two\nlines")).toBe("two\\nlines");
    const json = JSON.stringify({ s: "\u202e\u0085\u2028x" });
    expect(JSON.parse(jsonSafe(json))).toEqual({ s: "\u202e\u0085\u2028x" });
    expect(jsonSafe(json)).toMatch(/^[\x20-\x7e]*$/);
  });

  it("GitHub: no line the runner would read as a command, whatever leads it", async () => {
    const { workflowCommands } = await import("../helpers/actions-log.js");
    const { neutraliseCommands, commandFree, xmlForActions, jsonForActions } = await import("../../grader/reporters/escape-github.js");
    const hostile = ["::error::x", "  \t::add-mask::y", "\u00a0\u3000::warning::z", "a ##[set-output name=a;]b", "::stop-commands::t", "::t::", "\ufeff::notice::q"].join("\n");
    expect(workflowCommands(hostile).commands.length).toBeGreaterThan(4); // the checker sees them…
    expect(workflowCommands(neutraliseCommands(hostile)).commands).toEqual([]); // …and none survive
    const block = workflowCommands(commandFree(hostile));
    expect(block.commands.map((c) => c.name)).toEqual(["stop-commands", block.commands[0].data]);
    expect(block.open).toBeUndefined();
    expect(workflowCommands(xmlForActions(`<a>\n  ::error::x ##[y]\n</a>`)).commands).toEqual([]);
    expect(JSON.parse(jsonForActions(JSON.stringify({ s: "##[set-output x]" })))).toEqual({ s: "##[set-output x]" });
  });

  it("Markdown: no tag, link, emphasis or cell break from student text", async () => {
    const { markdownText } = await import("../../grader/reporters/escape-github.js");
    const md = markdownText('in <module> <img src=x onerror=alert(1)> [a](http://e) **b** | c\nd');
    expect(md).not.toMatch(/<|\]\(|\*\*|[^\\]\||\n/);
    expect(md).toContain("&lt;module&gt;");
  });

  it("CSV: a text cell that a spreadsheet would read as a formula starts with an apostrophe", async () => {
    const { csvText } = await import("../../grader/reporters/escape-csv.js");
    for (const f of ["=1+1", "+cmd", "-2+3", "@SUM(1)", "\tx"]) expect(csvText(f)).toBe(`'${f}`);
    expect(csvText("\r=1")).toBe("\\r=1");
    for (const ok of ["alice", "张三", "a-b", "x=1"]) expect(csvText(ok)).toBe(ok);
  });
});
