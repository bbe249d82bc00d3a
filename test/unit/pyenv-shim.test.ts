// The grader makes a pyenv shim's choice of interpreter itself (grader/python/pyenv-shim.ts), on a pyenv
// laid out in a temp folder: as pyenv chooses where the choice is plain, and the shim's own run (undefined
// here) wherever pyenv would do something else. test/pyenv-shim.test.ts compares it with a real pyenv.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pyenvShimTarget } from "../../grader/python/pyenv-shim.js";

let base: string;
let root: string;
let project: string;

/** The shim text pyenv-rehash writes (pyenv 2.x). */
const shimText = (pyenvRoot: string) => `#!/usr/bin/env bash
set -e
[ -n "$PYENV_DEBUG" ] && set -x

program="\${0##*/}"

export PYENV_ROOT="${pyenvRoot}"
SHIM_PATH=\${0%/*}
if [[ $SHIM_PATH != "${pyenvRoot}/shims" ]]; then
  export _PYENV_SHIM_PATH="$SHIM_PATH"
fi
exec "${pyenvRoot}/libexec/pyenv" exec "$program" "$@"
`;

function file(p: string, text: string, mode = 0o644): string {
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  chmodSync(p, mode);
  return p;
}

const program = (version: string, command = "python3") => path.join(root, "versions", version, "bin", command);

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), "pyenv-shim-"));
  root = path.join(base, "pyenv");
  file(path.join(root, "libexec/pyenv"), "#!/usr/bin/env bash\n", 0o755);
  file(path.join(root, "shims/python3"), shimText(root), 0o755);
  for (const v of ["3.12.1", "3.11.7"]) file(program(v), "#!/bin/sh\n", 0o755);
  mkdirSync(path.join(root, "versions/no-python3/bin"), { recursive: true });
  file(path.join(root, "version"), "3.12.1\n");
  project = path.join(base, "home/project/src");
  mkdirSync(project, { recursive: true });
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** An environment with only the fake pyenv's shims on PATH (and no hook folders of the machine's own). */
const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ PATH: `${root}/shims:/usr/bin:/bin`, PYENV_HOOK_PATH: "", ...extra });

function withFile(p: string, text: string, run: () => void): void {
  file(p, text);
  try {
    run();
  } finally {
    rmSync(p, { force: true });
  }
}

