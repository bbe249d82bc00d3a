// One way to translate (issue 13): every message lives in a catalogue composed by grader/core/i18n.ts, has
// both languages, and is used; no code tests the language inline or keeps its own zh/en table.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allMessages } from "../grader/core/i18n.js";
import { root } from "./helpers/cli.js";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

const grader = path.join(root, "grader");
const files = sources(grader).filter((f) => !f.includes(`${path.sep}generated${path.sep}`));
const catalogues = new Set([path.join(grader, "core", "i18n.ts"), ...sources(path.join(grader, "core", "messages"))]);
const code = files.filter((f) => !catalogues.has(f)).map((f) => ({ f, text: readFileSync(f, "utf8") }));

describe("the message catalogue", () => {
  const messages = allMessages();

  it("every message has Chinese and English, with the same {placeholders}", () => {
    for (const [key, m] of Object.entries(messages)) {
      // Only a separator may be blank (a space in English, nothing in Chinese).
      const separator = /Join|Separator$/.test(key);
      expect(typeof m.en === "string" && (separator || m.en.trim() !== ""), `${key}.en`).toBe(true);
      expect(typeof m.zh === "string" && (separator || m.zh.trim() !== ""), `${key}.zh`).toBe(true);
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
      expect(names(m.zh), key).toEqual(names(m.en));
    }
  });

  it("every message is used somewhere in the grader", () => {
    // Definitions are unquoted keys, so the catalogue files themselves count only where they use a key.
    const all = files.map((f) => readFileSync(f, "utf8")).join("\n");
    const unused = Object.keys(messages).filter((key) => !all.includes(`"${key}"`));
    expect(unused).toEqual([]);
  });

  it("no inline language test, no local zh/en table, no GraderError with its own text", () => {
    for (const { f, text } of code) {
      const rel = path.relative(root, f);
      expect(text, rel).not.toMatch(/\blang\s*===\s*["'](zh|en)["']|["'](zh|en)["']\s*===\s*lang\b/);
      expect(text, rel).not.toMatch(/\b(words|labels|W)\[(lang|this\.lang|result\.lang)\]/);
      // A table of texts in both languages outside the catalogues (exercise data is picked, not written here).
      expect(text, rel).not.toMatch(/^\s*(en|zh):\s*[{"`(]/m);
      expect(text, rel).not.toMatch(/new GraderError\(\s*"[A-Z_]+",\s*[`'"][^`'"]*\s/);
    }
  });

  it("the terminal report styles lines by their kind, never by a translated label", () => {
    const human = readFileSync(path.join(grader, "reporters", "human.ts"), "utf8");
    expect(human).not.toMatch(/label\s*===/);
  });
});
