// bubblewrap's command lines: the outer sandbox (one per graded submission, its own network namespace,
// running the sandbox host) and the inner one (one per student program). Only Node's own modules here:
// the launcher loads this before the rest of the grader, to start a sandbox host early.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, lstatSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";
import { projectRoot, pythonSupportDir } from "../core/paths.js";
import type { PythonInfo } from "../python/interpreter.js";
import { prlimitPrefix, type ResourceLimits } from "./limits.js";
import { socketFilterPath } from "./socket-limits.js";

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

/** Folders that hold the grader itself (its cases, its reference solutions): never visible to student code. */
const graderDirs = [...new Set([projectRoot, realIfExists(projectRoot)])];

function realIfExists(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

const inside = (p: string, dir: string) => dir === "/" || p === dir || p.startsWith(dir + "/");

const librariesOf = new Map<string, string[]>();

/** Folders of the shared libraries `real` loads (ldd), each as named and as resolved; [] where ldd is missing. */
function libraryDirs(real: string): string[] {
  let found = librariesOf.get(real);
  if (found) return found;
  let text = "";
  try {
    text = execFileSync("ldd", [real], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 5000 });
  } catch {
    // static, or no ldd: the usual library folders below
  }
  return libraryDirsFrom(real, text);
}

/**
 * Runs ldd for `python` now, in the background (the launcher calls this as soon as Python is found): the
 * inner sandbox's command line then finds the answer ready instead of blocking the grader on ldd (a
 * synchronous 10 ms on a quiet machine, 150 ms at load 25).
 */
export function librariesAhead(python: PythonInfo): Promise<void> {
  const real = realIfExists(python.executable);
  if (librariesOf.has(real)) return Promise.resolve();
  let pending = librariesPending.get(real);
  if (!pending) {
    pending = new Promise((resolve) => {
      execFile("ldd", [real], { encoding: "utf8", timeout: 5000 }, (error, stdout) => {
        // A failed ldd is left to libraryDirs, which tries again and falls back the same way.
        if (!error && !librariesOf.has(real)) libraryDirsFrom(real, stdout);
        resolve();
      });
    });
    librariesPending.set(real, pending);
  }
  return pending;
}

const librariesPending = new Map<string, Promise<void>>();

function libraryDirsFrom(real: string, text: string): string[] {
  let found: string[];
  const files = [...text.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)].map((m) => m[1]);
  found = files.length ? [...new Set(files.flatMap((f) => [realIfExists(path.dirname(f)), path.dirname(realIfExists(f))]))] : ["/lib", "/lib64", "/usr/lib", "/usr/lib64"].filter((d) => existsSync(d)).map(realIfExists);
  librariesOf.set(real, found);
  return found;
}

/**
 * What student code sees of the system, all read-only: Python's prefixes (its stdlib; a venv's and its
 * base's), the folders of the libraries the interpreter loads, /usr/bin for a shell, a few /etc files —
 * and never the grader's own folder, even where it lies under one of those (npm i -g under /usr): an
 * empty tmpfs hides it there.
 */
export function systemMounts(python: PythonInfo): string[] {
  const roots = mountRoots(python);
  const links: string[] = [];
  for (const p of ["/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32"]) if (existsSync(p) && lstatSync(p).isSymbolicLink()) links.push("--symlink", readlinkSync(p), p);
  const binds = roots.filter((d) => !graderDirs.some((g) => inside(d, g))).flatMap((d) => [...traversableParents(d), "--ro-bind", d, d]);
  const hidden = graderDirs.filter((g) => roots.some((d) => inside(g, d) && g !== d)).flatMap((g) => ["--perms", "0555", "--size", "4096", "--tmpfs", g]);
  // A .pth file that runs code is shown empty: site.py would run it at every start of a student's script
  // (python-probe.ts); the packages beside it stay importable.
  const pth = (python.codePth ?? []).filter((f) => roots.some((d) => inside(f, d)) && !graderDirs.some((g) => inside(f, g))).flatMap((f) => ["--ro-bind", "/dev/null", f]);
  const etc = ["/etc/hosts", "/etc/nsswitch.conf", "/etc/ld.so.cache", "/etc/passwd", "/etc/group", "/etc/localtime"].flatMap((f) => ["--ro-bind-try", f, f]);
  return [...links, ...binds, ...hidden, ...pth, ...etc];
}

/** The folders systemMounts binds (outermost ones only). */
function mountRoots(python: PythonInfo): string[] {
  const real = realIfExists(python.executable);
  const wanted = [
    "/usr/bin",
    ...(python.prefixes ?? []),
    ...(python.prefixes ?? []).map(realIfExists),
    path.dirname(path.dirname(real)),
    path.dirname(path.dirname(python.executable)),
    ...libraryDirs(real),
  ].filter((d) => d.startsWith("/") && d !== "/" && existsSync(d));
  // Symlinked top-level folders (merged /usr) stay symlinks; a folder inside another one is not bound twice.
  if (existsSync("/bin") && !lstatSync("/bin").isSymbolicLink()) wanted.push("/bin");
  const unique = [...new Set(wanted)].sort();
  return unique.filter((d) => !unique.some((o) => o !== d && inside(d, o)));
}

