// The probe's send chains: the sends of one chain go out in the order they were asked for, whatever their
// times, and a cancelled chain's sends never go out (nor show in the transcript).
import { afterEach, describe, expect, it } from "vitest";
import { inProcessProbe, type ProbeClient } from "../../grader/probe/client.js";

const probes: ProbeClient[] = [];
afterEach(async () => {
  await Promise.all(probes.splice(0).map((p) => p.dispose()));
});

async function pair() {
  const probe = inProcessProbe();
  probes.push(probe);
  await probe.call("open", { socket: "from", host: "127.0.0.1" });
  const to = await probe.call("open", { socket: "to", host: "127.0.0.1" });
  const { at: now } = await probe.call("mark", {});
  const send = (text: string, afterMs: number, chain?: string) =>
    probe.call("send", { socket: "from", to, data: Buffer.from(text).toString("base64"), notBefore: now + afterMs, ...(chain ? { chain } : {}) });
  const received = async (timeoutMs: number) => {
    const out: string[] = [];
    for (let d; (d = await probe.call("recv", { socket: "to", timeoutMs })); ) out.push(Buffer.from(d.data, "base64").toString());
    return out;
  };
  return { probe, send, received };
}

describe("the probe's send chains", () => {
  it("go out in the order asked for: a later send due earlier waits for the one before it", async () => {
    const { send, received } = await pair();
    const [a, b, c] = await Promise.all([send("a", 200, "x"), send("b", 0, "x"), send("c", 0, "x")]);
    expect(b.at).toBeGreaterThanOrEqual(a.at);
    expect(c.at).toBeGreaterThanOrEqual(b.at);
    expect(await received(300)).toEqual(["a", "b", "c"]);
  });

  it("without a chain, each send goes at its own time", async () => {
    const { send, received } = await pair();
    await Promise.all([send("a", 200), send("b", 0)]);
    expect(await received(300)).toEqual(["b", "a"]);
  });

  it("a cancelled chain's sends fail, never go out and are not in the transcript; other chains go on", async () => {
    const { probe, send, received } = await pair();
    const first = send("a", 300, "x");
    const second = send("b", 400, "x");
    const other = send("c", 350, "y");
    expect(await probe.call("cancelChain", { chain: "x" })).toEqual({ cancelled: 2 });
    await expect(first).rejects.toThrow(/cancelled/);
    await expect(second).rejects.toThrow(/cancelled/);
    await other;
    expect(await received(200)).toEqual(["c"]);
    const sent = (await probe.call("transcript", { since: 0 })).filter((r) => r.direction === "sent" && r.socket === "from");
    expect(sent).toHaveLength(1);
  });
});
