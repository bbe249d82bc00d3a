// exercise.json is checked against the schema of the kind it names (schemas/exercise/<kind>.schema.json):
// a field or a limit of another kind, a kind's missing settings and an unknown kind are refused when the
// exercise loads, with a message that names the field and the kind (not ajv's "must match exactly one
// schema in oneOf"). Exercises of each kind are copied from exercises/ and the protocol fixtures into a temp
// folder, broken there, and graded through the CLI with GRADER_EXERCISES pointing at that folder.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { grade, root } from "./helpers/cli.js";
import { editedCourse, fixturesDir, removeTemps } from "./helpers/fixtures.js";

afterAll(removeTemps);

const sources = [path.join(root, "exercises"), path.join(fixturesDir, "protocols", "exercises")];
const all = sources.flatMap((dir) =>
  readdirSync(dir)
    .filter((id) => existsSync(path.join(dir, id, "exercise.json")))
    .map((id) => ({ dir, id, kind: JSON.parse(readFileSync(path.join(dir, id, "exercise.json"), "utf8")).kind as string })),
);
const ofKind = (kind: string) => {
  const found = all.find((e) => e.kind === kind);
  if (!found) throw new Error(`no exercise of kind ${kind} to break`);
  return found;
};

/**
 * Grades a copy of an exercise of `kind` whose exercise.json was changed by `edit` (the submission does not
 * matter: the exercise is refused before it is looked at). Returns the CLI's run.
 */
async function gradeBroken(kind: string, edit: (ex: Record<string, any>) => void, env: Record<string, string> = {}) {
  const { dir, id } = ofKind(kind);
  const { course, file } = await editedCourse(dir, id, edit);
  return { file, run: await grade([id, course, "--lang", "en"], { env: { GRADER_EXERCISES: course, ...env } }) };
}

describe.concurrent("exercise.json is checked against its own kind's schema", () => {
  it("an unknown kind: one line that lists the kinds there are", async () => {
    const { file, run } = await gradeBroken("udp-server", (ex) => (ex.kind = "udp-sever"));
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain(`${file} is not valid: unknown kind "udp-sever" (the kinds: function-call, udp-server, udp-client, tcp-server)`);
  });

  it("no kind at all", async () => {
    const { run } = await gradeBroken("tcp-server", (ex) => delete ex.kind);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/"kind" is missing \(the kinds: function-call, udp-server, udp-client, tcp-server\)/);
  });

  it("a udp-server without launches: the kind and the missing field are named", async () => {
    const { run } = await gradeBroken("udp-server", (ex) => delete ex.launches);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/a udp-server exercise needs "launches"/);
    expect(run.stderr).not.toMatch(/oneOf|exactly one schema/);
  });

  it("a function-call with launches: the field of another kind is named, with the fields it may have", async () => {
    const { run } = await gradeBroken("function-call", (ex) => (ex.launches = [{ id: "v4", host: "127.0.0.1" }]));
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/"launches" is not part of a function-call exercise \(allowed there: [^)]*\bfunctions\b/);
    expect(run.stderr).not.toMatch(/oneOf|exactly one schema/);
  });

  it("a limit of another kind: udp-server's retries in a function-call exercise", async () => {
    const { run } = await gradeBroken("function-call", (ex) => (ex.limits.retries = 2));
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/\/limits: "retries" is not part of a function-call exercise \(allowed there: caseSeconds, importSeconds, totalSeconds\)/);
  });

  it("a limit the kind requires: a udp-client without caseSeconds", async () => {
    const { run } = await gradeBroken("udp-client", (ex) => delete ex.limits.caseSeconds);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/\/limits: a udp-client exercise needs "caseSeconds"/);
  });

  it("settings of one socket kind in another: a checksum in a udp-server's messages, generated cases in a tcp-server", async () => {
    const udp = await gradeBroken("udp-server", (ex) => (ex.messages.checksum = { field: "crc" }));
    expect(udp.run.stderr).toMatch(/\/messages: "checksum" is not part of a udp-server exercise/);
    const tcp = await gradeBroken("tcp-server", (ex) => (ex.generated = []));
    expect(tcp.run.stderr).toMatch(/"generated" is not part of a tcp-server exercise/);
  });

  it("a socket family in a function-call exercise (a case template instead of call and args)", async () => {
    const { run } = await gradeBroken("function-call", (ex) => {
      ex.generated = [{ id: "drawn", checks: [ex.checks[0].id], count: 1, seconds: 1, case: {} }];
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/\/generated\/0: "case" is not part of a function-call exercise/);
    expect(run.stderr).toMatch(/\/generated\/0 must have required property 'call'/);
  });

  it("the same words when the schemas are compiled at run time (no standalone validators)", async () => {
    const { run } = await gradeBroken("function-call", (ex) => (ex.limits.retries = 2), { GRADER_SCHEMAS: "runtime" });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/\/limits: "retries" is not part of a function-call exercise/);
  });

  it("every exercise of the course and of the protocol fixtures is valid as it is", async () => {
    for (const dir of sources) {
      const r = await grade(["list"], { env: { GRADER_EXERCISES: dir } });
      expect(r.stderr).toBe("");
      expect(r.exitCode).toBe(0);
    }
  });
});
