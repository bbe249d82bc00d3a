// Ports for a student's server come from the probe (in the network the server runs in): free there, and
// below the kernel's ephemeral range where there is room, so no socket bound to port 0 takes it meanwhile.
import dgram from "node:dgram";
import { afterEach, describe, expect, it } from "vitest";
import { UdpProbe } from "../../grader/probe/udp-probe.js";
import { ephemeralLow } from "../../grader/probe/quiet-port.js";

const probes: UdpProbe[] = [];
afterEach(async () => {
  for (const p of probes.splice(0)) await p.handle("closeAll", {});
});

const bindUdp = (port: number) =>
  new Promise<dgram.Socket>((resolve, reject) => {
    const s = dgram.createSocket("udp4");
    s.once("error", reject);
    s.bind({ port, address: "127.0.0.1", exclusive: true }, () => resolve(s));
  });

describe("free ports from the probe", () => {
  it("udpFreePort gives a port a UDP server can bind there, below the ephemeral range", async () => {
    const probe = new UdpProbe();
    probes.push(probe);
    const low = ephemeralLow();
    for (let i = 0; i < 5; i++) {
      const { port } = await probe.handle("udpFreePort", { host: "127.0.0.1" });
      expect(port).toBeGreaterThan(0);
      if (low !== undefined && low - 10_000 >= 1000) expect(port).toBeLessThan(low);
      const s = await bindUdp(port);
      await new Promise<void>((r) => s.close(() => r()));
    }
  });

  it("udpFreePort never gives a port a UDP socket holds", async () => {
    const probe = new UdpProbe();
    probes.push(probe);
    // Hold many ports of the range it draws from: it must still find one that is free.
    const held: dgram.Socket[] = [];
    for (let i = 0; i < 30; i++) {
      const { port } = await probe.handle("udpFreePort", { host: "127.0.0.1" });
      held.push(await bindUdp(port));
    }
    const ports = held.map((s) => s.address().port);
    expect(new Set(ports).size).toBe(ports.length);
    await Promise.all(held.map((s) => new Promise<void>((r) => s.close(() => r()))));
  });

  it("never hands out a port twice, though nothing bound the first yet (servers started ahead wait to bind)", async () => {
    const probe = new UdpProbe();
    probes.push(probe);
    const low = ephemeralLow();
    if (low === undefined || low - 10_000 < 1000) return; // no quiet range here: the kernel picks
    // 2,000 draws from ~22,000 ports repeat one almost surely (the birthday bound) unless the probe remembers.
    const ports: number[] = [];
    for (let i = 0; i < 1000; i++) {
      ports.push((await probe.handle("udpFreePort", { host: "127.0.0.1" })).port);
      ports.push((await probe.handle("tcpFreePort", { host: "127.0.0.1" })).port);
    }
    expect(new Set(ports).size).toBe(ports.length);
  });
});
