// Limits on what a student program can pin in the kernel through sockets (issue 12, finding 2): UDP
// buffers are kernel memory, counted across network namespaces and outside RLIMIT_AS, and net.core.rmem_max
// is one setting for the whole host. So: few open files per process (RLIMIT_NOFILE), and a seccomp filter
// (loaded by bubblewrap) under which setsockopt(SOL_SOCKET, SO_RCVBUF/SO_SNDBUF and their FORCE forms)
// succeeds without effect, so every socket keeps the default buffer size. seccomp cannot read the value
// behind setsockopt's pointer, hence "no effect" rather than "at most N". Only Node's own modules here
// (bwrap-args loads this before the rest of the grader).
import { writeFileSync } from "node:fs";
import { arch } from "node:process";

/** Open files per student process: a program of this course needs a handful of sockets and files. */
export const NOFILE = 256;

/** Where the sandbox host keeps the compiled filter, in its own /tmp (student programs do not see it). */
export const SECCOMP_FILTER_PATH = "/tmp/grader-seccomp-sockets.bpf";
/** The file descriptor bubblewrap reads the filter from (opened by the shell in front of it; above a program's extra pipes). */
const FILTER_FD = 8;

// Classic BPF, as struct sock_filter { u16 code; u8 jt; u8 jf; u32 k } (little-endian, like the machines
// below). seccomp_data: nr at 0, arch at 4, args[i] at 16 + 8i (the low 32 bits first).
const LD_W_ABS = 0x20;
const JEQ_K = 0x15;
const JGE_K = 0x35;
const RET_K = 0x06;
const RET_ALLOW = 0x7fff0000;
const RET_ERRNO = 0x00050000;
const ENOSYS = 38;
const SOL_SOCKET = 1;
/** SO_SNDBUF, SO_RCVBUF, SO_SNDBUFFORCE, SO_RCVBUFFORCE (the same numbers on x86_64 and arm64). */
const BUFFER_OPTIONS = [7, 8, 32, 33];
/** io_uring_setup, io_uring_enter, io_uring_register: io_uring can set socket options past this filter. */
const IO_URING = [425, 426, 427];

const ARCHES: Record<string, { audit: number; setsockopt: number; x32?: boolean }> = {
  x64: { audit: 0xc000003e, setsockopt: 54, x32: true },
  arm64: { audit: 0xc00000b7, setsockopt: 208 },
};

type Insn = { code: number; k: number; jt?: string; jf?: string } | { label: string };

/** Assembles instructions whose jumps name labels (forward only, as classic BPF requires). */
function assemble(program: Insn[]): Buffer {
  const insns = program.filter((i): i is Exclude<Insn, { label: string }> => !("label" in i));
  const at = new Map<string, number>();
  let n = 0;
  for (const i of program) if ("label" in i) at.set(i.label, n);
  else n++;
  const out = Buffer.alloc(insns.length * 8);
  insns.forEach((insn, pc) => {
    const offset = (label?: string) => {
      if (label === undefined) return 0;
      const target = at.get(label);
      if (target === undefined || target <= pc || target - pc - 1 > 255) throw new Error(`bad BPF jump to ${label}`);
      return target - pc - 1;
    };
    out.writeUInt16LE(insn.code, pc * 8);
    out.writeUInt8(offset(insn.jt), pc * 8 + 2);
    out.writeUInt8(offset(insn.jf), pc * 8 + 3);
    out.writeUInt32LE(insn.k >>> 0, pc * 8 + 4);
  });
  return out;
}

/** The filter for this machine, or undefined where its system call numbers are not known here. */
export function socketSeccompFilter(machine: string = arch): Buffer | undefined {
  const a = ARCHES[machine];
  if (!a) return undefined;
  const jeq = (k: number, jt?: string, jf?: string): Insn => ({ code: JEQ_K, k, jt, jf });
  return assemble([
    { code: LD_W_ABS, k: 4 },
    // Another architecture's system calls (32-bit ones on x86_64) would have other numbers: refused.
    jeq(a.audit, undefined, "nosys"),
    { code: LD_W_ABS, k: 0 },
    ...(a.x32 ? [{ code: JGE_K, k: 0x40000000, jt: "nosys" } as Insn] : []),
    ...IO_URING.map((nr) => jeq(nr, "nosys")),
    jeq(a.setsockopt, undefined, "allow"),
    { code: LD_W_ABS, k: 16 + 8 * 1 },
    jeq(SOL_SOCKET, undefined, "allow"),
    { code: LD_W_ABS, k: 16 + 8 * 2 },
    ...BUFFER_OPTIONS.map((o) => jeq(o, "no-effect")),
    { label: "allow" },
    { code: RET_K, k: RET_ALLOW },
    // errno 0: the call returns 0 (success) without being made.
    { label: "no-effect" },
    { code: RET_K, k: RET_ERRNO | 0 },
    { label: "nosys" },
    { code: RET_K, k: RET_ERRNO | ENOSYS },
  ]);
}

/**
 * bubblewrap reads a filter from a file descriptor, and the sandbox host starts programs with pipes only:
 * a shell in front opens the filter on FILTER_FD, then becomes bwrap. `bwrapArgs` gets `--add-seccomp-fd`
 * (repeatable, so it does not conflict with other filters). Returns the command unchanged when there is no filter.
 */
export function withSocketFilter(bwrap: string, bwrapArgs: string[], filterPath: string | undefined): string[] {
  if (!filterPath) return [bwrap, ...bwrapArgs];
  return ["/bin/sh", "-c", `exec ${FILTER_FD}<"$0" && exec "$@"`, filterPath, bwrap, "--add-seccomp-fd", String(FILTER_FD), ...bwrapArgs];
}

/** In the sandbox host, at its start: writes the filter where inner sandboxes load it from. Returns whether it did. */
export function stageSocketFilter(): boolean {
  const filter = socketSeccompFilter();
  if (!filter) return false;
  writeFileSync(SECCOMP_FILTER_PATH, filter);
  return true;
}

/** The filter's path for the inner sandboxes (the host stages it), or undefined on a machine without one. */
export function socketFilterPath(): string | undefined {
  return socketSeccompFilter() ? SECCOMP_FILTER_PATH : undefined;
}
