// npm run bench: how long grading takes, next to what a bare Python and Node start costs; then the targets
// of issue 15 as ratios measured in the same run (machines differ, ratios less), each beside its limit. Exits
// 1 when one is missed.
import { execa } from "execa";
import os from "node:os";
import path from "node:path";
import { existsSync } from "node:fs";
import { projectRoot } from "../grader/core/paths.js";
import { exerciseIds, loadExercise } from "../grader/engine/exercises.js";
import { readFileSync } from "node:fs";
import { resolvePython, PYTHON_FLAGS } from "../grader/python/interpreter.js";
import { bwrapProblem } from "../grader/sandbox/bwrap-session.js";
import { batchBench } from "./batch-bench.js";
import { replyCanArrive } from "../grader/kinds/udp-client/case-rules.js";
import type { Case } from "../grader/generated/udp-client-cases.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const bin = path.join(projectRoot, "bin", "grade.js");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeCommand(cmd: string, args: string[], env?: Record<string, string>): Promise<{ wallMs: number; stdout: string }> {
  const start = performance.now();
  const r = await execa(cmd, args, { reject: false, stdin: "ignore", env });
  return { wallMs: performance.now() - start, stdout: String(r.stdout) };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Runs each command RUNS times, taking turns (so a slow spell of the machine hits them alike); one row per
 * command. `inner` reads the time inside the grader from the output (reported in 10 ms steps: averaged).
 */
async function measureTogether(commands: { label: string; cmd: string; args: string[]; env?: Record<string, string> }[], inner?: (stdout: string) => number): Promise<string[][]> {
  const walls = commands.map(() => [] as number[]);
  const inners = commands.map(() => [] as number[]);
  for (const c of commands) await timeCommand(c.cmd, c.args, c.env); // warm the file cache
  for (let i = 0; i < RUNS; i++) {
    for (const [k, c] of commands.entries()) {
      const r = await timeCommand(c.cmd, c.args, c.env);
      walls[k].push(r.wallMs);
      if (inner) inners[k].push(inner(r.stdout) * 1000);
    }
  }
  return commands.map((c, k) => [c.label, median(walls[k]).toFixed(0), inner ? mean(inners[k]).toFixed(0) : "", Math.min(...walls[k]).toFixed(0), Math.max(...walls[k]).toFixed(0)]);
}

const measure = async (label: string, cmd: string, args: string[]) => (await measureTogether([{ label, cmd, args }]))[0];

const python = await resolvePython();
const rows: string[][] = [];
rows.push(await measure("python3 -c pass (PATH, may be a shim)", "python3", ["-c", "pass"]));
rows.push(await measure(`${path.basename(python.executable)} -c pass (resolved)`, python.executable, ["-c", "pass"]));
rows.push(await measure(`${path.basename(python.executable)} ${PYTHON_FLAGS.join(" ")} -c pass (grader's flags)`, python.executable, [...PYTHON_FLAGS, "-c", "pass"]));
// Start-up, taking turns: a bare Node, the CLI, and the CLI through npx (npm's own start shown apart).
const starts = await measureTogether([
  { label: "node -e 0 (a bare Node start)", cmd: "node", args: ["-e", "0"] },
  { label: "node bin/grade.js --version (the launcher answers)", cmd: "node", args: [bin, "--version"] },
  // Not a target: the whole argument parser (yargs and every command's options), which every other command loads.
  { label: "node bin/grade.js --help (the CLI's parser)", cmd: "node", args: [bin, "--help"] },
  { label: "npx --version (npm's own start)", cmd: "npx", args: ["--version"] },
  { label: "npx grade --version (in the checkout)", cmd: "npx", args: ["grade", "--version"] },
]);
rows.push(...starts);
const [nodeMs, versionMs, , npmMs, npxMs] = starts.map((r) => Number(r[1]));
/** Each target of issue 15: the measured ratio, the limit, and whether it is met. */
const targets: { what: string; ratio: number; limit: number; unit?: string }[] = [];
targets.push({ what: "grade --version / node -e 0", ratio: versionMs / nodeMs, limit: 1.5 });
targets.push({ what: "npx grade --version / (npx --version + grade --version)", ratio: npxMs / (npmMs + versionMs), limit: 1.25 });
/**
 * The waiting the contract forces on a correct program, from the exercise's own data: for a server, every
 * step that must get no reply is listened to for replySeconds (sequential per launch, launches in
 * parallel); for a client, the server's scripted delays add up per case (cases run in parallel, so the
 * longest one bounds the exercise), and where no valid reply can reach the client (a silent server, only
 * decoys, a link that drops everything) it waits out its own deadline. The case data states that deadline
 * only as the grader's upper bound on it (`endsWithinMs`), or exactly as `endsNotBeforeMs` where a case has
 * it: `bound` says when an upper bound was used (the ratio then flatters the grader).
 */
