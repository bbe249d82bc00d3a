// The kinds of exercise the grader knows, by the `kind` field of exercise.json.
import type { KindDriver } from "./types.js";
import { functionCallDriver } from "./function-call/driver.js";
import { udpServerDriver } from "./udp-server/driver.js";
import { udpClientDriver } from "./udp-client/driver.js";
import { tcpServerDriver } from "./tcp-server/driver.js";

export const kindDrivers: Record<string, KindDriver> = {
  "function-call": functionCallDriver,
  "udp-server": udpServerDriver,
  "udp-client": udpClientDriver,
  "tcp-server": tcpServerDriver,
};
