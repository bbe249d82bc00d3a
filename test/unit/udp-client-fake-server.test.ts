// The udp-client kind's fake server, on the in-process probe: its port is one the probe's own system picks
// (a free port below the ephemeral range, found by the probe in the network the client runs in), decoys that share that port move with it, and each request
// is answered for the copy its routing key names, whichever copy sent first.
import { afterEach, describe, expect, it } from "vitest";
import { inProcessProbe, type ProbeClient } from "../../grader/probe/client.js";
import { ephemeralLow } from "../../grader/probe/quiet-port.js";
import { FakeServer } from "../../grader/kinds/udp-client/fake-server.js";
import { textsOf, type ClientRun } from "../../grader/kinds/udp-client/client-run.js";
import type { Case } from "../../grader/generated/udp-client-cases.js";
import type { Args, CommandName } from "../../grader/probe/protocol.js";

const probes: ProbeClient[] = [];
afterEach(async () => {
  await Promise.all(probes.splice(0).map((p) => p.dispose()));
});

/** An in-process probe that also lists the sockets it was asked to open. */
function recordingProbe(): { probe: ProbeClient; opened: Args<"open">[] } {
  const inner = inProcessProbe();
  const opened: Args<"open">[] = [];
  const probe: ProbeClient = {
    call: (command: CommandName, args: never) => {
      if (command === "open") opened.push(args as Args<"open">);
      return inner.call(command, args);
    },
    dispose: () => inner.dispose(),
  } as ProbeClient;
  probes.push(probe);
  return { probe, opened };
}

const kase = (extra: Partial<Case>): Case => ({ id: "k", checks: ["x"], host: "127.0.0.1", text: "n", server: [], expect: { requests: 1 }, ...extra });
const json = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64");

describe("the fake server's port", () => {
  it("is a free port the probe finds below the ephemeral range (never one a client just left), and a decoy from the server's port on another host gets that port", async () => {
    const { probe, opened } = recordingProbe();
    const c = kase({ server: [{ decoy: { utf8: "x" }, from: { host: "127.0.0.2", serverPort: true } }] });
    const fake = new FakeServer(probe, c, "text");
    const server = await fake.open();
    expect(server.port).toBeGreaterThan(0);
    expect(opened[0]).toMatchObject({ socket: "k/server", host: "127.0.0.1", port: server.port });
    expect(server.port).toBeLessThan(ephemeralLow()!);
    const decoy = await [...fake.decoys.values()][0];
    expect(decoy).toEqual({ host: "127.0.0.2", port: server.port });
    await fake.close();
  });
});

/**
 * A case of two copies with this server script, served; the copies' sockets "one" and "two" are opened.
 * `send` sends a request naming a copy's TEXT (the `name` key), `finish` ends the serving.
 */
async function twoCopiesServed(script: Case["server"], routeBy: string | null) {
  const { probe } = recordingProbe();
  const c = kase({ clients: 2, server: script });
  const fake = new FakeServer(probe, c, routeBy);
  const server = await fake.open();
  await probe.call("open", { socket: "one", host: "127.0.0.1" });
  await probe.call("open", { socket: "two", host: "127.0.0.1" });
  const clients: ClientRun[] = textsOf(c).map((text) => ({ text, requests: [] }));
  let done = false;
  const serving = fake.serve(clients, () => done, async () => false, () => {});
  const [t1, t2] = textsOf(c);
  const send = (socket: string, name: string) => probe.call("send", { socket, to: server, data: json({ name }) });
  const recv = (socket: string, timeoutMs: number) => probe.call("recv", { socket, timeoutMs });
  const finish = async () => {
    done = true;
    await serving;
    await fake.close();
  };
  return { fake, clients, send, recv, finish, t1, t2 };
}

describe("routing requests to copies", () => {
  /** Two copies; the second copy's request arrives first. Returns the replies each copy's socket got. */
  async function secondFirst(routeBy: string | null): Promise<{ first: unknown; second: unknown; clients: ClientRun[] }> {
    const r = await twoCopiesServed([{ reply: { json: { for: { $requestText: true } } } }], routeBy);
    await r.send("two", r.t2);
    const second = await r.recv("two", 5000);
    await r.send("one", r.t1);
    const first = await r.recv("one", 5000);
    await r.finish();
    const read = (d: typeof first) => (d ? JSON.parse(Buffer.from(d.data, "base64").toString()) : undefined);
    return { first: read(first), second: read(second), clients: r.clients };
  }

  it("by the key the exercise names: each copy gets its own reply", async () => {
    const r = await secondFirst("name");
    expect(r.second).toEqual({ for: "n #2" });
    expect(r.first).toEqual({ for: "n #1" });
    expect(r.clients.map((cl) => cl.requests.length)).toEqual([1, 1]);
  });

  it("without a key (null), by sender: the first request goes to the first copy that has sent nothing", async () => {
    const r = await secondFirst(null);
    expect(r.second).toEqual({ for: "n #1" });
    expect(r.first).toEqual({ for: "n #2" });
  });
});