describe("a pyenv shim's choice, made without its bash", () => {
  it("takes the global version file", () => {
    expect(pyenvShimTarget("python3", env(), project)).toBe(program("3.12.1"));
  });

  it("takes the nearest .python-version above the working folder", () => {
    withFile(path.join(base, "home/.python-version"), "3.11.7\n", () => expect(pyenvShimTarget("python3", env(), project)).toBe(program("3.11.7")));
  });

  it("reads the file as pyenv does: comments, blank lines, CRLF, a second word, python- prefix", () => {
    withFile(path.join(project, ".python-version"), "# pinned for the course\n\n  python-3.11.7 extra\r\n", () => expect(pyenvShimTarget("python3", env(), project)).toBe(program("3.11.7")));
  });

  it("takes the first listed version that has the command", () => {
    withFile(path.join(project, ".python-version"), "no-python3\n3.11.7\n", () => expect(pyenvShimTarget("python3", env(), project)).toBe(program("3.11.7")));
  });

  it("PYENV_VERSION wins over the files, colon-separated", () => {
    withFile(path.join(project, ".python-version"), "3.12.1\n", () => expect(pyenvShimTarget("python3", env({ PYENV_VERSION: "no-python3:3.11.7" }), project)).toBe(program("3.11.7")));
  });

  it("PYENV_DIR is searched before the working folder", () => {
    const other = path.join(base, "other");
    withFile(path.join(other, ".python-version"), "3.11.7\n", () => expect(pyenvShimTarget("python3", env({ PYENV_DIR: other }), project)).toBe(program("3.11.7")));
  });

  it("an inherited PWD through a symlink is the folder pyenv searches from", () => {
    // bash's $PWD keeps the path the user typed; a .python-version above the link, not above the real folder, counts.
    const linkParent = path.join(base, "linked");
    mkdirSync(linkParent, { recursive: true });
    symlinkSync(project, path.join(linkParent, "src"));
    withFile(path.join(linkParent, ".python-version"), "3.11.7\n", () => {
      expect(pyenvShimTarget("python3", env({ PWD: path.join(linkParent, "src") }), project)).toBe(program("3.11.7"));
      expect(pyenvShimTarget("python3", env({ PWD: "/somewhere/else" }), project)).toBe(program("3.12.1"));
    });
  });

  it.each([
    ["a version prefix (pyenv-latest completes it)", "3.11\n"],
    ["a version that is not installed", "3.9.18\n"],
    ["the system Python", "system\n"],
    ["an empty file (the system Python)", ""],
    ["a version only listed after the system Python", "system\n3.11.7\n"],
    ["no listed version with the command (pyenv goes on to the system Python)", "no-python3\n"],
    ["a path out of the versions folder", "../../usr\n"],
    ["a line longer than pyenv reads at once", "3.11.7" + " ".repeat(2000) + "\n"],
  ])("leaves %s to the shim", (_, text) => {
    withFile(path.join(project, ".python-version"), text, () => expect(pyenvShimTarget("python3", env(), project)).toBeUndefined());
  });

  it("leaves PYENV_VERSION with '..' in it to the shim", () => {
    expect(pyenvShimTarget("python3", env({ PYENV_VERSION: "3.11.7/../3.12.1" }), project)).toBeUndefined();
  });

  it("leaves a PYENV_DIR that does not exist to the shim (pyenv stops there)", () => {
    expect(pyenvShimTarget("python3", env({ PYENV_DIR: path.join(base, "missing") }), project)).toBeUndefined();
  });

  it.each([
    ["a version-name hook (it may change the version)", "version-name/pick.bash", 'PYENV_VERSION="3.11.7"\n', false],
    ["a which hook that acts on found commands", "which/redirect.bash", 'PYENV_COMMAND_PATH="/usr/bin/python3"\n', false],
    ["a which hook that acts only on a command not found", "which/fallback.bash", '# a comment first\nif [ ! -x "${PYENV_COMMAND_PATH}" ]; then\n  PYENV_COMMAND_PATH=/x\nfi\n', true],
    ["pyenv's own pip-rehash exec hook", "exec/pip-rehash.bash", "PYENV_PIP_REHASH_ROOT=x\n", true],
    ["another exec hook", "exec/wrap.bash", 'PYENV_COMMAND_PATH="/usr/bin/env"\n', false],
  ])("%s: resolved here = %s", (_, hook, text, resolved) => {
    for (const dir of [path.join(root, "pyenv.d"), path.join(root, "plugins/some-plugin/etc/pyenv.d"), path.join(base, "hooks")]) {
      withFile(path.join(dir, hook), text, () => {
        const got = pyenvShimTarget("python3", env({ PYENV_HOOK_PATH: path.join(base, "hooks") }), project);
        expect(got).toBe(resolved ? program("3.12.1") : undefined);
      });
    }
  });

  it("only the first python3 on PATH counts, and only a pyenv shim", () => {
    const bin = path.join(base, "bin");
    withFile(path.join(bin, "python3"), "#!/bin/sh\nexec /usr/bin/python3 \"$@\"\n", () => {
      // not executable: execvp passes it by
      expect(pyenvShimTarget("python3", env({ PATH: `${bin}:${root}/shims` }), project)).toBe(program("3.12.1"));
      chmodSync(path.join(bin, "python3"), 0o755);
      expect(pyenvShimTarget("python3", env({ PATH: `${bin}:${root}/shims` }), project)).toBeUndefined();
    });
    withFile(path.join(bin, "python3"), shimText(root).replace("exec ", "echo "), () => {
      chmodSync(path.join(bin, "python3"), 0o755);
      expect(pyenvShimTarget("python3", env({ PATH: `${bin}:${root}/shims` }), project)).toBeUndefined();
    });
    expect(pyenvShimTarget("python3", env({ PATH: "/nonexistent" }), project)).toBeUndefined();
    expect(pyenvShimTarget(`${root}/shims/python3`, env(), project)).toBeUndefined();
  });
});
