// Whether a datagram the probe sent can have reached any socket at all, read from the kernel's own tables of
// this network namespace (/proc/net). A step that must get no reply (a server bound to 127.0.0.1 must not
// hear what is sent to 127.0.0.2) used to listen for a whole second; where the kernel dropped the datagram
// because no socket could take it, no reply can ever come for it, and the grader need not wait.
// Only Linux has these files: anywhere they cannot be read, the answer is "maybe heard" (the full wait).
import { readFileSync } from "node:fs";
import { isIPv4, isIPv6 } from "node:net";
import { endianness } from "node:os";
import type { Endpoint } from "./protocol.js";

function read(file: string): string | undefined {
  try {
    return readFileSync(file, "latin1");
  } catch {
    return undefined;
  }
}

/**
 * The kernel's count of UDP datagrams that arrived for a port no socket had (`Udp: NoPorts` for IPv4,
 * `Udp6NoPorts` for IPv6) in this network namespace; undefined where it cannot be read.
 */
export function udpNoPorts(family: 4 | 6): number | undefined {
  if (family === 4) {
    const lines = (read("/proc/net/snmp") ?? "").split("\n").filter((l) => l.startsWith("Udp: "));
    if (lines.length < 2) return undefined;
    const [names, values] = lines.map((l) => l.trim().split(/\s+/));
    const n = Number(values[names.indexOf("NoPorts")]);
    return names.includes("NoPorts") && Number.isFinite(n) ? n : undefined;
  }
  const m = /^Udp6NoPorts\s+(\d+)/m.exec(read("/proc/net/snmp6") ?? "");
  return m ? Number(m[1]) : undefined;
}

/** An address as /proc/net/udp{,6} writes it: its 32-bit words, each in the machine's byte order, in hex. */
function procHex(bytes: Buffer): string {
  const words: string[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    const word = bytes.subarray(i, i + 4);
    words.push(Buffer.from(endianness() === "LE" ? [...word].reverse() : [...word]).toString("hex"));
  }
  return words.join("").toUpperCase();
}

/** An IPv6 address without its zone (fe80::1%lo): the tables show the address alone. */
const unscoped = (host: string) => host.replace(/%.*$/, "");

function ipv4Bytes(host: string): Buffer {
  return Buffer.from(host.split(".").map(Number));
}

