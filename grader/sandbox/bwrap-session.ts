// The bubblewrap sandbox. Per graded submission, an outer sandbox has its own network namespace (only
// loopback, so no route out and no port clash with anything else) and runs the sandbox host: the probe
// and the launcher. Each student program runs in an inner sandbox that sees only the Python runtime
// (read-only), its working folder and a small /tmp, both on size-limited tmpfs; its own PID namespace is
// killed as a whole at the end; as root it also gets a uid of its own, so RLIMIT_NPROC stops a fork bomb.
import { randomInt } from "node:crypto";
import { existsSync, lstatSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";
import { execa } from "execa";
import { nodeScript, projectRoot, pythonSupportDir } from "../core/paths.js";
import { AgentConnection } from "../probe/agent-connection.js";
import { studentEnv } from "../runner/student-env.js";
import type { PythonInfo } from "../python/interpreter.js";
import { prlimitPrefix, type ResourceLimits } from "./limits.js";
import { startRemote, type DirectChannel } from "./remote-process.js";
import type { Readable, Writable } from "node:stream";
import type { SandboxSession } from "./session.js";

const HOST = nodeScript(import.meta.url, "host");
// GRADER_BWRAP names another bwrap (the tests point it at a missing one to check the fallback).
const BWRAP = process.env.GRADER_BWRAP ? (existsSync(process.env.GRADER_BWRAP) ? process.env.GRADER_BWRAP : undefined) : ["/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap"].find((p) => existsSync(p));
const MIB = 1024 * 1024;
// Under the outer sandbox's own /tmp: the rest of its view of / is read-only.
const WORK = "/tmp/sandbox/work";
const SUPPORT = "/grader";

let usable: Promise<string | undefined> | undefined;

/** Does bubblewrap work here (installed, and allowed to make namespaces)? undefined, or why not. */
export function bwrapProblem(): Promise<string | undefined> {
  usable ??= (async () => {
    if (!BWRAP) return "bubblewrap (bwrap) is not installed";
    const r = await execa(BWRAP, ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-net", "--unshare-pid", "--die-with-parent", "true"], { reject: false, timeout: 10_000 });
    return r.exitCode === 0 ? undefined : `bubblewrap cannot create namespaces here (${String(r.stderr).trim() || `exit ${r.exitCode}`})`;
  })();
  return usable;
}

/** The top-level system folders, as binds (or symlinks, on merged-/usr systems). */
function systemBinds(): string[] {
  const args = ["--ro-bind", "/usr", "/usr"];
  for (const p of ["/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32"]) {
    if (!existsSync(p)) continue;
    const st = lstatSync(p);
    args.push(...(st.isSymbolicLink() ? ["--symlink", readlinkSync(p), p] : ["--ro-bind", p, p]));
  }
  for (const f of ["/etc/hosts", "/etc/nsswitch.conf", "/etc/ld.so.cache", "/etc/passwd", "/etc/group", "/etc/localtime"]) args.push("--ro-bind-try", f, f);
  return args;
}

/**
 * bwrap makes the folders above a bind with the modes of the host's (e.g. /root is 0700): make them
 * traversable, so the student's own uid can reach what is bound below them.
 */
function traversableParents(p: string): string[] {
  const parts = p.split("/").filter(Boolean);
  return parts.slice(0, -1).flatMap((_, i) => ["--perms", "0755", "--dir", "/" + parts.slice(0, i + 1).join("/")]);
}

/** Where the interpreter lives when it is not under /usr (pyenv, conda, /opt): bound read-only. */
function pythonBinds(python: PythonInfo): string[] {
  const real = realpathSync(python.executable);
  const roots = new Set([path.dirname(path.dirname(real)), path.dirname(path.dirname(python.executable))]);
  return [...roots].filter((x) => !x.startsWith("/usr/") && x !== "/usr" && x !== "/").flatMap((r) => [...traversableParents(r), "--ro-bind", r, r]);
}

function innerPrefix(python: PythonInfo, limits: ResourceLimits, uid: number | undefined): string[] {
  const drop = uid === undefined ? [] : ["/usr/bin/setpriv", `--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", "--inh-caps=-all", "--"];
  return [
    BWRAP!,
    "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent", "--new-session",
    ...systemBinds(),
    ...pythonBinds(python),
    "--dev", "/dev",
    "--proc", "/proc",
    "--size", String(limits.diskMiB * MIB), "--tmpfs", "/tmp",
    ...traversableParents(WORK),
    "--bind", WORK, WORK,
    "--ro-bind", pythonSupportDir, SUPPORT,
    "--chdir", WORK,
    "--",
    ...drop,
    ...prlimitPrefix(limits, uid),
  ];
}

/**
 * Starts the outer sandbox and its host at once (the host takes ~0.1 s to start: the caller prepares the
 * submission meanwhile); `finish` then copies the submission in and returns the session.
 */
export function startBwrapSession(hostWorkDir: string, limits: ResourceLimits): { finish(python: PythonInfo): Promise<SandboxSession>; abort(): Promise<void> } {
  // As root, student programs get a uid of their own (no capabilities, and a process count of their own).
  // GRADER_SANDBOX_UID pins it (the tests use it to check that nothing of a submission survives).
  const uid = process.getuid?.() === 0 ? Number(process.env.GRADER_SANDBOX_UID) || 200_000 + randomInt(60_000) : undefined;
  const outer = execa(
    BWRAP!,
    [
      "--ro-bind", "/", "/",
      "--dev", "/dev",
      "--proc", "/proc",
      "--tmpfs", "/tmp",
      "--size", String(limits.diskMiB * MIB), "--tmpfs", "/tmp/sandbox",
      "--ro-bind", hostWorkDir, "/tmp/submission",
      // The fresh /tmp would hide a grader checkout or a Node that lives under /tmp (CI clones): bind them back.
      ...[projectRoot, path.dirname(path.dirname(realpathSync(process.execPath)))].filter((p) => p.startsWith("/tmp/")).flatMap((p) => ["--ro-bind", p, p]),
      "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
      "--die-with-parent", "--new-session",
      "--", process.execPath, HOST,
    ],
    // fds 3 and 4: a direct channel for the function harness (handed on by the host, not relayed).
    { stdio: ["pipe", "pipe", "pipe", "pipe", "pipe"], buffer: false, reject: false, extendEnv: false, env: { PATH: process.env.PATH ?? "/usr/bin:/bin" } },
  );
  const conn = new AgentConnection(outer, "the sandbox host");
  const [request, answer] = [outer.stdio[3] as Writable & Readable, outer.stdio[4] as Readable];
  request.on("data", () => {}); // what a program writes back into its request pipe is dropped
  request.on("error", () => {});
  const direct: DirectChannel = { request, answer };
  return {
    abort: () => conn.dispose(),
    finish: async (python) => {
      await conn.request("prepare", { source: "/tmp/submission", target: WORK, uid });
      return sessionOver(conn, python, limits, uid, direct);
    },
  };
}

function sessionOver(conn: AgentConnection, python: PythonInfo, limits: ResourceLimits, uid: number | undefined, direct: DirectChannel): SandboxSession {
  const prefix = innerPrefix(python, limits, uid);
  let nextProc = 1;
  let directInUse = false;
  return {
    name: "bwrap",
    python,
    limits,
    workDir: WORK,
    supportFile: (name) => path.posix.join(SUPPORT, name),
    probe: { call: (command, args) => conn.request(command, args) as Promise<never>, dispose: async () => {} },
    launch: (spec) => {
      // A program with a two-pipe protocol (the function harness; one at a time) gets the direct channel.
      const useDirect = spec.extraPipes === 2 && !directInUse;
      const p = startRemote(
        conn,
        nextProc++,
        { argv: [...prefix, python.executable, ...spec.args], cwd: "/", env: studentEnv(WORK), timeoutMs: spec.timeoutMs, extraPipes: useDirect ? 0 : (spec.extraPipes ?? 0), ...(useDirect ? { inheritFds: [3, 4] } : {}), outputCapBytes: limits.outputBytes },
        useDirect ? direct : undefined,
      );
      if (useDirect) {
        directInUse = true;
        void p.done.then(() => (directInUse = false));
      }
      return p;
    },
    dispose: () => conn.dispose(),
  };
}
