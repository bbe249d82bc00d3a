// The udp-client side of the lossy link (grader/probe/impairment.ts): the case's schedule as the probe
// takes it, and the link in the feedback's words ("dropped by the link, seed 42, datagram 3").
import type { Case } from "../../generated/udp-client-cases.js";
import type { LinkNote, LinkSchedule } from "../../probe/impairment.js";
import { t, type Lang } from "../../core/i18n.js";

type CaseLink = NonNullable<Case["link"]>;

export function linkSchedule(link: CaseLink, seed: number): LinkSchedule {
  const { toServer, toProgram, delayMs, ...rest } = link;
  return { ...rest, seed, ...(delayMs ? { delayMs: [delayMs[0], delayMs[1]] as [number, number] } : {}), ...(toServer ? { inbound: toServer } : {}), ...(toProgram ? { outbound: toProgram } : {}) };
}

/** The fake server neither answers what the link dropped nor what it corrupted (its checksum would fail). */
export const linkIgnores = (note: LinkNote) => note.fate === "drop" || note.fate === "corrupt";

const percent = (p: number | undefined) => Math.round((p ?? 0) * 100);

/** The link in a case's `given`: its odds, its fixed fates and the grading seed that replays it. */
export function linkGiven(link: CaseLink, seed: number, lang: Lang): string {
  const odds = (["drop", "duplicate", "delay", "reorder", "corrupt"] as const)
    .filter((f) => (link[f] ?? 0) > 0)
    .map((f) => `${t(lang, fateKey[f])} ${percent(link[f])} %`)
    .join(t(lang, "itemSeparator"));
  const fixed = [
    ...(link.toServer?.length ? [t(lang, "linkFixedToServer", { fates: link.toServer.map((f) => t(lang, fateKey[f])).join(t(lang, "itemSeparator")) })] : []),
    ...(link.toProgram?.length ? [t(lang, "linkFixedToProgram", { fates: link.toProgram.map((f) => t(lang, fateKey[f])).join(t(lang, "itemSeparator")) })] : []),
  ];
  const what = [...fixed, ...(odds ? [t(lang, "linkOdds", { odds, n: link.impairFirst ?? 4 })] : [])];
  return t(lang, "linkGiven", { what: what.join(t(lang, "listSeparator")) || t(lang, "linkClean"), seed });
}

const fateKey = {
  pass: "linkFatePass",
  drop: "linkFateDrop",
  duplicate: "linkFateDuplicate",
  delay: "linkFateDelay",
  reorder: "linkFateReorder",
  corrupt: "linkFateCorrupt",
} as const;

const hex = (b: number | undefined) => `0x${(b ?? 0).toString(16).padStart(2, "0")}`;

/**
 * What the link did to one datagram, for its transcript line (with the grading seed, which replays it);
 * undefined when it passed untouched.
 */
export function linkNoteText(note: LinkNote, seed: number, lang: Lang): string | undefined {
  const where = { seed, n: note.n };
  switch (note.fate) {
    case "pass":
      return undefined;
    case "drop":
      return t(lang, "linkNoteDrop", where);
    case "duplicate":
      return t(lang, "linkNoteDuplicate", where);
    case "delay":
      return t(lang, "linkNoteDelay", { ...where, ms: note.ms ?? 0 });
    case "reorder":
      return t(lang, "linkNoteReorder", { ...where, ms: note.ms ?? 0 });
    case "corrupt":
      return t(lang, "linkNoteCorrupt", { ...where, offset: note.offset ?? 0, was: hex(note.was), now: hex(note.now) });
  }
}
