// Layers that point one way: the imports between grader/'s top-level folders form no cycle, and the
// rules of the design hold (the basics in core/ import nothing above them; scoring reads verdicts, not
// kinds or reporters; the sandbox knows nothing of submissions). Imports are read by TypeScript's own
// pre-processor, which sees static, type-only and dynamic imports alike.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const graderDir = path.resolve(import.meta.dirname, "../../grader");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|mts)$/.test(e.name) && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

const folderOf = (file: string) => path.relative(graderDir, file).split(path.sep)[0]!;

/** folder -> folder -> one file that makes the edge (for the failure message). */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(graderDir)) {
    const from = folderOf(file);
    if (!graph.has(from)) graph.set(from, new Map());
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    for (const ref of info.importedFiles) {
      if (!ref.fileName.startsWith(".")) continue; // packages and node: builtins
      const target = path.resolve(path.dirname(file), ref.fileName);
      if (!target.startsWith(graderDir + path.sep)) continue;
      const to = folderOf(target);
      if (to !== from && !graph.get(from)!.has(to)) graph.get(from)!.set(to, path.relative(graderDir, file));
    }
  }
  return graph;
}

/** The first cycle found by a depth-first walk, as a list of folders (first = last), or undefined. */
export function findCycle(graph: Map<string, Iterable<string>>): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === "done") return undefined;
    if (state.get(node) === "open") return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("imports between grader/'s top-level folders", () => {
  const graph = folderGraph();
  const edges = (from: string) => [...(graph.get(from)?.keys() ?? [])].sort();
  const why = (from: string, to: string) => `${from} -> ${to} (in grader/${graph.get(from)?.get(to)})`;

  it("are read from the sources (the walk sees the edges every grading needs)", () => {
    // Guards against a walk that silently finds nothing and so can never fail.
    expect(edges("cli")).toContain("engine");
    expect(edges("engine")).toEqual(expect.arrayContaining(["kinds", "sandbox", "scoring", "submission"]));
    expect(edges("kinds")).toEqual(expect.arrayContaining(["probe", "sandbox", "core"]));
  });

  it("form no cycle", () => {
    const cycle = findCycle(new Map([...graph].map(([k, v]) => [k, [...v.keys()]])));
    const steps = cycle?.slice(1).map((to, i) => why(cycle[i]!, to));
    expect(steps, steps?.join("\n")).toBeUndefined();
  });

  it("keep the basics at the bottom and each layer to its own job", () => {
    const rules: [from: string, allowed: string[]][] = [
      ["core", ["generated"]], // errors, i18n, paths, schemas, verdict types
      ["generated", []],
      ["text", ["core", "generated"]],
      ["scoring", ["core", "generated", "text"]], // not reporters, not kinds
      ["runner", ["core"]],
      ["probe", ["core"]],
      ["sandbox", ["core", "generated", "probe", "python", "runner"]], // not submission
      ["submission", ["core", "generated", "runner"]],
    ];
    for (const [from, allowed] of rules) {
      const wrong = edges(from).filter((to) => !allowed.includes(to));
      expect(wrong.map((to) => why(from, to)), `${from} imports only ${allowed.join(", ") || "nothing in grader/"}`).toEqual([]);
    }
  });
});

describe("findCycle", () => {
  it("finds a cycle through several folders and none in a layered graph", () => {
    const g = (o: Record<string, string[]>) => new Map(Object.entries(o));
    expect(findCycle(g({ a: ["b"], b: ["c"], c: ["a"] }))).toEqual(["a", "b", "c", "a"]);
    expect(findCycle(g({ a: ["b", "c"], b: ["c"], c: [] }))).toBeUndefined();
  });
});
