// exercise-06 over the lossy link, through the real CLI: the reference scores full marks on a few seeds,
// the same seed meets the same link (the transcript's notes match run for run), another seed another
// link, and the feedback says what the link did to each datagram, in both languages.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gradeJson, root, testOf } from "./helpers/cli.js";
import { fixturesDir } from "./helpers/fixtures.js";

const reference = path.join(root, "solutions", "exercise-06");
const variant = (name: string) => path.join(fixturesDir, "exercise-06", name);

/** The link notes of every failed case of a check, in order. */
function linkNotes(result: Awaited<ReturnType<typeof gradeJson>>["result"], check: string): string[] {
  return testOf(result, check).cases.flatMap((c) => (c.transcript ?? []).flatMap((d) => (d.link ? [`${c.id}: ${d.link}`] : [])));
}

describe.concurrent("exercise-06 over a lossy link", { timeout: 300_000 }, () => {
  // One seed here; test/long/lossy-link.test.ts grades 50 and 10 more with every core busy.
  it.each([2026])("the reference scores full marks with --seed %i", async (seed) => {
    const { result } = await gradeJson("exercise-06", reference, ["--seed", String(seed)]);
    expect(result.tests.filter((t) => t.score < t.max_score).map((t) => `${t.id}: ${t.output}`)).toEqual([]);
    expect(result.seed).toBe(seed);
  });

  it("the same seed meets the same link; the feedback names each impairment with its seed and datagram", async () => {
    const args = ["--seed", "42", "--only", "retries-lost", "-v"];
    const [a, b] = await Promise.all([gradeJson("exercise-06", variant("no-retry"), args), gradeJson("exercise-06", variant("no-retry"), args)]);
    const notes = linkNotes(a.result, "retries-lost");
    expect(notes.length).toBeGreaterThan(0);
    // The fates repeat; which byte a corruption hits depends on the datagram (the program's own random seq).
    const fatesOnly = (n: string[]) => n.map((x) => x.replace(/byte \d+ 0x[0-9a-f]{2} → 0x[0-9a-f]{2}/, "byte"));
    expect(fatesOnly(linkNotes(b.result, "retries-lost"))).toEqual(fatesOnly(notes));
    // The notes name the grading seed, the one that replays the link.
    expect(new Set(notes.map((n) => /seed (\d+)/.exec(n)?.[1]))).toEqual(new Set(["42"]));
    expect(notes.join("\n")).toMatch(/first-request-lost: dropped by the link, seed 42, datagram 1/);
    const lost = testOf(a.result, "retries-lost").cases.find((c) => c.id === "first-request-lost")!;
    expect(lost.given).toMatch(/the link: the program's first datagrams: dropped \(seed 42\)/);
    expect(lost.message).toMatch(/Only 1 datagram\(s\) sent; at least 2 expected/);
  });

  it("another seed gives the links other fates; the notes are in Chinese too", async () => {
    const run = (seed: string, lang: string) => gradeJson("exercise-06", variant("no-retry"), ["--seed", seed, "--only", "every-schedule", "-v", "--lang", lang]);
    const [a, b, zh] = await Promise.all([run("1", "en"), run("2", "en"), run("1", "zh")]);
    expect(linkNotes(a.result, "every-schedule")).not.toEqual(linkNotes(b.result, "every-schedule"));
    const zhNotes = linkNotes(zh.result, "every-schedule").join("\n");
    expect(zhNotes).toMatch(/种子 \d+，第 \d+ 个数据报/);
  });

  it("a corrupted reply is shown with the byte the link changed", async () => {
    const { result } = await gradeJson("exercise-06", variant("no-checksum-check"), ["--seed", "7", "--only", "ignores-corrupt", "-v"]);
    const notes = linkNotes(result, "ignores-corrupt");
    expect(notes.join("\n")).toMatch(/corrupted by the link: byte \d+ 0x[0-9a-f]{2} → 0x[0-9a-f]{2}, seed \d+, datagram \d+/);
  });
});
