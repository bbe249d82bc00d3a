// The lossy link (grader/probe/impairment.ts) and the message checksum (grader/kinds/socket/checksum.ts):
// the same seed gives the same fates, fixed fates come first, the link clears after its first datagrams,
// a corruption keeps JSON valid by changing a string value, and the checksum is Python's to the bit.
import { describe, expect, it } from "vitest";
import { Impairment, stringValueOffsets, type Fate, type LinkSchedule } from "../../grader/probe/impairment.js";
import { canonicalJson, checksumOf, crc32 } from "../../grader/kinds/socket/checksum.js";

const datagram = Buffer.from('{"ok":true,"seq":12,"text":"hello world","sum":99}');

function fates(schedule: LinkSchedule, n: number): string[] {
  const link = new Impairment(schedule);
  return Array.from({ length: n }, (_, i) => {
    const r = link.next(i % 2 ? "outbound" : "inbound", datagram);
    return `${r.note.fate}:${r.deliveries.map((d) => `${d.afterMs}/${d.data.toString("hex").length}`).join(",")}:${r.note.offset ?? ""}`;
  });
}

describe("the lossy link", () => {
  const all: LinkSchedule = { seed: 42, drop: 0.15, duplicate: 0.15, delay: 0.15, reorder: 0.15, corrupt: 0.15, impairFirst: 50 };

  it("the same seed gives the same fates; another seed, others", () => {
    expect(fates(all, 40)).toEqual(fates(all, 40));
    expect(fates(all, 40)).not.toEqual(fates({ ...all, seed: 43 }, 40));
    // Every impairment shows up over enough datagrams.
    const seen = new Set(fates(all, 40).map((f) => f.split(":")[0]));
    for (const f of ["pass", "drop", "duplicate", "delay", "reorder", "corrupt"]) expect(seen).toContain(f);
  });

  it("fixed fates come first in each direction; after impairFirst datagrams everything passes", () => {
    const link = new Impairment({ seed: 1, drop: 1, impairFirst: 3, inbound: ["corrupt", "duplicate"], outbound: ["pass"] });
    const got: Fate[] = [];
    for (const dir of ["inbound", "inbound", "outbound", "inbound", "outbound", "inbound", "outbound"] as const) got.push(link.next(dir, datagram).note.fate);
    // Inbound: corrupt, duplicate (fixed); outbound: pass (fixed); then datagram 4 and later are past impairFirst.
    expect(got).toEqual(["corrupt", "duplicate", "pass", "pass", "pass", "pass", "pass"]);
    const early = new Impairment({ seed: 1, drop: 1, impairFirst: 2 });
    expect([1, 2, 3].map(() => early.next("inbound", datagram).note.fate)).toEqual(["drop", "drop", "pass"]);
  });

  it("a dropped datagram is not delivered; a duplicate twice; a delay after its time", () => {
    const drop = new Impairment({ seed: 5, inbound: ["drop", "duplicate", "delay"] });
    expect(drop.next("inbound", datagram).deliveries).toEqual([]);
    const dup = drop.next("inbound", datagram).deliveries;
    expect(dup).toHaveLength(2);
    expect(dup[1].copy).toBe(true);
    const delayed = drop.next("inbound", datagram);
    expect(delayed.note.ms).toBeGreaterThanOrEqual(100);
    expect(delayed.deliveries[0].afterMs).toBe(delayed.note.ms);
  });

  it("a fixed corruption changes one letter or digit of a string value: still JSON, another text", () => {
    for (let seed = 0; seed < 30; seed++) {
      const r = new Impairment({ seed, inbound: ["corrupt"] }).next("inbound", datagram);
      const changed = r.deliveries[0].data;
      const value = JSON.parse(changed.toString("utf8"));
      expect(Object.keys(value)).toEqual(["ok", "seq", "text", "sum"]);
      expect(value.text).not.toBe("hello world");
      expect(value.text).toHaveLength(11);
      expect([value.ok, value.seq, value.sum]).toEqual([true, 12, 99]);
      expect(changed[r.note.offset!]).toBe(r.note.now);
      expect(datagram[r.note.offset!]).toBe(r.note.was);
    }
  });

  it("string values exclude keys and escapes", () => {
    const d = Buffer.from('{"key": "a\\u00e9b\\nc", "k2" : ["x"]}');
    const offsets = stringValueOffsets(d).map((i) => String.fromCharCode(d[i]));
    expect(offsets).toEqual(["a", "b", "c", "x"]);
    expect(stringValueOffsets(Buffer.from("not json"))).toEqual([]);
  });
});

describe("the checksum", () => {
  // The values below come from Python: zlib.crc32(json.dumps(v, sort_keys=True, separators=(",", ":")).encode()).
  it("is zlib.crc32 of Python's canonical JSON", () => {
    expect(canonicalJson({ text: "hi", seq: 7 })).toBe('{"seq":7,"text":"hi"}');
    expect(crc32(Buffer.from('{"seq":7,"text":"hi"}'))).toBe(2555004570);
    const tricky = { seq: 5, text: '你好 🚀"\\\n\u007f\u0001é' };
    expect(canonicalJson(tricky)).toBe('{"seq":5,"text":"\\u4f60\\u597d \\ud83d\\ude80\\"\\\\\\n\\u007f\\u0001\\u00e9"}');
    expect(checksumOf({ ...tricky, sum: 0 }, "sum")).toBe(308088437);
    expect(checksumOf({ ok: true, seq: 1, text: "a", sum: 1 }, "sum")).toBe(2533351215);
  });
});
