// The one way the grader starts a student program. Whatever happens (normal exit, crash, signal, time-out,
// output flood, failure to start) the caller gets the same ProcessOutcome shape, never an exception.
import { execa, type ResultPromise } from "execa";
import type { Readable, Writable } from "node:stream";
import { CappedOutput } from "./output-cap.js";
import { killGroup, trackGroup, untrackGroup } from "./process-groups.js";
import { afterPendingIo } from "../core/after-pending-io.js";
import { loopLag } from "../core/loop-lag.js";

export interface ProcessSpec {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Wall-clock limit for the whole run; 0 = none (the caller stops it). */
  timeoutMs: number;
  /** Per stream (stdout, stderr). */
  outputCapBytes?: number;
  /** Extra pipes as fds 3, 4, ... (bidirectional on Unix). */
  extraPipes?: number;
  /** This process's own descriptors to hand on as the next fds (after the extra pipes). */
  inheritFds?: number[];
  /** Time between the polite SIGTERM and SIGKILL. */
  graceMs?: number;
}

export interface ProcessOutcome {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Stopped by the grader (stop() or time-out) rather than ending by itself. */
  stopped: boolean;
  stdoutCapped: boolean;
  stderrCapped: boolean;
  durationMs: number;
  /**
   * When the end was seen, as performance.timeOrigin + performance.now() in the thread that ran the program:
   * one clock for every thread of a process (the probe's stamps of the program's datagrams share it).
   */
  endedAt: number;
  /**
   * How long the thread that saw the end had stood still just before (starting other programs, or
   * starved): the end may have come that much before endedAt.
   */
  endStallMs: number;
  stdout: string;
  stderr: string;
  spawnError?: string;
  /** Killed by the kernel at the submission's memory cgroup limit (bwrap sandbox only). */
  memoryGroupKilled?: boolean;
}

export interface RunningProcess {
  readonly pid: number | undefined;
  readonly pipes: (Readable & Writable)[];
  readonly stdout: CappedOutput;
  readonly stderr: CappedOutput;
  readonly done: Promise<ProcessOutcome>;
  readonly exited: boolean;
  /** Also hand every chunk of stdout (1) or stderr (2) to `listener` (e.g. to relay it). */
  onOutput(fd: 1 | 2, listener: (chunk: Buffer) => void): void;
  stop(): Promise<ProcessOutcome>;
}

export const DEFAULT_OUTPUT_CAP = 1024 * 1024;
/** How long after its exit a program's output pipes may take to close before what holds them is timed out. */
const PIPES_CLOSE_MS = 100;
/** The most a stall of the thread can be taken to have delayed seeing a program's end. */
const END_STALL_MAX_MS = 1000;

export function startProcess(spec: ProcessSpec): RunningProcess {
  const cap = spec.outputCapBytes ?? DEFAULT_OUTPUT_CAP;
  const stdout = new CappedOutput(cap);
  const stderr = new CappedOutput(cap);
  const graceMs = spec.graceMs ?? 500;
  const started = performance.now();
  let stopped = false;
  let timedOut = false;
  let exited = false;

  const child: ResultPromise = execa(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    extendEnv: false,
    // (execa's types do not spell out inherited fd numbers after pipes; node passes them on as is.)
    stdio: ["ignore", "pipe", "pipe", ...Array<"pipe">(spec.extraPipes ?? 0).fill("pipe"), ...(spec.inheritFds ?? [])] as unknown as ["ignore", "pipe", "pipe"],
    buffer: false,
    reject: false,
    detached: true, // own process group, so the whole tree can be stopped at once
    windowsHide: true,
  });
  const pid = child.pid;
  if (pid) trackGroup(pid);
  const listeners: Record<1 | 2, ((c: Buffer) => void)[]> = { 1: [], 2: [] };
  child.stdout?.on("data", (c: Buffer) => {
    stdout.push(c);
    for (const l of listeners[1]) l(c);
  });
  child.stderr?.on("data", (c: Buffer) => {
    stderr.push(c);
    for (const l of listeners[2]) l(c);
  });
  const pipes = (child.stdio.slice(3, 3 + (spec.extraPipes ?? 0)) as (Readable & Writable)[]).map((p) => {
    p.on("error", () => {}); // EPIPE when the program closed its end: reported through the outcome instead
    return p;
  });

  let forceTimer: NodeJS.Timeout | undefined;
  const stopGroup = () => {
    if (exited || !pid) return;
    stopped = true;
    killGroup(pid, "SIGTERM");
    forceTimer ??= setTimeout(() => killGroup(pid, "SIGKILL"), graceMs);
  };
  // Past the limit, a program whose end is already waiting to be read (a busy grader got to its timer
  // first) ended in time: see afterPendingIo. Node sets exitCode/signalCode at the exit event; the outcome
  // follows once its output pipes close, unless something it left behind holds them open: that is still
  // timed out, a moment later.
  const timeOut = () => {
    if (exited) return;
    timedOut = true;
    stopGroup();
  };
  const limitTimer =
    spec.timeoutMs > 0
      ? setTimeout(() =>
          afterPendingIo(() => {
            if (exited) return;
            if (child.exitCode !== null || child.signalCode !== null) setTimeout(timeOut, PIPES_CLOSE_MS);
            else timeOut();
          }), spec.timeoutMs)
      : undefined;

  const done: Promise<ProcessOutcome> = child.then(
    (r) => finish(r.exitCode ?? null, r.signal ?? null, r.failed && r.exitCode === undefined && !r.signal ? r.shortMessage : undefined),
    (e: { shortMessage?: string; message?: string }) => finish(null, null, e.shortMessage ?? e.message ?? String(e)),
  );

  function finish(exitCode: number | null, signal: string | null, spawnError?: string): ProcessOutcome {
    exited = true;
    clearTimeout(limitTimer);
    clearTimeout(forceTimer);
    if (pid) untrackGroup(pid);
    return {
      exitCode,
      signal,
      timedOut,
      stopped,
      stdoutCapped: stdout.capped,
      stderrCapped: stderr.capped,
      durationMs: performance.now() - started,
      endedAt: performance.timeOrigin + performance.now(),
      endStallMs: loopLag.stallEndingNow(END_STALL_MAX_MS),
      stdout: stdout.text(),
      stderr: stderr.text(),
      ...(spawnError ? { spawnError } : {}),
    };
  }

  return {
    pid,
    pipes,
    stdout,
    stderr,
    done,
    get exited() {
      return exited;
    },
    onOutput(fd, listener) {
      listeners[fd].push(listener);
    },
    stop() {
      stopGroup();
      return done;
    },
  };
}

export function runProcess(spec: ProcessSpec): Promise<ProcessOutcome> {
  return startProcess(spec).done;
}
