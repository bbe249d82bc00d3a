// Student programs get a small, fixed environment: nothing of the teacher's (tokens, keys, paths) leaks in,
// and the locale is UTF-8 everywhere.
export function studentEnv(workDir: string): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    HOME: workDir,
    TMPDIR: workDir,
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    PYTHONIOENCODING: "utf-8",
    PYTHONDONTWRITEBYTECODE: "1",
    // glibc gives each new thread a malloc arena of its own (64 MiB of address space each, up to 8 per core)
    // until that limit: under the address-space limit a server with a thread per client then stopped at ~14
    // threads on 2 cores, and at fewer on a machine with more. Two arenas make it ~50, on any machine.
    MALLOC_ARENA_MAX: "2",
  };
  if (process.platform === "win32" && process.env.SYSTEMROOT) env.SYSTEMROOT = process.env.SYSTEMROOT;
  return env;
}
