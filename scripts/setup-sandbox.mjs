// Part of `npm install` / `npm ci` (prepare): makes sure bubblewrap, the sandbox for student code, is
// there where it can be installed (as root, with apt). Never fails the install: without bubblewrap the
// grader still runs (`--sandbox auto` falls back, with a warning in every result).
// UDP_GRADER_NO_APT=1 skips the install attempt.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
const say = (msg) => process.stderr.write(`udp-grader: ${msg}\n`);

if (process.platform !== "linux") {
  say("bubblewrap is Linux-only: student code will run without a sandbox here (see README, Sandbox).");
} else if (has("bwrap")) {
  // nothing to do
} else if (process.env.UDP_GRADER_NO_APT === "1") {
  say("bubblewrap is not installed (UDP_GRADER_NO_APT=1: not installing it). Install: sudo apt-get install bubblewrap");
} else if (process.getuid?.() === 0 && has("apt-get") && existsSync("/etc/debian_version")) {
  say("installing bubblewrap (the sandbox for student code) with apt-get...");
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const install = () => execFileSync("apt-get", ["install", "-y", "-qq", "bubblewrap"], { stdio: ["ignore", "ignore", "inherit"], env });
    try {
      install();
    } catch {
      execFileSync("apt-get", ["update", "-qq"], { stdio: ["ignore", "ignore", "inherit"], env });
      install();
    }
    say("bubblewrap installed.");
  } catch (e) {
    say(`could not install bubblewrap (${e.message.split("\n")[0]}); the grader will run without a sandbox.`);
  }
} else {
  say("bubblewrap is not installed, so student code will run without a sandbox. Install it: sudo apt-get install bubblewrap (Debian/Ubuntu) or your distribution's bubblewrap package.");
}
