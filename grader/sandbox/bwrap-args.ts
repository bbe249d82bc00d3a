// bubblewrap's command lines: the outer sandbox (one per graded submission, its own network namespace,
// running the sandbox host) and the inner one (one per student program). Only Node's own modules here:
// the launcher loads this before the rest of the grader, to start a sandbox host early.
import { existsSync, lstatSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";
import { projectRoot, pythonSupportDir } from "../core/paths.js";
import type { PythonInfo } from "../python/interpreter.js";
import { prlimitPrefix, type ResourceLimits } from "./limits.js";
import { socketFilterPath, withSocketFilter } from "./socket-limits.js";

// GRADER_BWRAP names another bwrap (the tests point it at a missing one, or a failing one, to check the fallback).
export const BWRAP: string | undefined = process.env.GRADER_BWRAP
  ? existsSync(process.env.GRADER_BWRAP)
    ? process.env.GRADER_BWRAP
    : undefined
  : ["/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap"].find((p) => existsSync(p));

const MIB = 1024 * 1024;
/** Where the outer sandbox sees the grader's copy of the submission (read-only). */
export const SUBMISSION = "/tmp/submission";
/** The student's working folder: under the outer sandbox's own /tmp (the rest of its / is read-only). */
export const WORK = "/tmp/sandbox/work";
/** Where student programs see the grader's Python support files (the function harness). */
export const SUPPORT = "/grader";

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

/** The outer sandbox around the sandbox host `hostScript`, with the grader's copy `hostWorkDir` bound read-only. */
export function outerArgs(hostWorkDir: string, hostScript: string, limits: ResourceLimits): string[] {
  return [
    "--ro-bind", "/", "/",
    "--dev", "/dev",
    "--proc", "/proc",
    "--tmpfs", "/tmp",
    "--size", String(limits.diskMiB * MIB), "--tmpfs", "/tmp/sandbox",
    "--ro-bind", hostWorkDir, SUBMISSION,
    // The fresh /tmp would hide a grader checkout or a Node that lives under /tmp (CI clones): bind them back.
    ...[projectRoot, path.dirname(path.dirname(realpathSync(process.execPath)))].filter((p) => p.startsWith("/tmp/")).flatMap((p) => ["--ro-bind", p, p]),
    "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
    "--die-with-parent", "--new-session",
    "--", process.execPath, hostScript,
  ];
}

/** What goes before `python ARGS...` to run it in an inner sandbox, as `uid` (when the grader is root). */
export function innerPrefix(python: PythonInfo, limits: ResourceLimits, uid: number | undefined): string[] {
  const drop = uid === undefined ? [] : ["/usr/bin/setpriv", `--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", "--inh-caps=-all", "--"];
  // The socket-buffer filter (socket-limits.ts) goes in front of bwrap: a shell opens it for bwrap.
  return withSocketFilter(BWRAP!, [
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
  ], socketFilterPath());
}