function ipv6Bytes(host: string): Buffer {
  const [head, tail = ""] = host.split("::");
  const groups = (s: string) => (s ? s.split(":") : []);
  let h = groups(head);
  let t = host.includes("::") ? groups(tail) : [];
  // A trailing dotted quad (::ffff:127.0.0.2) is two groups.
  const quad = (g: string[]) => {
    const last = g[g.length - 1];
    if (!last || !isIPv4(last)) return g;
    const b = ipv4Bytes(last);
    return [...g.slice(0, -1), b.readUInt16BE(0).toString(16), b.readUInt16BE(2).toString(16)];
  };
  h = quad(h);
  t = quad(t);
  const all = host.includes("::") ? [...h, ...Array(8 - h.length - t.length).fill("0"), ...t] : h;
  const out = Buffer.alloc(16);
  all.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

/**
 * The local addresses (in /proc's hex) of a socket that could take a datagram sent to `host`, in each table:
 * the address itself and the wildcard; for IPv4 also an IPv6 socket's wildcard (dual-stack, unless it is
 * IPV6_V6ONLY, which the table does not show) and its IPv4-mapped form.
 */
function takers(host: string): { udp: string[]; udp6: string[] } | undefined {
  const any6 = procHex(Buffer.alloc(16));
  if (isIPv4(host)) {
    const mapped = Buffer.concat([Buffer.alloc(10), Buffer.from([0xff, 0xff]), ipv4Bytes(host)]);
    return { udp: [procHex(ipv4Bytes(host)), procHex(Buffer.alloc(4))], udp6: [any6, procHex(mapped)] };
  }
  if (isIPv6(unscoped(host))) return { udp: [], udp6: [procHex(ipv6Bytes(unscoped(host))), any6] };
  return undefined;
}

/** The table's rows (header left out) as [local address, local port]; undefined where it cannot be read. */
function rows(file: string): [string, number][] | undefined {
  const text = read(file);
  if (text === undefined) return undefined;
  return text
    .split("\n")
    .slice(1)
    .map((l) => l.trim().split(/\s+/)[1])
    .filter((local): local is string => !!local && local.includes(":"))
    .map((local) => {
      const [address, port] = local.split(":");
      return [address.toUpperCase(), parseInt(port, 16)];
    });
}

/** Does the table list any socket at all (raw IP sockets, packet sockets: they see datagrams of every port)? */
function anyRow(file: string): boolean | undefined {
  const text = read(file);
  return text === undefined ? undefined : text.split("\n").slice(1).some((l) => l.trim() !== "");
}

/**
 * How many sockets of this network namespace could take a datagram sent to `to` now: UDP sockets on its port
 * bound to its address or a wildcard, and any raw or packet socket (counted as one each table). Undefined
 * where a table cannot be read, or `to` is not an IP address: then anyone might.
 */
export function receiversAt(to: Endpoint): number | undefined {
  const want = takers(to.host);
  if (!want) return undefined;
  const udp = rows("/proc/net/udp");
  const udp6 = rows("/proc/net/udp6");
  if (!udp || !udp6) return undefined;
  let n = 0;
  for (const [table, addresses] of [[udp, want.udp], [udp6, want.udp6]] as const) {
    n += table.filter(([address, port]) => port === to.port && addresses.includes(address)).length;
  }
  const others = socketsOfEveryPort();
  return others === undefined ? undefined : n + others;
}

/** How many of the tables of raw IP and packet sockets list any socket; undefined where one cannot be read. */
function socketsOfEveryPort(): number | undefined {
  let n = 0;
  for (const file of ["/proc/net/raw", "/proc/net/raw6", "/proc/net/packet"]) {
    const any = anyRow(file);
    if (any === undefined && file !== "/proc/net/packet") return undefined; // a kernel without packet sockets has no such file
    if (any) n++;
  }
  return n;
}

const familyOf = (host: string): 4 | 6 | undefined => (isIPv4(host) ? 4 : isIPv6(unscoped(host)) ? 6 : undefined);

/** The NoPorts count for `to`'s address family, read just before a send (undefined: it cannot be told). */
export function noPortsBefore(to: Endpoint): number | undefined {
  const family = familyOf(to.host);
  return family === undefined ? undefined : udpNoPorts(family);
}

/** Delivery on loopback is done by the time send returns, unless the kernel left it to its softirq thread (under load). */
const RECHECK_MS = [0, 5, 10, 20, 40];

/**
 * Was a datagram just sent to `to` dropped because no socket could take it? Yes when the kernel counted a
 * datagram for a port without a socket since `before` and no socket that could take it exists now: the
 * count says such a drop happened (it may be another's, so the table must agree), the table that nobody
 * could have heard this one (a socket that took it and closed since would leave the count unchanged).
 * Rechecked for up to ~75 ms while the count has not moved; then "maybe heard".
 */
export async function droppedForNoSocket(to: Endpoint, before: number | undefined): Promise<boolean> {
  const family = familyOf(to.host);
  if (before === undefined || family === undefined) return false;
  for (const wait of RECHECK_MS) {
    if (wait) await new Promise((r) => setTimeout(r, wait));
    const after = udpNoPorts(family);
    if (after === undefined) return false;
    if (after > before) return receiversAt(to) === 0;
  }
  return false;
}

/**
 * Can this network namespace tell such drops at all (the kernel's tables readable, no raw or packet socket
 * that would count as a taker of every datagram)? Where it cannot, every silence is waited out in full.
 */
export function canTellUnheard(): boolean {
  return udpNoPorts(4) !== undefined && read("/proc/net/udp") !== undefined && read("/proc/net/udp6") !== undefined && socketsOfEveryPort() === 0;
}
