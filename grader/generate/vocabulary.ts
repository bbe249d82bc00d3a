// The grader's small vocabulary of value generators (schemas/generator.schema.json), turned into
// fast-check arbitraries. Exercises compose these in their data; no exercise has code of its own here.
// fast-check brings the seeded generation and the shrinking (a failing value shrinks to a smaller one).
import * as fc from "fast-check";
import type { Arbitrary } from "fast-check";
import type { Generator } from "../generated/exercise.js";

export type Named = Record<string, Generator>;

export class GeneratorError extends Error {}

/** The arbitrary for one generator node; `named` resolves {"ref": name} (cycles are refused). */
export function toArbitrary(spec: Generator, named: Named = {}, seen: string[] = []): Arbitrary<unknown> {
  const sub = (s: Generator) => toArbitrary(s, named, seen);
  const [kind] = Object.keys(spec) as (keyof Generator)[];
  switch (kind) {
    case "const":
      return fc.constant(spec.const);
    case "from":
      return fc.constantFrom(...(spec.from as unknown[]));
    case "oneOf":
      return fc.oneof(...spec.oneOf!.map(sub));
    case "int": {
      const { min, max, boundaries = [] } = spec.int!;
      if (min > max) throw new GeneratorError(`int: min ${min} > max ${max}`);
      const edges = [...new Set([min, max, ...boundaries.filter((b) => b >= min && b <= max)])];
      // Boundaries a quarter of the time: off-by-one mistakes live there.
      return fc.oneof({ arbitrary: fc.integer({ min, max }), weight: 3 }, { arbitrary: fc.constantFrom(...edges), weight: 1 });
    }
    case "string": {
      const { alphabet, minLength = 0, maxLength = 10 } = spec.string!;
      const units = typeof alphabet === "string" ? [...alphabet] : alphabet;
      return fc.array(fc.constantFrom(...units), { minLength, maxLength }).map((parts) => parts.join(""));
    }
    case "text": {
      const { unit = "grapheme", minLength = 0, maxLength = 20 } = spec.text!;
      return fc.string({ unit, minLength, maxLength });
    }
    case "str":
      return sub(spec.str!).map((v) => (typeof v === "string" ? v : String(v)));
    case "concat":
      return fc.tuple(...spec.concat!.map(sub)).map((parts) => parts.map(String).join(""));
    case "join": {
      const { of, count, sep = "" } = spec.join!;
      const [minLength, maxLength] = typeof count === "number" ? [count, count] : [count.min, count.max];
      return fc.array(sub(of), { minLength, maxLength }).map((parts) => parts.map(String).join(sep));
    }
    case "tuple":
      return fc.tuple(...spec.tuple!.map(sub));
    case "array": {
      const { of, minLength = 0, maxLength = 5 } = spec.array!;
      return fc.array(sub(of), { minLength, maxLength });
    }
    case "object": {
      const { props, optional = [] } = spec.object!;
      const record = Object.fromEntries(Object.entries(props).map(([k, g]) => [k, sub(g)]));
      const requiredKeys = Object.keys(props).filter((k) => !optional.includes(k));
      return fc.record(record, { requiredKeys });
    }
    case "json":
      return fc.jsonValue({ maxDepth: spec.json!.depth ?? 2 });
    case "bytes": {
      const { of, encoding = "utf-8", minLength = 0, maxLength = 16, as = "python" } = spec.bytes!;
      const raw: Arbitrary<Buffer> = of
        ? sub(of).map((v) => encode(String(v), encoding))
        : fc.uint8Array({ minLength, maxLength }).map((a) => Buffer.from(a));
      return raw.map((b) => (as === "hex" ? { hex: b.toString("hex") } : { $py: pyBytes(b) }));
    }
    case "py":
      return sub(spec.py!).map((v) => ({ $py: String(v) }));
    case "ref": {
      const name = spec.ref!;
      if (!(name in named)) throw new GeneratorError(`unknown generator "${name}"`);
      if (seen.includes(name)) throw new GeneratorError(`generator "${name}" refers to itself (${[...seen, name].join(" → ")})`);
      return toArbitrary(named[name], named, [...seen, name]);
    }
    default:
      throw new GeneratorError(`unknown generator ${JSON.stringify(spec)}`);
  }
}

/** Text in one of the encodings the vocabulary names (Node has no UTF-16BE: little-endian, swapped). */
function encode(text: string, encoding: string): Buffer {
  if (encoding === "utf-16be") return Buffer.from(text, "utf16le").swap16();
  if (encoding === "utf-16le") return Buffer.from(text, "utf16le");
  if (encoding === "latin-1") return Buffer.from([...text].map((ch) => ch.codePointAt(0)! & 0xff));
  return Buffer.from(text, "utf8");
}

/** Python's bytes literal, b'...' with \x escapes for everything outside printable ASCII. */
export function pyBytes(b: Buffer): string {
  let out = "b'";
  for (const byte of b) {
    const ch = String.fromCharCode(byte);
    if (ch === "\\" || ch === "'") out += "\\" + ch;
    else if (byte >= 0x20 && byte < 0x7f) out += ch;
    else out += "\\x" + byte.toString(16).padStart(2, "0");
  }
  return out + "'";
}
