// The kinds of exercise the grader knows, by the `kind` field of exercise.json. Each driver is typed for
// its own kind's exercise.json (schemas/exercise/<kind>.schema.json), so it reads its settings unchecked.
import type { DriverContext, DriverOutput, ExerciseOf, Kind, KindDriver, LoadedExercise } from "./types.js";
import { functionCallDriver } from "./function-call/driver.js";
import { udpServerDriver } from "./udp-server/driver.js";
import { udpClientDriver } from "./udp-client/driver.js";
import { tcpServerDriver } from "./tcp-server/driver.js";

type Drivers = { [K in Kind]: KindDriver<ExerciseOf<K>> };

export const kindDrivers: Drivers = {
  "function-call": functionCallDriver,
  "udp-server": udpServerDriver,
  "udp-client": udpClientDriver,
  "tcp-server": tcpServerDriver,
};

/** The kinds, for messages that list them. */
export const kindNames: string[] = Object.keys(kindDrivers);

// A driver and an exercise of the same kind K: TypeScript relates the two through the generic K (its
// "correlated union" pattern), so the exercise reaches its driver without a cast.
function driverOf<K extends Kind>(kind: K): Drivers[K] {
  return kindDrivers[kind];
}

/** Validates the exercise's kind-specific data with its kind's driver. */
export function validateKind<K extends Kind>(exercise: LoadedExercise<ExerciseOf<K>> & { data: { kind: K } }): Promise<void> {
  return driverOf<K>(exercise.data.kind).validate(exercise);
}

/** Grades with the exercise's kind's driver. */
export function runKind<K extends Kind>(ctx: DriverContext<ExerciseOf<K>> & { exercise: { data: { kind: K } } }): Promise<DriverOutput> {
  return driverOf<K>(ctx.exercise.data.kind).run(ctx);
}
