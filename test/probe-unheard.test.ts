// A step that must get no reply ends early only where the kernel dropped its datagram for want of a socket
// (grader/probe/unheard.ts). Checked against real sockets in a network namespace of their own (bubblewrap),
// as the sandbox host sees them: no other program's sockets there, and loopback up for IPv4 and IPv6.
import { execa } from "execa";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../grader/core/paths.js";

const bwrapWorks = (await execa("bwrap", ["--ro-bind", "/", "/", "--unshare-net", "true"], { reject: false }).catch(() => ({ exitCode: 1 }))).exitCode === 0;
if (!bwrapWorks) console.warn("NOTICE: bubblewrap (bwrap) is not usable here: the probe's unheard-datagram test is SKIPPED (the grader then always waits).");

// Runs in the namespace: binds sockets the way servers do, and asks the module about datagrams sent at them.
const script = `
const dgram = require("node:dgram");
const bound = (type, host, opts = {}) => new Promise((resolve, reject) => {
  const s = dgram.createSocket({ type, ...opts });
  s.on("error", reject);
  s.bind(0, host, () => resolve(s));
});
(async () => {
  const { canTellUnheard, receiversAt, droppedForNoSocket, noPortsBefore } = await import(require("node:url").pathToFileURL(process.argv[1]).href);
  const sendAndAsk = async (from, to) => {
    const before = noPortsBefore(to);
    await new Promise((r, j) => from.send(Buffer.from("x"), to.port, to.host, (e) => (e ? j(e) : r())));
    return droppedForNoSocket(to, before);
  };
  const out = { canTell: canTellUnheard() };
  const client4 = await bound("udp4", "127.0.0.1");
  const server = await bound("udp4", "127.0.0.1");
  const p = server.address().port;
  out.atItsAddress = receiversAt({ host: "127.0.0.1", port: p });
  out.atAnotherAddress = receiversAt({ host: "127.0.0.2", port: p });
  out.droppedAtAnother = await sendAndAsk(client4, { host: "127.0.0.2", port: p });
  out.droppedAtItsAddress = await sendAndAsk(client4, { host: "127.0.0.1", port: p });
  const wildcard = await bound("udp4", "0.0.0.0");
  const w = wildcard.address().port;
  out.wildcard = receiversAt({ host: "127.0.0.2", port: w });
  out.droppedAtWildcard = await sendAndAsk(client4, { host: "127.0.0.2", port: w });
  out.notAnAddress = receiversAt({ host: "localhost", port: p });
  out.noCount = await droppedForNoSocket({ host: "127.0.0.2", port: p }, undefined);
  // IPv6 where the machine has it (a kernel without it has no udp6 sockets at all).
  const client6 = await bound("udp6", "::1").catch(() => undefined);
  out.ipv6 = client6 !== undefined;
  if (client6) {
    const dual = await bound("udp6", "::", { ipv6Only: false });
    out.dualStack = receiversAt({ host: "127.0.0.2", port: dual.address().port });
    const mapped = await bound("udp6", "::ffff:127.0.0.2");
    out.mapped = receiversAt({ host: "127.0.0.2", port: mapped.address().port });
    const v6 = await bound("udp6", "::1");
    out.v6 = receiversAt({ host: "::1", port: v6.address().port });
    out.v6Elsewhere = receiversAt({ host: "127.0.0.1", port: v6.address().port });
    const free6 = await bound("udp6", "::1");
    const f = free6.address().port;
    free6.close();
    out.droppedV6 = await sendAndAsk(client6, { host: "::1", port: f });
  }
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
})();
`;

describe("the probe: was a datagram dropped for want of a socket?", () => {
  it.runIf(bwrapWorks)(
    "yes only where no socket on its port has its address, a wildcard or its IPv4-mapped form",
    async () => {
      const module = path.join(projectRoot, "dist/grader/probe/unheard.js");
      const r = await execa("bwrap", ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-net", "--die-with-parent", "--", process.execPath, "-e", script, module], { reject: false, timeout: 30_000 });
      expect(r.exitCode, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      if (!out.ipv6) console.warn("NOTICE: no IPv6 in a new network namespace here: the probe's unheard-datagram test checked IPv4 only.");
      expect(out).toEqual({
        canTell: true,
        atItsAddress: 1,
        atAnotherAddress: 0,
        droppedAtAnother: true,
        droppedAtItsAddress: false,
        wildcard: 1,
        droppedAtWildcard: false,
        noCount: false,
        ipv6: out.ipv6,
        ...(out.ipv6 ? { dualStack: 1, mapped: 1, v6: 1, v6Elsewhere: 0, droppedV6: true } : {}),
      });
    },
    60_000,
  );
});
