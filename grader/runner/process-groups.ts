// Every student process is started in its own process group; this registry kills what is left of each
// group when the run ends, and all of them if the grader itself is interrupted or exits.
const live = new Set<number>();
let hooked = false;

export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

export function trackGroup(pid: number): void {
  live.add(pid);
  if (hooked) return;
  hooked = true;
  process.on("exit", () => {
    for (const p of live) killGroup(p, "SIGKILL");
  });
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(sig, () => {
      for (const p of live) killGroup(p, "SIGKILL");
      process.exit(sig === "SIGINT" ? 130 : 143);
    });
  }
}

export function untrackGroup(pid: number): void {
  killGroup(pid, "SIGKILL"); // leftovers that ignored the polite stop, or children it left behind
  live.delete(pid);
}
