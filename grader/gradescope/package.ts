// `grade gradescope EXERCISE... --out autograder.zip`: Gradescope's autograder package. Gradescope builds a
// Docker image from Ubuntu, unpacks the zip into /autograder/source and runs setup.sh once; then it runs
// run_autograder for every submission (in /autograder/submission), which must write
// /autograder/results/results.json. The zip holds this grader as installed (its built dist/, the chosen
// exercises and their reference solutions, the schemas), a teacher's private folder if given, and the
// two scripts. The zip is written with yazl (no `zip` command needed on the teacher's machine).
import { createWriteStream, existsSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";
import os from "node:os";
import path from "node:path";
import { GraderError } from "../core/errors.js";
import type { Lang } from "../core/i18n.js";
import { projectRoot } from "../core/paths.js";
import { inCodeCache } from "../core/code-cache.js";

/** The environment variable that moves /autograder (the package's own tests run it in a temp folder). */
export const ROOT_VARIABLE = "AUTOGRADER_ROOT";

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function setupScript(): string {
  return `#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder's image (Ubuntu). It installs what
# udp-grader needs: Python 3 (the students' code), bubblewrap (the sandbox), Node.js 20 or later (the
# grader), then the grader's own dependencies.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq ca-certificates curl gnupg python3 bubblewrap
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if ! command -v node >/dev/null 2>&1 || [ "$(node_major)" -lt 20 ]; then
  # NodeSource's repository for Node.js 20 (Ubuntu's own nodejs package is older on most images).
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y -qq nodejs
fi
cd "\${${ROOT_VARIABLE}:-/autograder}/source/grader"
# The package holds the built grader (dist/): only its runtime dependencies are needed, no build.
npm ci --omit=dev --ignore-scripts --no-audit --no-fund
node bin/grade.js list
`;
}

export function runScript(exercises: string[], lang: Lang, withPrivate: boolean): string {
  const args = [...exercises.map(quote), "--submission", '"$ROOT/submission"', "--results", '"$ROOT/results/results.json"', "--lang", lang];
  if (withPrivate) args.push("--private", '"$ROOT/source/private"');
  return `#!/usr/bin/env bash
# Gradescope runs this for every submission: it grades /autograder/submission and writes
# /autograder/results/results.json (what the student and Gradescope's gradebook see). Messages for the
# teacher (such as a sandbox warning) go to stdout, which Gradescope shows to instructors only.
set -uo pipefail
ROOT="\${${ROOT_VARIABLE}:-/autograder}"
mkdir -p "$ROOT/results"
cd "$ROOT"
exec node "$ROOT/source/grader/bin/grade.js" gradescope ${args.join(" ")}
`;
}

/** The grader's files a package needs (package.json's "files", with only the chosen exercises). */
async function copyGrader(to: string, exercises: string[]): Promise<void> {
  const dist = path.join(projectRoot, "dist", "grader");
  if (!existsSync(dist)) throw new GraderError("BAD_ARGUMENT", "errNotBuilt");
  for (const rel of ["package.json", "package-lock.json", "bin", "schemas", path.join("grader", "python")]) {
    const from = path.join(projectRoot, rel);
    if (existsSync(from)) await cp(from, path.join(to, rel), { recursive: true });
  }
  await cp(dist, path.join(to, "dist", "grader"), { recursive: true, filter: (src) => !src.endsWith(".map") && !inCodeCache(src) });
  for (const id of exercises) {
    await cp(path.join(projectRoot, "exercises", id), path.join(to, "exercises", id), { recursive: true });
    const solution = path.join(projectRoot, "solutions", id);
    if (existsSync(solution)) await cp(solution, path.join(to, "solutions", id), { recursive: true });
  }
}

export async function buildAutograder(o: { exercises: string[]; out: string; lang: Lang; privateDir?: string }): Promise<void> {
  const stage = await mkdtemp(path.join(os.tmpdir(), "udp-grader-gradescope-"));
  try {
    await writeFile(path.join(stage, "setup.sh"), setupScript());
    await writeFile(path.join(stage, "run_autograder"), runScript(o.exercises, o.lang, Boolean(o.privateDir)));
    await chmod(path.join(stage, "setup.sh"), 0o755);
    await chmod(path.join(stage, "run_autograder"), 0o755);
    await copyGrader(path.join(stage, "grader"), o.exercises);
    if (o.privateDir) {
      for (const id of o.exercises) {
        const part = path.join(o.privateDir, id);
        if (existsSync(part)) await cp(part, path.join(stage, "private", id), { recursive: true });
      }
    }
    const out = path.resolve(o.out);
    await mkdir(path.dirname(out), { recursive: true });
    // Files at the root of the archive, as Gradescope requires, with their modes (run_autograder runs).
    await writeZip(stage, out);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

/** Zips every file under `dir` (paths relative to it, modes kept) into `out`, replacing it. */
async function writeZip(dir: string, out: string): Promise<void> {
  const zip = new yazl.ZipFile();
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  for (const e of entries.sort((a, b) => path.join(a.parentPath, a.name).localeCompare(path.join(b.parentPath, b.name)))) {
    const file = path.join(e.parentPath, e.name);
    zip.addFile(file, path.relative(dir, file).split(path.sep).join("/"), { mode: (await stat(file)).mode });
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(out));
}
