// GitHub Actions reads every line a step prints for workflow commands: `::name props::data` after any
// leading whitespace (the runner trims it), and the legacy `##[name ...]` anywhere in a line. A student
// who prints `::error ...`, `::add-mask::`, `##[set-output ...]` or `::stop-commands::TOKEN` would
// control the job. Everything the grader prints where an Actions log may read it goes through here.
import { randomBytes } from "node:crypto";
import { visibleLine } from "./escape.js";

// The runner trims with .NET's char.IsWhiteSpace: JS's \s plus NEL and the Mongolian vowel separator.
const COMMAND_START = /^([\s\u0085\u180e]*)::/;
const LEGACY = /##\[/g;

/** Lines that cannot be commands: a `\` before a leading `::`, and `##[` written `#\#[` wherever it is. */
export function neutraliseCommands(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(COMMAND_START, "$1\\::").replace(LEGACY, "#\\#["))
    .join("\n");
}

/**
 * A block of text the runner reads as no commands at all: `::stop-commands::TOKEN` … `::TOKEN::` with a
 * fresh random token a student cannot guess (and so cannot end the block early), around text whose
 * command-like lines are neutralised as well (so it stays harmless even outside the block).
 */
export function commandFree(text: string): string {
  if (!text) return text;
  const token = `udp-grader-${randomBytes(16).toString("hex")}`;
  const body = neutraliseCommands(text);
  return `::stop-commands::${token}\n${body}${body.endsWith("\n") ? "" : "\n"}::${token}::\n`;
}

/** A workflow command's data: the runner's own escapes (%, CR, LF), and no legacy command inside. */
export const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(LEGACY, "#\\#[");
/** A workflow command's property value, which also escapes ':' and ','. */
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/**
 * Machine formats on stdout keep their meaning: JSON writes `#` as \u0023 and XML as &#35; / &#58;,
 * which any parser reads back as the same text, but the runner does not match.
 */
export function jsonForActions(json: string): string {
  return json.replace(LEGACY, "#\\u0023[");
}

export function xmlForActions(xml: string): string {
  return xml
    .split("\n")
    .map((line) => line.replace(COMMAND_START, "$1&#58;:").replace(LEGACY, "#&#35;["))
    .join("\n");
}

/**
 * Student text in the job summary (GitHub-flavoured Markdown with HTML): on one line, `<`, `>`, `&` and
 * quotes as entities (a traceback's `<module>` must show, and no tag may open), every other ASCII
 * punctuation backslash-escaped (no emphasis, link, image, heading or table cell break).
 */
export function markdownText(s: string): string {
  const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  return visibleLine(s.replace(/\r?\n/g, " ")).replace(/[!-/:-@[-`{-~]/g, (ch) => entities[ch] ?? `\\${ch}`);
}
