// A wait's time-out, run only after the I/O that is already waiting has been read. Node runs due timers
// before it polls for I/O: a probe that was kept off the CPU past a wait's end (a busy machine) would find
// the time up while the answer sat unread in the kernel's buffer, and report "no reply" for a reply that
// came in time. setImmediate runs after the poll phase of the same turn of the event loop, by which time
// what the kernel holds has been delivered.
export function afterPendingIo(fn: () => void): void {
  setImmediate(fn);
}