async function forcedWaitMs(id: string): Promise<{ sum: number; longest: number; bound?: boolean } | undefined> {
  const ex = (await loadExercise(id)).data;
  const cases = JSON.parse(readFileSync(path.join(projectRoot, "exercises", id, ex.cases ?? "cases.json"), "utf8")).cases;
  if (ex.kind === "udp-server") {
    const perLaunch = new Map<string, number>();
    for (const c of cases) for (const s of c.steps) if (s.expect.noReply) perLaunch.set(c.launch, (perLaunch.get(c.launch) ?? 0) + ex.limits.replySeconds * 1000);
    const waits = [...perLaunch.values()];
    return { sum: waits.reduce((a, b) => a + b, 0), longest: Math.max(0, ...waits) };
  }
  if (ex.kind === "udp-client") {
    type ClientCase = { server: { waitMs?: number; reply?: unknown }[]; link?: { drop?: number }; expect: { endsWithinMs?: number; endsNotBeforeMs?: number } };
    let bound = false;
    const waitOf = (c: ClientCase) => {
      // A case that says when the program may give up at the earliest ends with the program then: what
      // its script still holds (a stream of invalid replies) reaches no one, and the grader stops waiting.
      if (c.expect.endsNotBeforeMs !== undefined) return c.expect.endsNotBeforeMs;
      const scripted = c.server.reduce((a, x) => a + (x.waitMs ?? 0), 0);
      if (replyCanArrive(c as Case)) return scripted;
      // Else only the grader's upper bound on the program's own deadline is known.
      if (c.expect.endsWithinMs === undefined) return scripted;
      bound = true;
      return c.expect.endsWithinMs; // the program leaves then, whatever the server's script still holds
    };
    const waits: number[] = cases.map(waitOf);
    return { sum: waits.reduce((a: number, b: number) => a + b, 0), longest: Math.max(0, ...waits), bound };
  }
  return undefined;
}

