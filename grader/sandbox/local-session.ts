// No sandbox: the student's programs run as the grader's user, with what a plain process can get —
// a temp copy, a scrubbed environment, rlimits (prlimit, where present), output caps, time limits, and a
// process group killed at the end. The probe runs in the grader's process.
import path from "node:path";
import { pythonSupportDir } from "../core/paths.js";
import { openProbe } from "../probe/client.js";
import { startProcess, type RunningProcess } from "../runner/process.js";
import { studentEnv } from "../runner/student-env.js";
import type { PythonInfo } from "../python/interpreter.js";
import { PRLIMIT, prlimitPrefix, type ResourceLimits } from "./limits.js";
import type { LaunchSpec, SandboxSession } from "./session.js";
import { localWatch, noProc, procAvailable } from "./proc-watch.js";

export function localSession(python: PythonInfo, workDir: string, limits: ResourceLimits, programsAtOnce = 1): SandboxSession {
  const probe = openProbe(); // in this process, or its own with GRADER_PROBE=process
  const running = new Set<RunningProcess>(); // stopped by dispose, like the sandbox's host does
  return {
    name: "none",
    python,
    limits,
    inForce: {
      address_space_mib: PRLIMIT ? limits.memoryMiB : null,
      cpu_seconds: PRLIMIT ? limits.cpuSeconds : null,
      file_mib: PRLIMIT ? limits.fileMiB : null,
      processes: PRLIMIT && process.getuid?.() !== 0 ? limits.processes : null,
      output_bytes: limits.outputBytes,
      disk_mib: null,
      memory_cgroup_mib: null,
      nested_user_namespaces: null,
    },
    gaps: {},
    workDir,
    supportFile: (name) => path.join(pythonSupportDir, name),
    probe,
    launch(spec: LaunchSpec) {
      const [command, ...prefix] = [...prlimitPrefix(limits, undefined, programsAtOnce), python.executable];
      const p = startProcess({
        command,
        args: [...prefix, ...spec.args],
        cwd: workDir,
        env: studentEnv(workDir),
        timeoutMs: spec.timeoutMs,
        extraPipes: spec.extraPipes,
        outputCapBytes: limits.outputBytes,
      });
      running.add(p);
      void p.done.then(() => running.delete(p));
      return p;
    },
    // prlimit execs the program: its pid is the program's own.
    watch: async (p) => (!procAvailable ? noProc : p.pid ? localWatch(p.pid) : { unavailable: "the program did not start" }),
    dispose: async () => {
      await Promise.all([...running].map((p) => p.stop()));
      await probe.dispose();
    },
  };
}
