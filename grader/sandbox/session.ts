// Where student programs run for one graded submission. A session starts them (always through the one
// runner), owns the probe that shares their network, and says where their files are as they see them.
// Drivers only talk to a session, so "no sandbox" and "bubblewrap" are interchangeable.
import type { ProbeClient } from "../probe/client.js";
import type { RunningProcess } from "../runner/process.js";
import type { PythonInfo } from "../python/interpreter.js";
import type { ResourceLimits } from "./limits.js";
import type { ProcessWatch, Unwatchable } from "./proc-watch.js";

export interface LaunchSpec {
  /** Arguments after the Python executable. */
  args: string[];
  /** Wall-clock limit; 0 = the caller stops it. */
  timeoutMs: number;
  extraPipes?: number;
}

/** The limits actually in force for a submission's programs (recorded in the result as grader.limits). */
export interface LimitsInForce {
  /** Per process (prlimit); null where prlimit is missing. */
  address_space_mib: number | null;
  cpu_seconds: number | null;
  file_mib: number | null;
  processes: number | null;
  output_bytes: number;
  /** Size of its private /tmp and of its working folder (tmpfs); null without a sandbox. */
  disk_mib: number | null;
  /** All its programs with their tmpfs files and kernel memory (a memory cgroup); null where none was made. */
  memory_cgroup_mib: number | null;
  /** Can its programs make user namespaces of their own (and mount a tmpfs there)? null without a sandbox. */
  nested_user_namespaces: "blocked" | "allowed" | null;
}

export interface SandboxSession {
  /** Recorded in the result: "none" or "bwrap". */
  readonly name: string;
  readonly python: PythonInfo;
  readonly limits: ResourceLimits;
  /** What of those limits is in force here, and why some are not (for warnings). */
  readonly inForce: LimitsInForce;
  readonly gaps: { memoryGroup?: string; userns?: string };
  /** The submission's private copy, as the student's programs see it (their working folder). */
  readonly workDir: string;
  /** Path of one of the grader's support files (grader/python/...) as the student's programs see it. */
  supportFile(name: string): string;
  /** Starts `python ARGS...` as a student program, in workDir, with the limits. */
  launch(spec: LaunchSpec): RunningProcess;
  /**
   * Watches a program this session started from outside it (through /proc, never by asking it): its
   * processes, threads and open sockets. Or why that is impossible here (no /proc: macOS).
   */
  watch(proc: RunningProcess): Promise<ProcessWatch | Unwatchable>;
  /** The probe, in the same network as the student's programs. */
  readonly probe: ProbeClient;
  /** Stops every program still running (and waits for them), and the probe. */
  dispose(): Promise<void>;
}
