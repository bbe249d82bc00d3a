// Kernel memory through sockets (issue 12, finding 2): a program that opens 1,000 UDP sockets with a 4 MiB
// receive buffer each and fills them pinned hundreds of MiB host-wide (UDP memory is not per network
// namespace). In the bubblewrap sandbox it gets at most 256 open files and the default buffer size.
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { testOf } from "./helpers/cli.js";
import { removeTemps } from "./helpers/fixtures.js";
import { gradeHostile } from "./helpers/hostile.js";
import { NOFILE, socketSeccompFilter } from "../grader/sandbox/socket-limits.js";

afterAll(removeTemps);

const bwrapWorks = (await execa("bwrap", ["--ro-bind", "/", "/", "--unshare-net", "--unshare-pid", "true"], { reject: false }).catch(() => ({ exitCode: 1 }))).exitCode === 0;
if (!bwrapWorks) console.warn("NOTICE: bubblewrap (bwrap) is not usable here: the socket-limit test is SKIPPED (without the sandbox, buffers are not capped).");

describe("socket limits", () => {
  it("the filter is a whole number of BPF instructions for this machine (x86_64 and arm64 known)", () => {
    for (const arch of ["x64", "arm64"]) {
      const f = socketSeccompFilter(arch)!;
      expect(f.length % 8).toBe(0);
      // The last instructions are returns (code 0x06), and every jump lands inside the program.
      expect(f.readUInt16LE(f.length - 8)).toBe(0x06);
      for (let pc = 0; pc < f.length / 8; pc++) {
        if ((f.readUInt16LE(pc * 8) & 0x07) !== 0x05) continue; // not a jump
        const [jt, jf] = [f.readUInt8(pc * 8 + 2), f.readUInt8(pc * 8 + 3)];
        expect(pc + 1 + Math.max(jt, jf)).toBeLessThan(f.length / 8);
      }
    }
    expect(socketSeccompFilter("ia32")).toBeUndefined();
  });

  it.runIf(bwrapWorks)(
    "a program opening 1,000 sockets with 4 MiB SO_RCVBUF gets at most 256 files and the default buffer, and pins little",
    async () => {
      const { result } = await gradeHostile("exercise-04", "hoards-udp-buffers", { file: "udp_client.py", as: "correct_client.py" }, ["--sandbox", "bwrap", "--only", "prints-reply"]);
      const line = testOf(result, "prints-reply")
        .cases.map((c) => c.stdout ?? "")
        .join("\n")
        .match(/HOARD opened=(\d+) rcvbuf=(\d+) udp_pages_before=(-?\d+) udp_pages_after=(-?\d+) error=(.*)/);
      expect(line, "the hoarding run's line is in a failed case's stdout").not.toBeNull();
      const [opened, rcvbuf, before, after] = line!.slice(1, 5).map(Number);
      expect(opened).toBeLessThan(NOFILE);
      expect(line![5]).toMatch(/Too many open files/);
      // The default (net.core.rmem_default, typically 208 KiB), not the 4 MiB asked for (8 MiB as the kernel reports it).
      expect(rcvbuf).toBeLessThan(1024 * 1024);
      // Host-wide UDP pages (other programs' too): without the limits this run pinned gigabytes.
      expect((after - before) * 4096).toBeLessThan(256 * 1024 * 1024);
    },
    110_000,
  );
});
