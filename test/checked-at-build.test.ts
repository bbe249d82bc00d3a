// The build validates the course's exercises once and records their files by hash; a run of the built
// grader skips validating an exercise whose files are still those (grader/engine/checked-at-build.ts).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkedPath, courseDir, type CheckedStamp } from "../grader/engine/checked-at-build.js";
import { hashFolder } from "../grader/submission/hash-folder.js";
import { exerciseIds } from "../grader/engine/exercises.js";
import { schemaHash } from "../grader/core/schemas.js";
import { grade, root } from "./helpers/cli.js";

const tmp = mkdtempSync(path.join(os.tmpdir(), "checked-at-build-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the build's record of validated exercises", () => {
  it("names every exercise of the course, as its files are now, and the schemas they were checked against", async () => {
    const stamp = JSON.parse(readFileSync(checkedPath, "utf8")) as CheckedStamp;
    expect(stamp.schemas).toBe(schemaHash());
    const ids = exerciseIds(courseDir);
    expect(ids.length).toBeGreaterThan(0);
    expect(Object.keys(stamp.exercises).sort()).toEqual(ids);
    for (const id of ids) expect(stamp.exercises[id], id).toBe(await hashFolder(path.join(courseDir, id)));
  });

  it("an exercise's hash changes with any file of its folder, however deep", async () => {
    const id = exerciseIds(courseDir)[0]!;
    const copy = path.join(tmp, "hash", id);
    cpSync(path.join(courseDir, id), copy, { recursive: true });
    const before = await hashFolder(copy);
    expect(await hashFolder(copy)).toBe(before);
    mkdirSync(path.join(copy, "starter", "deeper"), { recursive: true });
    writeFileSync(path.join(copy, "starter", "deeper", "note.txt"), "");
    expect(await hashFolder(copy)).not.toBe(before);
    rmSync(path.join(copy, "starter", "deeper"), { recursive: true });
    expect(await hashFolder(copy)).toBe(before);
    writeFileSync(path.join(copy, "exercise.json"), readFileSync(path.join(copy, "exercise.json"), "utf8") + " ");
    expect(await hashFolder(copy)).not.toBe(before);
  });

  it("does not vouch for the same exercise in another course folder: a broken copy there is reported", async () => {
    const course = path.join(tmp, "course");
    const id = exerciseIds(courseDir).at(-1)!;
    cpSync(path.join(courseDir, id), path.join(course, id), { recursive: true });
    const file = path.join(course, id, "exercise.json");
    const data = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...data, notAField: 1 }));
    const run = await grade([id, tmp, "--lang", "en"], { env: { GRADER_EXERCISES: course } });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/exercise\.json is not valid: .*"notAField" is not part of/);
  });

  it("nor for its case file there: a case the schema refuses is reported (the built course skips that check)", async () => {
    const course = path.join(tmp, "course-cases");
    const id = exerciseIds(courseDir)[0]!;
    cpSync(path.join(courseDir, id), path.join(course, id), { recursive: true });
    const exercise = JSON.parse(readFileSync(path.join(course, id, "exercise.json"), "utf8")) as { cases?: string };
    const file = path.join(course, id, exercise.cases ?? "cases.json");
    const data = JSON.parse(readFileSync(file, "utf8")) as { cases: Record<string, unknown>[] };
    data.cases[0] = { ...data.cases[0], notAField: 1 };
    writeFileSync(file, JSON.stringify(data));
    const run = await grade([id, tmp, "--lang", "en"], { env: { GRADER_EXERCISES: course } });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/cases\.json is not valid: \/cases\/0 must NOT have additional properties/);
    // The course's own copy, unchanged since the build, grades.
    const own = await grade([id, path.join(root, "solutions", id), "--lang", "en", "--sandbox", "none", "--format", "json"]);
    expect(own.exitCode, own.stderr).toBe(0);
  });
});
