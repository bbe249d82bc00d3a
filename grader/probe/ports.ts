// Sets up the port situations a case needs (a run of consecutive ports, some held by the grader's own UDP or
// TCP sockets) and checks whether a port can be bound. Loopback addresses only.
// Kept apart from scoring so it can later run as its own process inside a submission's network namespace.
import dgram from "node:dgram";
import net from "node:net";
import getPort, { portNumbers } from "get-port";
import { quietPort } from "./quiet-port.js";

export type PortState = "free" | "udp" | "tcp";
export interface PortRequest {
  name: string;
  state: PortState;
  host?: string;
}
export interface HeldPorts {
  ports: Record<string, number>;
  release(): Promise<void>;
}
export type BindOutcome = { ok: true } | { ok: false; error: string };

const DEFAULT_HOST = "127.0.0.1";
const ATTEMPTS = 40;

function udpFamily(host: string): "udp4" | "udp6" {
  return net.isIPv6(host) ? "udp6" : "udp4";
}

function bindUdp(host: string, port: number): Promise<dgram.Socket | string> {
  return new Promise((resolve) => {
    const s = dgram.createSocket({ type: udpFamily(host), reuseAddr: false });
    s.once("error", (e: NodeJS.ErrnoException) => {
      s.close();
      resolve(e.code ?? e.message);
    });
    s.bind({ port, address: host, exclusive: true }, () => resolve(s));
  });
}

function listenTcp(host: string, port: number): Promise<net.Server | string> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    srv.listen({ port, host, exclusive: true }, () => resolve(srv));
  });
}

type Held = dgram.Socket | net.Server;
const closeAll = (held: Held[]) => Promise.all(held.map((h) => new Promise<void>((r) => h.close(() => r()))));

/** Can a UDP socket be bound on host:port right now? (The socket is closed again at once.) */
export async function tryBindUdp(host: string, port: number): Promise<BindOutcome> {
  const s = await bindUdp(host, port);
  if (typeof s === "string") return { ok: false, error: s };
  await closeAll([s]);
  return { ok: true };
}

/**
 * A port a UDP server can bind on host, chosen here, in the network the student's server runs in (under the
 * sandbox, its own namespace, not the grader's): below the kernel's ephemeral range where there is room, so
 * no socket bound to port 0 can take it before the server binds it.
 */
export async function freeUdpPort(host: string): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const s = await bindUdp(host, quietPort() ?? 0);
    if (typeof s === "string") continue;
    const port = s.address().port;
    await closeAll([s]);
    return port;
  }
  throw new Error(`no free UDP port on ${host}`);
}

/**
 * Finds `requests.length` consecutive ports that are free for UDP and TCP on every host involved, then keeps
 * the ones marked udp/tcp taken until release(). Retries elsewhere when another program holds one of them.
 */
export async function holdPortRun(requests: PortRequest[]): Promise<HeldPorts> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const windowStart = 20000 + Math.floor(Math.random() * 10000);
    const base = await getPort({ port: portNumbers(windowStart, windowStart + 200), host: DEFAULT_HOST });
    if (base + requests.length - 1 > 65535) continue;
    const probes: Held[] = [];
    const keep: Held[] = [];
    let clash = false;
    for (let i = 0; i < requests.length && !clash; i++) {
      const req = requests[i];
      const hosts = [...new Set([DEFAULT_HOST, req.host ?? DEFAULT_HOST])];
      for (const host of hosts) {
        const u = await bindUdp(host, base + i);
        const t = await listenTcp(host, base + i);
        if (typeof u !== "string") probes.push(u);
        if (typeof t !== "string") probes.push(t);
        if (typeof u === "string" || typeof t === "string") clash = true;
      }
    }
    await closeAll(probes);
    if (clash) continue;
    // Everything was free: now take the ones the case wants taken.
    for (let i = 0; i < requests.length && !clash; i++) {
      const req = requests[i];
      if (req.state === "free") continue;
      const host = req.host ?? DEFAULT_HOST;
      const h = req.state === "udp" ? await bindUdp(host, base + i) : await listenTcp(host, base + i);
      if (typeof h === "string") clash = true;
      else keep.push(h);
    }
    if (clash) {
      await closeAll(keep);
      continue;
    }
    const ports = Object.fromEntries(requests.map((r, i) => [r.name, base + i]));
    return { ports, release: () => closeAll(keep).then(() => undefined) };
  }
  throw new Error(`could not find ${requests.length} consecutive free ports on ${DEFAULT_HOST} after ${ATTEMPTS} attempts`);
}
