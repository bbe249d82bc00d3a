// What the probe keeps is bounded whatever arrives (issue 12, finding 1), and reading an agent's answers
// is linear in their size.
import dgram from "node:dgram";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { AgentConnection } from "../grader/probe/agent-connection.js";
import { TRANSCRIPT_PREFIX_BYTES, type Endpoint } from "../grader/probe/protocol.js";
import { UdpProbe } from "../grader/probe/udp-probe.js";

const probes: UdpProbe[] = [];
afterEach(async () => {
  for (const p of probes.splice(0)) await p.handle("closeAll", {});
});

async function openProbe(): Promise<{ probe: UdpProbe; at: Endpoint }> {
  const probe = new UdpProbe();
  probes.push(probe);
  const at = await probe.handle("open", { socket: "case/server", host: "127.0.0.1" });
  return { probe, at };
}

/**
 * Sends `count` datagrams of `size` bytes to `to`, one at a time: each once the one before has reached the
 * probe (or 1 s has passed), so loopback keeps them all, big ones included.
 */
async function sendMany(probe: UdpProbe, to: Endpoint, count: number, size: number, fill = (i: number) => i % 251): Promise<void> {
  const s = dgram.createSocket("udp4");
  // Arrivals: records made, plus datagrams a budget dropped unrecorded.
  const arrived = async () => (await probe.handle("mark", {})).seq + (await probe.handle("usage", { prefix: "case/" })).dropped;
  const start = await arrived();
  for (let i = 0; i < count; i++) {
    await new Promise<void>((resolve, reject) => s.send(Buffer.alloc(size, fill(i)), to.port, to.host, (e) => (e ? reject(e) : resolve())));
    for (let waited = 0; waited < 1000 && (await arrived()) <= start + i; waited++) await new Promise((r) => setTimeout(r, 1));
  }
  s.close();
}

describe("the probe's bounds", () => {
  it("queues at most 256 datagrams per socket and drops the rest", async () => {
    const { probe, at } = await openProbe();
    await sendMany(probe, at, 400, 10);
    expect((await probe.handle("drain", { socket: "case/server" })).length).toBe(256);
  });

  it("queues at most 2 MiB of payloads per socket", async () => {
    const { probe, at } = await openProbe();
    await sendMany(probe, at, 40, 65_507);
    const queued = await probe.handle("drain", { socket: "case/server" });
    expect(queued.length).toBe(Math.floor((2 * 1024 * 1024) / 65_507));
  });

  it("hands out whole payloads to recv (a 65,507-byte request is compared exactly) and keeps only a prefix in the transcript", async () => {
    const { probe, at } = await openProbe();
    await sendMany(probe, at, 1, 65_507, () => 0x41);
    const got = await probe.handle("recv", { socket: "case/server", timeoutMs: 1000 });
    expect(got?.size).toBe(65_507);
    expect(Buffer.from(got!.data, "base64").equals(Buffer.alloc(65_507, 0x41))).toBe(true);
    const [rec] = await probe.handle("transcript", { since: 0 });
    expect(rec.size).toBe(65_507);
    expect(Buffer.from(rec.data, "base64").length).toBe(TRANSCRIPT_PREFIX_BYTES);
  });

  it("gives the transcript's first and last records only, of the sockets asked for", async () => {
    const { probe, at } = await openProbe();
    await probe.handle("open", { socket: "other", host: "127.0.0.1" });
    await sendMany(probe, at, 30, 4, (i) => i);
    const recs = await probe.handle("transcript", { since: 0, sockets: ["case/server"], head: 3, tail: 2 });
    expect(recs.map((r) => Buffer.from(r.data, "base64")[0])).toEqual([0, 1, 2, 28, 29]);
    expect(await probe.handle("transcript", { since: 0, sockets: ["other"] })).toEqual([]);
  });

  it("drops everything past a budget, and says so", async () => {
    const { probe, at } = await openProbe();
    await probe.handle("budget", { prefix: "case/", datagrams: 10, bytes: 1_000_000 });
    await sendMany(probe, at, 30, 4);
    const usage = await probe.handle("usage", { prefix: "case/" });
    expect(usage.over).toBe(true);
    expect(usage.datagrams).toBe(11);
    expect(usage.dropped).toBeGreaterThanOrEqual(19);
    expect((await probe.handle("drain", { socket: "case/server" })).length).toBe(10);
    // A new budget starts from nothing.
    await probe.handle("budget", { prefix: "case/", datagrams: 10, bytes: 1_000_000 });
    expect(await probe.handle("usage", { prefix: "case/" })).toEqual({ datagrams: 0, bytes: 0, over: false, dropped: 0 });
  });

  it("forgets a budget once the last of its sockets is closed", async () => {
    const { probe, at } = await openProbe();
    await probe.handle("budget", { prefix: "case/", datagrams: 10, bytes: 1_000_000 });
    await sendMany(probe, at, 3, 4);
    expect((await probe.handle("usage", { prefix: "case/" })).datagrams).toBe(3);
    await probe.handle("close", { socket: "case/server" });
    expect((await probe.handle("usage", { prefix: "case/" })).datagrams).toBe(0);
  });

  it("counts bytes against the budget too", async () => {
    const { probe, at } = await openProbe();
    await probe.handle("budget", { prefix: "case/", datagrams: 1000, bytes: 200_000 });
    await sendMany(probe, at, 5, 65_507);
    expect((await probe.handle("usage", { prefix: "case/" })).over).toBe(true);
  });
});

describe("reading an agent's answers", () => {
  it("reads a 64 MiB answer that arrives in 64 KiB chunks in linear time (it took a minute when each chunk re-scanned the buffer)", async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const conn = new AgentConnection({ stdin, stdout, stderr: null }, new Promise(() => {}), "a test agent");
    const answer = conn.request("echo", {});
    const line = Buffer.from(JSON.stringify({ id: 1, ok: true, result: "x".repeat(64 * 1024 * 1024) }) + "\n");
    for (let i = 0; i < line.length; i += 64 * 1024) stdout.write(line.subarray(i, i + 64 * 1024));
    expect(((await answer) as string).length).toBe(64 * 1024 * 1024);
  }, 90_000);

  it("splits several answers in one chunk, and one answer over many chunks, and skips a line that is not JSON", async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const conn = new AgentConnection({ stdin, stdout, stderr: null }, new Promise(() => {}), "a test agent");
    const a = conn.request("one", {});
    const b = conn.request("two", {});
    const c = conn.request("three", {});
    stdout.write('not json\n{"id":1,"ok":true,"result":"a"}\n{"id":2,"ok":true,"res');
    stdout.write('ult":"b"}\n{"id":3,"ok":false,');
    stdout.write('"error":"no"}\n');
    expect(await a).toBe("a");
    expect(await b).toBe("b");
    await expect(c).rejects.toThrow(/a test agent: no/);
  });
});