/** Where the outer sandbox keeps what the inner ones take from the grader: its Python support files and the seccomp filter. */
const STAGE = "/tmp/.stage";
const FILTER = STAGE + "/userns.bpf";
/** The fd on which the outer bwrap reads the filter (see launchHost). */
export const FILTER_FD = 5;
/** The fd on which each inner bwrap gets it: above those a program's extra pipes use (3, 4, ...). */
const INNER_FILTER_FD = 9;
/** The socket-buffer filter's fd (socket-limits.ts): both filters load, in the order given. */
const SOCKET_FILTER_FD = 8;

/**
 * bwrap makes the folders above a bind with the modes of the host's (e.g. /root is 0700): make them
 * traversable, so the student's own uid can reach what is bound below them.
 */
function traversableParents(p: string): string[] {
  const parts = p.split("/").filter(Boolean);
  return parts.slice(0, -1).flatMap((_, i) => ["--perms", "0755", "--dir", "/" + parts.slice(0, i + 1).join("/")]);
}

/**
 * The outer sandbox around the sandbox host (`node` and `hostCommand`), with the grader's copy `hostWorkDir`
 * bound read-only. `writable`: a folder of the grader's the host may write (only the build's run that writes
 * the host's code cache, with no student program in it: never a grading).
 */
export function outerArgs(hostWorkDir: string, hostCommand: string[], limits: ResourceLimits, cgroupDir: string | undefined, withFilter: boolean, writable?: string): string[] {
  return [
    "--ro-bind", "/", "/",
    "--dev", "/dev",
    "--proc", "/proc",
    "--tmpfs", "/tmp",
    "--size", String(limits.diskMiB * MIB), "--tmpfs", "/tmp/sandbox",
    "--ro-bind", hostWorkDir, SUBMISSION,
    // The submission's memory group, writable for the host alone: it moves each student program in.
    ...(cgroupDir ? ["--bind", cgroupDir, cgroupDir] : []),
    ...(withFilter ? [...traversableParents(FILTER), "--file", String(FILTER_FD), FILTER] : []),
    // The grader's Python support files, reachable whatever the modes above the checkout.
    ...traversableParents(STAGE + "/support"), "--ro-bind", pythonSupportDir, STAGE + "/support",
    // The fresh /tmp would hide a grader checkout or a Node that lives under /tmp (CI clones): bind them back.
    ...[projectRoot, path.dirname(path.dirname(realpathSync(process.execPath)))].filter((p) => p.startsWith("/tmp/")).flatMap((p) => ["--ro-bind", p, p]),
    ...(writable ? ["--bind", writable, writable] : []),
    "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
    "--die-with-parent", "--new-session",
    "--", process.execPath, ...hostCommand,
  ];
}

export interface InnerOptions {
  /** The uid student programs run as (when the grader is root). */
  uid: number | undefined;
  /** Load the seccomp filter against new user namespaces (userns-filter.ts) from the outer sandbox. */
  filter: boolean;
  /** cgroup.procs of the submission's memory group: each program joins it before anything else. */
  cgroupProcs?: string;
  /** How many of the submission's programs may run at once, sharing its process limit (prlimitPrefix). */
  programsAtOnce?: number;
}

/** What goes before `python ARGS...` to run it in an inner sandbox. */
export function innerPrefix(python: PythonInfo, limits: ResourceLimits, o: InnerOptions): string[] {
  // A shell joins the memory group and opens the filters for bwrap (the one against new user namespaces,
  // and socket-limits.ts' cap on socket buffers), then becomes bwrap.
  const sockets = socketFilterPath();
  const opens = `${o.filter ? ` ${INNER_FILTER_FD}< ${FILTER}` : ""}${sockets ? ` ${SOCKET_FILTER_FD}< ${sockets}` : ""}`;
  const steps = [o.cgroupProcs ? 'echo $$ > "$0" || exit 125' : ":", `exec "$@"${opens}`].join("; ");
  const shell = o.cgroupProcs || opens ? ["/bin/sh", "-c", steps, o.cgroupProcs ?? "sh"] : [];
  const drop = o.uid === undefined ? [] : ["/usr/bin/setpriv", `--reuid=${o.uid}`, `--regid=${o.uid}`, "--clear-groups", "--inh-caps=-all", "--"];
  return [
    ...shell,
    BWRAP!,
    ...(o.filter ? ["--add-seccomp-fd", String(INNER_FILTER_FD)] : []),
    ...(sockets ? ["--add-seccomp-fd", String(SOCKET_FILTER_FD)] : []),
    "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent", "--new-session",
    ...systemMounts(python),
    "--dev", "/dev",
    "--proc", "/proc",
    // A private /tmp the program can write to (bwrap makes it 0755 for its own root otherwise).
    "--perms", "01777", "--size", String(limits.diskMiB * MIB), "--tmpfs", "/tmp",
    ...traversableParents(WORK),
    "--bind", WORK, WORK,
    "--ro-bind", STAGE + "/support", SUPPORT,
    "--chdir", WORK,
    "--",
    ...drop,
    ...prlimitPrefix(limits, o.uid, o.programsAtOnce),
  ];
}
