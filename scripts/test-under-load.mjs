// `npm run test:under-load [-- RUNS [FILE...]]`: the stable-under-load check of issue 15 — `npm test`'s suite
// (or only the test files named) run RUNS times in a row (default 1) while one busy loop per core keeps every
// core busy. Stops at the first failed
// run (its exit code is this script's). The busy loops are this script's own children, each bounded in time
// (in case the script itself is killed) and killed by their pid when the runs end.
import { spawn, spawnSync } from "node:child_process";
import os from "node:os";

const runs = Number(process.argv[2] ?? 1);
const files = process.argv.slice(3);
if (!Number.isInteger(runs) || runs < 1 || runs > 50) {
  console.error("usage: npm run test:under-load [-- RUNS [FILE...]]   (RUNS from 1 to 50)");
  process.exit(2);
}
const cores = os.availableParallelism();
const boundMs = runs * 30 * 60_000;
const hogs = Array.from({ length: cores }, () =>
  spawn(process.execPath, ["-e", `const end = Date.now() + ${boundMs}; while (Date.now() < end) {}`], { stdio: "ignore" }),
);
const stopHogs = () => {
  for (const h of hogs) if (h.exitCode === null) h.kill("SIGKILL");
};
process.on("exit", stopHogs);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
let status = 0;
for (let i = 1; i <= runs && status === 0; i++) {
  const started = Date.now();
  console.log(`\n== run ${i}/${runs} with ${cores} busy loop(s), load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} ==`);
  const r = spawnSync("npx", ["vitest", "run", "--configLoader", "runner", ...files], { stdio: "inherit" });
  status = r.status ?? 1;
  console.log(`== run ${i}/${runs}: ${status === 0 ? "passed" : `FAILED (exit ${status})`} in ${((Date.now() - started) / 1000).toFixed(0)} s, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} ==`);
}
process.exit(status);
