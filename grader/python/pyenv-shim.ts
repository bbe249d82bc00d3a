// A pyenv shim (`python3` in ~/.pyenv/shims) is a bash script that runs `pyenv exec`: a dozen bash scripts
// before Python starts, 85-300 ms on this project's machines and more under load, paid by every `grade`
// before it knows which Python to use. pyenv's choice is documented and plain: $PYENV_VERSION, else the
// nearest .python-version from the working folder up, else the global `version` file; the first version
// listed whose bin/ has the command. The grader makes that choice itself where it is sure to make it as
// pyenv does, and leaves every other case (a version prefix such as "3.11", "system", a version that is
// not installed, hooks it does not know) to the shim, as before. Node's own modules only: the launcher
// loads this before the CLI (python-probe.ts).
import { accessSync, constants, readFileSync, readdirSync, realpathSync, statSync } from "node:fs";
import path from "node:path";

/** The shim pyenv writes (pyenv-rehash): `export PYENV_ROOT="…"` and `exec "…/libexec/pyenv" exec "$program" "$@"`. */
const SHIM = /^#!\/usr\/bin\/env bash\n[^]*\nprogram="\$\{0##\*\/\}"\n[^]*\nexport PYENV_ROOT="([^"$`\\]+)"\n[^]*\nexec "([^"$`\\]+)\/libexec\/pyenv" exec "\$program" "\$@"\n?$/;

/**
 * Hooks that cannot change the answer when the command exists in the chosen version: pyenv's own pip-rehash
 * (exec; it acts for pip and `-m pip` only), and `which` hooks that act only when the command was not found
 * (pyenv-virtualenv's three begin so). A `version-name` hook, or any other, sends the question to the shim.
 */
const NOT_FOUND_GUARD = /^if \[ ! -x "\$\{PYENV_COMMAND_PATH\}" \]/;

const isFile = (f: string) => {
  try {
    return statSync(f).isFile();
  } catch {
    return false;
  }
};
const isDir = (f: string) => {
  try {
    return statSync(f).isDirectory();
  } catch {
    return false;
  }
};
const executable = (f: string) => {
  try {
    accessSync(f, constants.X_OK);
    return isFile(f);
  } catch {
    return false;
  }
};

/** The file `command` names on PATH, as execvp finds it (the first executable one; an empty entry is the working folder). */
function onPath(command: string, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  for (const dir of (env.PATH ?? "").split(":")) {
    const f = path.resolve(cwd, dir || ".", command);
    if (executable(f)) return f;
  }
  return undefined;
}

/** Hook scripts of `pyenvCommand` the way pyenv-hooks lists them (PYENV_HOOK_PATH as libexec/pyenv builds it). */
function hooks(root: string, installPrefix: string, pyenvCommand: string, env: NodeJS.ProcessEnv): string[] {
  let plugins: string[] = [];
  try {
    plugins = readdirSync(path.join(root, "plugins")).sort().map((p) => path.join(root, "plugins", p, "etc/pyenv.d"));
  } catch {
    // no plugins folder
  }
  const dirs = [...(env.PYENV_HOOK_PATH ?? "").split(":"), path.join(root, "pyenv.d"), path.join(installPrefix, "pyenv.d"), "/usr/etc/pyenv.d", "/usr/local/etc/pyenv.d", "/etc/pyenv.d", "/usr/lib/pyenv/hooks", ...plugins];
  return dirs.filter(Boolean).flatMap((d) => {
    try {
      return readdirSync(path.join(d, pyenvCommand)).filter((n) => n.endsWith(".bash")).map((n) => path.join(d, pyenvCommand, n));
    } catch {
      return [];
    }
  });
}

function firstStatement(file: string): string {
  return readFileSync(file, "utf8").split("\n").map((l) => l.trim()).find((l) => l && !l.startsWith("#")) ?? "";
}

const harmlessHook = (kind: "which" | "exec") => (file: string) => {
  try {
    return kind === "exec" ? path.basename(file) === "pip-rehash.bash" : NOT_FOUND_GUARD.test(firstStatement(file));
  } catch {
    return false;
  }
};

/** bash's $PWD: the inherited PWD where it names the working folder (a path through a symlink), else the real one. */
function logicalCwd(env: NodeJS.ProcessEnv, cwd: string): string {
  try {
    if (env.PWD && path.isAbsolute(env.PWD) && realpathSync(env.PWD) === realpathSync(cwd)) return env.PWD;
  } catch {
    // PWD gone or unreadable
  }
  return cwd;
}

/** pyenv-version-file: the nearest .python-version from `dir` up (to / included). */
function localVersionFile(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const f = path.join(d, ".python-version");
    if (isFile(f)) return f;
    if (d === path.dirname(d)) return undefined;
  }
}

/** pyenv-version-file-read: each line's first word, comments and blank lines skipped, joined with ":". undefined: unreadable, or a line pyenv reads otherwise. */
function readVersionFile(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const versions: string[] = [];
  for (const line of text.split("\n")) {
    if (line.length >= 1024) return undefined; // bash's read -n 1024 would split it
    const word = line.trim().split(/[ \t\r]+/)[0];
    if (!word || word.startsWith("#")) continue;
    if (word === ".." || word.includes("/")) return undefined; // pyenv's own safety check decides those
    versions.push(word);
  }
  return versions.join(":");
}

/**
 * The interpreter the pyenv shim `command` on PATH would run, where pyenv's choice is certain; undefined where
 * `command` is not a pyenv shim or the shim should decide (the caller then runs the shim).
 */
export function pyenvShimTarget(command: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
  if (command.includes("/")) return undefined;
  try {
    const shim = onPath(command, env, cwd);
    if (!shim) return undefined;
    const text = readFileSync(shim, "utf8").slice(0, 4096);
    const m = SHIM.exec(text);
    if (!m) return undefined;
    const [, root, pyenvHome] = m;
    const installPrefix = path.dirname(path.dirname(realpathSync(path.join(pyenvHome, "libexec/pyenv"))));
    if (hooks(root, installPrefix, "version-name", env).length) return undefined;
    if (!hooks(root, installPrefix, "which", env).every(harmlessHook("which"))) return undefined;
    if (!hooks(root, installPrefix, "exec", env).every(harmlessHook("exec"))) return undefined;

    let wanted = env.PYENV_VERSION;
    if (!wanted) {
      const pwd = logicalCwd(env, cwd);
      const pyenvDir = env.PYENV_DIR ? path.resolve(pwd, env.PYENV_DIR) : pwd;
      if (!isDir(pyenvDir)) return undefined; // pyenv stops with "cannot change working directory"
      const file = localVersionFile(pyenvDir) ?? (pyenvDir !== pwd ? localVersionFile(pwd) : undefined) ?? path.join(root, "version");
      wanted = readVersionFile(file);
    }
    if (!wanted) return undefined; // the system Python: pyenv looks further along PATH
    for (const name of wanted.split(":")) {
      if (!name || name === "system") return undefined;
      if (name.split("/").some((part) => part === "." || part === "..")) return undefined;
      const installed = [name, name.replace(/^python-/, "")].find((n) => isDir(path.join(root, "versions", n)));
      if (!installed) return undefined; // a prefix pyenv-latest completes, or a version not installed
      const program = path.join(root, "versions", installed, "bin", command);
      if (executable(program)) return program;
    }
    return undefined; // pyenv goes on to the system Python
  } catch {
    return undefined;
  }
}
