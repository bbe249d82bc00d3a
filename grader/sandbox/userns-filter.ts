// A seccomp filter that refuses new user namespaces to student programs: a program that makes one can
// mount a tmpfs of its own there, past the disk and memory limits. unshare() and clone() with
// CLONE_NEWUSER fail with EPERM; clone3() (whose flags sit in memory, out of a filter's reach) fails with
// ENOSYS, so the C library falls back to clone(). Handed to bubblewrap with --add-seccomp-fd.
// bubblewrap 0.8's --disable-userns is not used: it needs --unshare-user, and as root the sandbox's own
// uid cannot be mapped into the namespace bubblewrap makes, while an unprivileged bubblewrap cannot mount
// /proc inside the root-made outer sandbox (the kernel refuses proc mounts where /proc is partly covered).
// Only Node's own modules here.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

let seccompFd: boolean | undefined;

/**
 * Whether bubblewrap's own help text (compiled into the program) names the option: a read of a ~70 KB
 * file instead of starting it, which the launcher did synchronously before anything else (2 ms on a quiet
 * machine, 80 ms at load 25). undefined when `bwrap` is not a program file (a wrapper script): ask it then.
 */
function helpTextMentions(bwrap: string, option: string): boolean | undefined {
  try {
    const bytes = readFileSync(bwrap);
    if (bytes.length > 16 << 20 || bytes.readUInt32BE(0) !== 0x7f454c46) return undefined; // not ELF
    return bytes.includes(option);
  } catch {
    return undefined;
  }
}

/** Does this bubblewrap take --add-seccomp-fd (0.5 and later)? Asked once. */
export function takesSeccompFd(bwrap: string): boolean {
  seccompFd ??= helpTextMentions(bwrap, "--add-seccomp-fd");
  if (seccompFd === undefined) {
    try {
      seccompFd = execFileSync(bwrap, ["--help"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 5000 }).includes("--add-seccomp-fd");
    } catch (e) {
      seccompFd = String((e as { stdout?: string }).stdout ?? "").includes("--add-seccomp-fd");
    }
  }
  return seccompFd;
}

/** Why there is no filter here, or undefined. */
export function filterProblem(bwrap: string): string | undefined {
  if (!ARCHES[process.arch]) return `no seccomp filter for the ${process.arch} architecture`;
  if (!takesSeccompFd(bwrap)) return "this bubblewrap is older than 0.5 (no --add-seccomp-fd)";
  return undefined;
}

const ARCHES: Record<string, { audit: number; unshare: number; clone: number; clone3: number }> = {
  x64: { audit: 0xc000003e, unshare: 272, clone: 56, clone3: 435 },
  arm64: { audit: 0xc00000b7, unshare: 97, clone: 220, clone3: 435 },
};

const CLONE_NEWUSER = 0x10000000;
const EPERM = 1;
const ENOSYS = 38;
const RET_ALLOW = 0x7fff0000;
const RET_ERRNO = 0x00050000;
const X32_BIT = 0x40000000;

// Classic BPF opcodes.
const LD_W_ABS = 0x20;
const JEQ_K = 0x15;
const JSET_K = 0x45;
const RET_K = 0x06;

type Insn = [code: number, jt: number, jf: number, k: number];

/** The filter for this machine's architecture, as struct sock_filter[] bytes; undefined where unknown. */
export function usernsFilter(arch: string = process.arch): Buffer | undefined {
  const a = ARCHES[arch];
  if (!a) return undefined;
  // seccomp_data: nr at 0, arch at 4, args[0] (low 32 bits, little-endian) at 16.
  const prog: Insn[] = [
    [LD_W_ABS, 0, 0, 4],
    [JEQ_K, 1, 0, a.audit], // our arch: go on; another (32-bit calls on a 64-bit kernel): refuse the lot below
    [RET_K, 0, 0, RET_ERRNO | EPERM],
    [LD_W_ABS, 0, 0, 0],
    [JSET_K, 0, 1, X32_BIT], // x32 calls: refused
    [RET_K, 0, 0, RET_ERRNO | EPERM],
    [JEQ_K, 0, 1, a.clone3],
    [RET_K, 0, 0, RET_ERRNO | ENOSYS],
    [JEQ_K, 1, 0, a.unshare],
    [JEQ_K, 0, 3, a.clone],
    [LD_W_ABS, 0, 0, 16],
    [JSET_K, 0, 1, CLONE_NEWUSER],
    [RET_K, 0, 0, RET_ERRNO | EPERM],
    [RET_K, 0, 0, RET_ALLOW],
  ];
  const buf = Buffer.alloc(prog.length * 8);
  prog.forEach(([code, jt, jf, k], i) => {
    buf.writeUInt16LE(code, i * 8);
    buf.writeUInt8(jt, i * 8 + 2);
    buf.writeUInt8(jf, i * 8 + 3);
    buf.writeUInt32LE(k >>> 0, i * 8 + 4);
  });
  return buf;
}
