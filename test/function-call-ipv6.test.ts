// exercise-02 has pick_free_port cases on ::1. A machine without IPv6 loopback (IPv6 switched off, as in many
// containers) must skip them with a warning, as the socket kinds do, not fail the reference or crash the grader.
// Simulated with a network namespace whose lo has IPv6 switched off: needs root (or user namespaces) and iproute2.
import { execa } from "execa";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { GradeResult } from "../grader/generated/result.js";
import { root } from "./helpers/cli.js";

const noIpv6 = (command: string) => ["-n", "sh", "-c", `ip link set lo up && sysctl -qw net.ipv6.conf.lo.disable_ipv6=1 && ${command}`];
const canSimulate = (await execa("unshare", noIpv6("true"), { reject: false }).catch(() => ({ exitCode: 1 }))).exitCode === 0;
if (!canSimulate) console.warn("function-call-ipv6.test.ts: cannot make a network namespace without IPv6 here (needs unshare -n, ip and sysctl); skipped");

describe.runIf(canSimulate)("function-call cases on ::1 where IPv6 is off", () => {
  it("the reference of exercise-02 still scores full marks; the IPv6 cases are skipped with a warning", async () => {
    const bin = path.join(root, "bin", "grade.js");
    const r = await execa("unshare", noIpv6(`exec node ${bin} exercise-02 ${path.join(root, "solutions", "exercise-02")} --sandbox none --format json --lang en`), { reject: false, cwd: root, timeout: 120_000 });
    expect(r.stderr).not.toMatch(/internal grader error/);
    const result = JSON.parse(String(r.stdout)) as GradeResult;
    expect(result.status).toBe("graded");
    expect(result.score).toBe(result.max_score);
    expect(result.warnings.join("\n")).toMatch(/IPv6 loopback \(::1\) is not available/);
  });
});
