// Against the machine's own pyenv (where `python3` on PATH is a pyenv shim): the interpreter the grader picks
// without the shim (grader/python/pyenv-shim.ts) is the one the shim runs, for every installed version named
// in a .python-version or PYENV_VERSION; where the grader leaves the choice to the shim, the probe still finds
// the shim's answer. test/unit/pyenv-shim.test.ts covers pyenv's rules on a pyenv laid out in a temp folder.
import { execFileSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pyenvShimTarget } from "../grader/python/pyenv-shim.js";

/** PYENV_ROOT of the pyenv shim that is the first python3 on PATH, if it is one. */
function pyenvRoot(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(":").filter(Boolean)) {
    const f = path.join(dir, "python3");
    try {
      accessSync(f, constants.X_OK);
    } catch {
      continue;
    }
    return /export PYENV_ROOT="([^"]+)"/.exec(readFileSync(f, "utf8").slice(0, 4096))?.[1];
  }
  return undefined;
}

const root = pyenvRoot();
if (!root) console.warn("\nNOTICE: python3 on PATH is not a pyenv shim: the grader's choice was not compared with pyenv's own.\n");
const versions = root ? readdirSync(path.join(root, "versions")).filter((v) => {
  try {
    accessSync(path.join(root, "versions", v, "bin/python3"), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}).slice(0, 4) : [];
const cwd = mkdtempSync(path.join(tmpdir(), "pyenv-compare-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** What the shim itself runs, from `cwd` with `env`. */
const shimRuns = (env: NodeJS.ProcessEnv) => execFileSync("python3", ["-c", "import sys; print(sys.executable)"], { cwd, env: { ...process.env, PWD: cwd, ...env }, encoding: "utf8", timeout: 60_000 }).trim();

describe.skipIf(!root)("the grader picks the interpreter the pyenv shim runs", () => {
  it("with the machine's own settings", () => {
    rmSync(path.join(cwd, ".python-version"), { force: true });
    const ours = pyenvShimTarget("python3", { ...process.env, PWD: cwd, PYENV_VERSION: "" }, cwd);
    if (ours !== undefined) expect(ours).toBe(shimRuns({ PYENV_VERSION: "" }));
  });

  it.each(versions)("for %s named in a .python-version and in PYENV_VERSION", (v) => {
    writeFileSync(path.join(cwd, ".python-version"), `${v}\n`);
    const ours = pyenvShimTarget("python3", { ...process.env, PWD: cwd, PYENV_VERSION: "" }, cwd);
    expect(ours).toBe(path.join(root!, "versions", v, "bin/python3"));
    expect(ours).toBe(shimRuns({ PYENV_VERSION: "" }));
    rmSync(path.join(cwd, ".python-version"));
    const byEnv = pyenvShimTarget("python3", { ...process.env, PWD: cwd, PYENV_VERSION: v }, cwd);
    expect(byEnv).toBe(shimRuns({ PYENV_VERSION: v }));
  });

  it("leaves a version prefix to the shim, which completes it", () => {
    const v = versions.find((x) => /^\d+\.\d+\.\d+$/.test(x));
    if (!v) return;
    const prefix = v.split(".").slice(0, 2).join(".");
    if (versions.includes(prefix)) return;
    writeFileSync(path.join(cwd, ".python-version"), `${prefix}\n`);
    expect(pyenvShimTarget("python3", { ...process.env, PWD: cwd, PYENV_VERSION: "" }, cwd)).toBeUndefined();
    expect(shimRuns({ PYENV_VERSION: "" })).toMatch(new RegExp(`/versions/${prefix.replace(".", "\\.")}\\.\\d+/bin/python3$`));
    rmSync(path.join(cwd, ".python-version"));
  });
});
