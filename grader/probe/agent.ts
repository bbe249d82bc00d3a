// The probe as its own process: one JSON command per line on stdin, one answer per line on stdout.
// Ends when stdin closes (closing its sockets).
import { createInterface } from "node:readline";
import type { ProbeRequest, ProbeResponse } from "./protocol.js";
import { UdpProbe } from "./udp-probe.js";

const probe = new UdpProbe();
const out = (r: ProbeResponse) => process.stdout.write(JSON.stringify(r) + "\n");

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  if (!line.trim()) return;
  let req: ProbeRequest;
  try {
    req = JSON.parse(line) as ProbeRequest;
  } catch {
    return;
  }
  probe.handle(req.command, req.args as never).then(
    (result) => out({ id: req.id, ok: true, result }),
    (e: Error) => out({ id: req.id, ok: false, error: e.message }),
  );
});
lines.on("close", () => {
  void probe.handle("closeAll", {}).then(() => process.exit(0));
});
