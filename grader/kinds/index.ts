// The kinds of exercise the grader knows, by the `kind` field of exercise.json. Each driver is typed for
// its own kind's exercise.json (schemas/exercise/<kind>.schema.json), so it reads its settings unchecked.
// A driver is loaded when an exercise of its kind is graded or validated: a grading of a function-call
// exercise does not compile the socket kinds' code (~120 KB of the CLI's bundle).
import type { DriverContext, DriverOutput, ExerciseOf, Kind, KindDriver, LoadedExercise } from "./types.js";
import type { Exercise } from "../generated/exercise.js";
import { serversPerLaunch } from "./udp-server/servers-per-launch.js";

type Loaders = { [K in Kind]: () => Promise<KindDriver<ExerciseOf<K>>> };

const kindLoaders: Loaders = {
  "function-call": async () => (await import("./function-call/driver.js")).functionCallDriver,
  "udp-server": async () => (await import("./udp-server/driver.js")).udpServerDriver,
  "udp-client": async () => (await import("./udp-client/driver.js")).udpClientDriver,
  "tcp-server": async () => (await import("./tcp-server/driver.js")).tcpServerDriver,
};

/**
 * Kinds whose programs talk over sockets with the probe: their time is mostly the waiting their contract
 * forces (a batch runs more of them at once).
 */
export function servesSockets(kind: Kind): boolean {
  return kind !== "function-call";
}

/**
 * Kinds that start many copies of the program at once (cases side by side, several clients in a case) while
 * the probe times its replies: a dozen starts stalled the probe's thread for 200-450 ms, so the sandbox
 * starts them from a thread of its own (sandbox/launcher-thread.ts). The servers are started one at a time.
 */
export function startsProgramsAtOnce(kind: Kind): boolean {
  return kind === "udp-client";
}

/**
 * The most of a submission's programs a grading of this exercise runs at once when each may hold threads for
 * long: a udp-server's servers (each launch's chains, plus its chain of silences). They share the
 * submission's process limit (the kernel counts RLIMIT_NPROC per uid, threads included), which is therefore
 * that many times a program's: else a correct server with a pool of 16 threads failed to start beside the
 * others. A tcp-server's servers run one at a time, a udp-client's copies are short-lived clients, and a
 * function call is one program.
 */
export function programsAtOnce(ex: Exercise): number {
  return ex.kind === "udp-server" ? ex.launches.length * (serversPerLaunch(ex) + 1) : 1;
}

/** The kinds, for messages that list them. */
export const kindNames: string[] = Object.keys(kindLoaders);

// A driver and an exercise of the same kind K: TypeScript relates the two through the generic K (its
// "correlated union" pattern), so the exercise reaches its driver without a cast.
function driverOf<K extends Kind>(kind: K): ReturnType<Loaders[K]> {
  return kindLoaders[kind]() as ReturnType<Loaders[K]>;
}

/**
 * Starts loading the kind's driver (not waiting for it): a grading calls this as soon as it knows the
 * exercise, so the driver's code compiles while the grader waits for its sandbox, not after.
 */
export function preloadKind(kind: Kind): void {
  kindLoaders[kind]().catch(() => {}); // a failure shows again, and is reported, where the driver is used
}

/** Validates the exercise's kind-specific data with its kind's driver. */
export async function validateKind<K extends Kind>(exercise: LoadedExercise<ExerciseOf<K>> & { data: { kind: K } }): Promise<void> {
  return (await driverOf<K>(exercise.data.kind)).validate(exercise);
}

/** Grades with the exercise's kind's driver. */
export async function runKind<K extends Kind>(ctx: DriverContext<ExerciseOf<K>> & { exercise: { data: { kind: K } } }): Promise<DriverOutput> {
  return (await driverOf<K>(ctx.exercise.data.kind)).run(ctx);
}