describe("copies at once (awaitCopiesMs)", () => {
  /** A case of two copies whose server waits for both before it replies. */
  const twoCopies = (awaitCopiesMs: number) => twoCopiesServed([{ awaitCopiesMs }, { reply: { json: { for: { $requestText: true } } } }], "name");

  it("holds the first copy's reply until the second copy has sent, then answers both: the copies ran together", async () => {
    const r = await twoCopies(5000);
    await r.send("one", r.t1);
    expect(await r.recv("one", 400)).toBeNull();
    await r.send("two", r.t2);
    expect(await r.recv("one", 5000)).toBeDefined();
    expect(await r.recv("two", 5000)).toBeDefined();
    await r.finish();
    expect(r.fake.apart).toBe(false);
  });

  it("lets the reply go at once when the other copy has ended without sending (it could not bind, say)", async () => {
    const r = await twoCopies(5000);
    r.clients[1].outcome = { exitCode: 1 } as ClientRun["outcome"];
    const sent = performance.now();
    await r.send("one", r.t1);
    expect(await r.recv("one", 5000)).toBeDefined();
    expect(performance.now() - sent).toBeLessThan(4000);
    await r.finish();
    expect(r.fake.apart).toBe(false);
  });

  it("answers after the wait when the other copy neither sent nor ended, and says the copies ran apart", async () => {
    const r = await twoCopies(300);
    const sent = performance.now();
    await r.send("one", r.t1);
    expect(await r.recv("one", 5000)).toBeDefined();
    expect(performance.now() - sent).toBeGreaterThanOrEqual(290);
    await r.finish();
    expect(r.fake.apart).toBe(true);
  });
});

describe("the script's pauses (stretchMs, for onTimeWithinMs)", () => {
  /**
   * Serves one request of a script of four replies 100 ms apart through `wrap` (the grader's side of the probe);
   * returns how much longer than scripted the longest pause was.
   */
  async function pauses(wrap: (command: CommandName, args: never, call: () => Promise<unknown>) => Promise<unknown>): Promise<number> {
    const { probe: inner } = recordingProbe();
    const probe = { call: (command: CommandName, args: never) => wrap(command, args, () => inner.call(command, args)), dispose: () => inner.dispose() } as ProbeClient;
    const reply = { reply: { json: { ok: true } } };
    const c = kase({ server: [reply, { waitMs: 100 }, reply, { waitMs: 100 }, reply, { waitMs: 100 }, reply] });
    const fake = new FakeServer(probe, c, null);
    const server = await fake.open();
    await inner.call("open", { socket: "one", host: "127.0.0.1" });
    const clients: ClientRun[] = [{ text: "n", requests: [] }];
    let done = false;
    const serving = fake.serve(clients, () => done, async () => false, () => {});
    await inner.call("send", { socket: "one", to: server, data: json({ name: "n" }) });
    for (let i = 0; i < 4; i++) expect(await inner.call("recv", { socket: "one", timeoutMs: 5000 })).toBeDefined();
    done = true;
    await serving;
    await fake.close();
    return fake.stretchMs;
  }
  const isServerSend = (command: CommandName, args: never) => command === "send" && (args as Args<"send">).socket === "k/server";

  it("measures a stall of the probe in the middle of the script as a pause that long past what the script says", async () => {
    // The in-process probe shares this event loop: blocking it once the second reply is out holds the third.
    const stalled = (stall: number) => {
      let sends = 0;
      return async (command: CommandName, args: never, call: () => Promise<unknown>) => {
        const result = await call();
        if (isServerSend(command, args) && ++sends === 2) for (const until = performance.now() + stall; performance.now() < until; );
        return result;
      };
    };
    expect(await pauses(stalled(500))).toBeGreaterThanOrEqual(350);
    expect(await pauses(stalled(0))).toBeLessThan(350);
  });

  it("keeps the pauses when the grader hears back from the probe late: the script is handed over whole", async () => {
    // Each send's answer reaches the grader 400 ms late; sends awaited one by one would be 400 ms apart.
    const late = async (command: CommandName, args: never, call: () => Promise<unknown>) => {
      const result = await call();
      if (isServerSend(command, args)) await new Promise((r) => setTimeout(r, 400));
      return result;
    };
    expect(await pauses(late)).toBeLessThan(150);
  });
});
