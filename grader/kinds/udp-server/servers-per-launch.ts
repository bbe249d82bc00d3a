// How many servers a udp-server launch runs its cases on, side by side: the driver splits the cases into that
// many chains, and the grading's process limit allows for them (kinds/index.ts, programsAtOnce).
import type { UdpServerExercise } from "../../generated/exercise.js";

/** The exercise's `limits.servers` (2 if unset), at least 1. */
export const serversPerLaunch = (ex: UdpServerExercise): number => Math.max(1, ex.limits.servers ?? 2);
