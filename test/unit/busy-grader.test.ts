// A busy machine can keep the grader off the CPU past the end of a wait for a reply. A reply that came in
// time and sits in the kernel's buffer must still count: the probe reads what is there before it says
// "nothing came", and a program that ended in time is not "killed after the limit"
// (grader/core/after-pending-io.ts). Here the grader's own thread is kept busy instead.
import dgram from "node:dgram";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { UdpProbe } from "../../grader/probe/udp-probe.js";
import { startProcess } from "../../grader/runner/process.js";

const probes: UdpProbe[] = [];
afterEach(async () => {
  for (const p of probes.splice(0)) await p.handle("closeAll", {});
});

/** Keeps this thread busy for ms (as a descheduled process would be). */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

describe("a reply that arrived while the grader was kept busy", () => {
  it("UDP: recv returns the datagram the kernel holds when its time is up", async () => {
    const probe = new UdpProbe();
    probes.push(probe);
    const at = await probe.handle("open", { socket: "s", host: "127.0.0.1", port: 0 });
    const sender = dgram.createSocket("udp4");
    await new Promise<void>((r) => sender.bind(0, "127.0.0.1", () => r()));
    try {
      const waiting = probe.handle("recv", { socket: "s", timeoutMs: 20 });
      // Sent at once (the send itself goes out before the event loop's next timers), then the thread is
      // busy for five times the wait: the datagram is in the buffer long before the probe looks again.
      await new Promise<void>((r) => sender.send(Buffer.from("in time"), at.port, "127.0.0.1", () => r()));
      busy(100);
      const got = await waiting;
      expect(got && Buffer.from(got.data, "base64").toString()).toBe("in time");
    } finally {
      sender.close();
    }
  });

  it("TCP: a read returns the line the kernel holds when its time is up", async () => {
    const probe = new UdpProbe();
    probes.push(probe);
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const port = (server.address() as net.AddressInfo).port;
    const peer = new Promise<net.Socket>((r) => server.once("connection", r));
    try {
      await probe.handle("tcpConnect", { conn: "c", host: "127.0.0.1", port, timeoutMs: 5000 });
      const socket = await peer;
      const reading = probe.handle("tcpRead", { conn: "c", lines: 1, timeoutMs: 20 });
      await new Promise<void>((r) => socket.write("in time\n", () => r()));
      busy(100);
      const got = await reading;
      expect(Buffer.from(got.data, "base64").toString()).toBe("in time\n");
      socket.destroy();
    } finally {
      server.close();
    }
  });

  it("a program that ended before its limit is not timed out", async () => {
    const proc = startProcess({ command: "/bin/sh", args: ["-c", "exit 3"], cwd: process.cwd(), env: { PATH: process.env.PATH ?? "/usr/bin:/bin" }, timeoutMs: 20 });
    busy(300); // it ends meanwhile; its end is read only after the limit's timer is due
    const outcome = await proc.done;
    expect(outcome.timedOut).toBe(false);
    expect(outcome.exitCode).toBe(3);
  });
});