const sandboxed = (await bwrapProblem()) === undefined;
const ratios: string[] = [];
for (const id of exerciseIds()) {
  const solution = path.join(projectRoot, "solutions", id);
  if (!existsSync(solution)) continue;
  const waits = await forcedWaitMs(id);
  const grading = (out: string) => JSON.parse(out).execution_time;
  const modes = sandboxed ? ["none", "bwrap"] : ["none"];
  const [plain, boxed] = await measureTogether(
    modes.map((mode) => ({ label: `grade ${id} (reference, --sandbox ${mode})`, cmd: "node", args: [bin, id, solution, "--format", "json", "--sandbox", mode] })),
    grading,
  );
  rows.push([...plain, waits ? `${waits.bound ? "≤ " : ""}${waits.sum} / ${waits.longest}` : ""]);
  // One exercise, sandbox on (or off where bubblewrap does not work): function-call kinds against a bare
  // Node start, socket kinds against the longest wait their contract forces.
  const kind = (await loadExercise(id)).data.kind;
  const wall = Number((boxed ?? plain)[1]);
  if (kind === "function-call") targets.push({ what: `grade ${id} / node -e 0`, ratio: wall / nodeMs, limit: 3.5 });
  else if (waits && waits.longest > 0) targets.push({ what: `grade ${id} / its longest forced wait (${waits.bound ? "≤ " : ""}${waits.longest} ms)`, ratio: wall / waits.longest, limit: kind === "udp-client" ? 1.15 : 1.5 });
  if (boxed) {
    rows.push([...boxed, ""]);
    ratios.push(`${id}: bwrap/none wall ${(Number(boxed[1]) / Number(plain[1])).toFixed(2)}, grading ${(Number(boxed[2]) / Number(plain[2])).toFixed(2)}`);
  }
}
// The cost of generated cases (issue 11, target: within 1.25 × the fixed cases alone), same sandbox as a user's.
const generatedRatios: string[] = [];
for (const id of process.env.BENCH_GENERATED === "0" ? [] : exerciseIds()) {
  const solution = path.join(projectRoot, "solutions", id);
  const data = (await loadExercise(id)).data;
  if (!existsSync(solution) || !("generated" in data) || !data.generated?.length) continue;
  const args = [bin, id, solution, "--format", "json"];
  const [without, withGenerated] = await measureTogether(
    [
      { label: `grade ${id} (reference, fixed cases only)`, cmd: "node", args, env: { GRADER_GENERATED: "off" } },
      { label: `grade ${id} (reference, with generated cases)`, cmd: "node", args },
    ],
    (out) => JSON.parse(out).execution_time,
  );
  rows.push(without, withGenerated);
  const wall = Number(withGenerated[1]) / Number(without[1]);
  generatedRatios.push(`${id}: wall ×${wall.toFixed(2)} (target ≤ 1.25${wall <= 1.25 ? ", met" : ", NOT met"}), grading ×${(Number(withGenerated[2]) / Number(without[2])).toFixed(2)}`);
}
for (const r of rows) while (r.length < 6) r.push("");

const header = ["what", "median ms", "grading ms", "min ms", "max ms", "forced waits ms: sum / longest"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
console.log(`udp-grader bench — ${RUNS} runs each, Python ${python.version} at ${python.executable}`);
console.log("'grading ms' is the result's execution_time (mean): the time inside the grader, without Node's start.");
console.log("Sandboxed and plain gradings of an exercise take turns, run by run.");
console.log("'forced waits' is the waiting the contract imposes on a correct program (sum over cases / the longest one);");
console.log("'≤': a client's own deadline read from the grader's upper bound on it (endsWithinMs), so that ratio flatters.\n");
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const r of rows) console.log(line(r));
if (generatedRatios.length) console.log(`\ngenerated cases' cost (with / fixed cases only):\n  ${generatedRatios.join("\n  ")}`);
console.log(sandboxed ? `\nsandbox cost (target: within 10 %):\n  ${ratios.join("\n  ")}` : "\nbubblewrap is not usable here: no sandboxed figures.");

if (process.env.BENCH_BATCH !== "0") {
  const batch = await batchBench();
  console.log("\n" + batch.lines.join("\n"));
  targets.push({ what: "a class (batch all) in seconds", ratio: batch.seconds, limit: 60, unit: "s" });
  targets.push({ what: "grader's peak RSS in that run, MB", ratio: batch.peakMb, limit: 150, unit: "MB" });
}

// The targets of issue 15, each beside its limit; the bench fails when one is missed.
console.log(`\ntargets (${new Date().toISOString().slice(0, 10)}, ${os.availableParallelism()} cores, load ${os.loadavg()[0].toFixed(1)}):`);
const tw = Math.max(...targets.map((x) => x.what.length));
let missed = 0;
for (const x of targets) {
  const ok = x.ratio <= x.limit;
  if (!ok) missed++;
  const shown = x.unit ? `${x.ratio.toFixed(0)} ${x.unit}` : `×${x.ratio.toFixed(2)}`;
  const limit = x.unit ? `< ${x.limit} ${x.unit}` : `≤ ×${x.limit}`;
  console.log(`  ${x.what.padEnd(tw)}  ${shown.padStart(8)}  target ${limit.padEnd(9)} ${ok ? "met" : "MISSED"}`);
}
if (missed) {
  console.error(`\n${missed} target(s) missed`);
  process.exitCode = 1;
}
