// Values crossing the Python boundary. JSON cannot say "80.0 is a float" or "b'80' is bytes", so:
//  - case files write such arguments as {"$py": "<Python literal>"} (the harness runs ast.literal_eval);
//  - the harness reports such return values as markers {"$pyType": "float", "$repr": "80.0"}.
// Everything a student sees is rendered the way Python would print it.

export interface PyMarker {
  $pyType: string;
  $repr: string;
}

export function isPyMarker(v: unknown): v is PyMarker {
  return typeof v === "object" && v !== null && "$pyType" in v && "$repr" in v;
}

export function isPyLiteral(v: unknown): v is { $py: string } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { $py?: unknown }).$py === "string";
}

/** Python's repr() of a str: single quotes unless the text has one and no double quote. */
export function pyStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += "\\x" + code.toString(16).padStart(2, "0");
    else if (code >= 0x80 && code <= 0xa0) out += "\\x" + code.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + quote;
}

/** Render a JSON value (with $py literals and $pyType markers) as Python source text. */
export function renderPython(v: unknown): string {
  if (v === undefined) return "(nothing)";
  if (v === null) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return pyStr(v);
  if (Array.isArray(v)) return "[" + v.map(renderPython).join(", ") + "]";
  if (isPyMarker(v)) return v.$repr;
  if (isPyLiteral(v)) return v.$py;
  if (typeof v === "object") {
    return "{" + Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyStr(k)}: ${renderPython(x)}`).join(", ") + "}";
  }
  return String(v);
}

/** Deep equality of JSON values; markers and literals never equal plain JSON. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao);
  return ak.length === Object.keys(bo).length && ak.every((k) => k in bo && jsonEqual(ao[k], bo[k]));
}
