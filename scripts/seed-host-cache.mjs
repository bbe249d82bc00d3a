// Part of the build (bundle.mjs): writes the sandbox host's V8 code cache (grader/core/code-cache.ts). The
// host only ever runs in the sandbox, where nothing of the grader is writable, so one host is started here as
// a grading starts it, but with its cache folder writable and no student program anywhere near it; it takes
// each of its paths once (the copy, a program started and relayed, ports held and let go) and is stopped: it
// writes the cache as it exits. Where bubblewrap cannot run there is no host to start, and nothing to cache.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = (p) => import(path.join(root, "dist/grader", p));

// A cache is only a head start: nothing here may fail the build.
try {
  const { bwrapProblem } = await dist("sandbox/bwrap-session.js");
  const problem = await bwrapProblem();
  if (problem) process.stdout.write(`udp-grader: no code cache for the sandbox host (${problem}).\n`);
  else await seed();
} catch (e) {
  process.stdout.write(`udp-grader: no code cache for the sandbox host (${e.message}).\n`);
}

async function seed() {
  const { launchHost } = await dist("sandbox/host-launch.js");
  const { DEFAULT_LIMITS } = await dist("sandbox/limits.js");
  const { SUBMISSION, WORK } = await dist("sandbox/bwrap-args.js");
  const { startRemote } = await dist("sandbox/remote-process.js");
  const { cacheDirOf } = await dist("core/code-cache.js");
  const cacheDir = cacheDirOf(path.join(root, "dist/grader/sandbox/host.bundle.cjs"));
  mkdirSync(cacheDir, { recursive: true });
  const host = launchHost(DEFAULT_LIMITS, cacheDir);
  try {
    await host.conn.request("prepare", { source: SUBMISSION, target: WORK, uid: host.uid });
    const program = startRemote(host.conn, 1, { argv: ["/bin/sh", "-c", "echo warm; echo up >&2"], cwd: "/", env: {}, timeoutMs: 10_000, extraPipes: 0, outputCapBytes: 1024 });
    await program.done;
    const held = await host.conn.request("holdPorts", { requests: [{ name: "build", state: "udp" }] });
    await host.conn.request("releasePorts", { handle: held.handle });
  } catch (e) {
    process.stdout.write(`udp-grader: the sandbox host's code cache may be partial (${e.message}).\n`);
  } finally {
    await host.close();
  }
}
