// A lossy link in front of one probe socket: for every datagram, in either direction, a seeded PRNG
// decides whether the link passes it, drops it, sends it twice, delays it, holds it back until the next
// one overtakes it, or changes one of its bytes. The same seed and the same datagrams give the same
// fates, so a verdict over this link is as repeatable as one over a clean one. Knows no protocol: a
// corruption prefers a letter or digit inside a JSON string value (the datagram stays valid JSON, so
// only a checksum can tell), and otherwise changes any byte.

export type Fate = "pass" | "drop" | "duplicate" | "delay" | "reorder" | "corrupt";

export interface LinkSchedule {
  seed: number;
  /** Probability of each impairment per datagram (one fate per datagram; the rest pass). */
  drop?: number;
  duplicate?: number;
  delay?: number;
  reorder?: number;
  corrupt?: number;
  /** A delayed datagram waits this long: [min, max] ms. */
  delayMs?: [number, number];
  /** Only the first N datagrams on the link (both directions counted) are drawn; later ones pass. */
  impairFirst?: number;
  /** Fixed fates for the first datagrams of each direction, before the draws. */
  inbound?: Fate[];
  outbound?: Fate[];
}

/** What the link did to one datagram: shown in the transcript. */
export interface LinkNote {
  seed: number;
  /** The datagram's number on the link (1-based, both directions). */
  n: number;
  fate: Fate;
  ms?: number;
  /** corrupt: the byte changed, its offset and old and new values. */
  offset?: number;
  was?: number;
  now?: number;
}

/** One delivery of a datagram through the link: the bytes, when, and whether it is the extra copy. */
export interface Delivery {
  data: Buffer;
  afterMs: number;
  copy?: boolean;
}

const MAX_HOLD_MS = 400;

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; a fixed algorithm, so a seed means the same forever. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isAlnum = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

/**
 * Offsets of ASCII letters and digits inside JSON string values (not keys, not escapes). Changing one to
 * another of its class keeps the datagram valid UTF-8 JSON with a different value. [] when not JSON-like.
 */
export function stringValueOffsets(data: Buffer): number[] {
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) {
    if (data[i] !== 0x22) continue;
    const inside: number[] = [];
    let j = i + 1;
    for (; j < data.length && data[j] !== 0x22; j++) {
      if (data[j] === 0x5c) j += data[j + 1] === 0x75 ? 5 : 1; // \" \n \uXXXX: never touch an escape
      else if (isAlnum(data[j])) inside.push(j);
    }
    let k = j + 1;
    while (k < data.length && (data[k] === 0x20 || data[k] === 0x0a || data[k] === 0x0d || data[k] === 0x09)) k++;
    if (data[k] !== 0x3a) out.push(...inside); // a string followed by ":" is a key
    i = j;
  }
  return out;
}

export class Impairment {
  private readonly random: () => number;
  private n = 0;
  private readonly scripted = { inbound: 0, outbound: 0 };

  constructor(readonly schedule: LinkSchedule) {
    this.random = prng(schedule.seed);
  }

  /** The fate of the next datagram in `direction`, and how it is delivered (nothing for a drop). */
  next(direction: "inbound" | "outbound", data: Buffer): { note: LinkNote; deliveries: Delivery[]; hold: boolean } {
    const s = this.schedule;
    const n = ++this.n;
    const script = s[direction] ?? [];
    // Every datagram draws the same numbers whatever its fate, so one fate never shifts the next ones.
    const r = [this.random(), this.random(), this.random(), this.random()];
    let fate: Fate = "pass";
    const scripted = this.scripted[direction] < script.length;
    if (scripted) fate = script[this.scripted[direction]++];
    else if (n <= (s.impairFirst ?? 4)) {
      let acc = 0;
      for (const f of ["drop", "duplicate", "delay", "reorder", "corrupt"] as const) {
        acc += s[f] ?? 0;
        if (r[0] < acc) {
          fate = f;
          break;
        }
      }
    }
    const note: LinkNote = { seed: s.seed, n, fate };
    switch (fate) {
      case "drop":
        return { note, deliveries: [], hold: false };
      case "duplicate":
        return { note, deliveries: [{ data, afterMs: 0 }, { data, afterMs: Math.round(r[1] * 30), copy: true }], hold: false };
      case "delay": {
        const [lo, hi] = s.delayMs ?? [100, 400];
        note.ms = Math.round(lo + r[1] * (hi - lo));
        return { note, deliveries: [{ data, afterMs: note.ms }], hold: false };
      }
      case "reorder":
        note.ms = MAX_HOLD_MS;
        return { note, deliveries: [{ data, afterMs: MAX_HOLD_MS }], hold: true };
      case "corrupt": {
        const changed = Buffer.from(data);
        const inString = stringValueOffsets(data);
        // A fixed corruption always keeps the datagram valid JSON when it can: only a checksum can tell.
        if (inString.length && (scripted || r[2] < 0.8)) {
          const at = inString[Math.floor(r[1] * inString.length)];
          const b = data[at];
          const [base, size] = b <= 0x39 ? [0x30, 10] : b <= 0x5a ? [0x41, 26] : [0x61, 26];
          changed[at] = base + ((b - base + 1 + Math.floor(r[3] * (size - 1))) % size);
          Object.assign(note, { offset: at, was: b, now: changed[at] });
        } else if (data.length) {
          // Any byte, with its high bit flipped: often not UTF-8 or not JSON any more.
          const at = Math.floor(r[1] * data.length);
          changed[at] = data[at] ^ 0x80;
          Object.assign(note, { offset: at, was: data[at], now: changed[at] });
        }
        return { note, deliveries: [{ data: changed, afterMs: 0 }], hold: false };
      }
      default:
        return { note, deliveries: [{ data, afterMs: 0 }], hold: false };
    }
  }
}
