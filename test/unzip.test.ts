// The zip reader refuses what a grader must not unpack, whatever the archive claims.
import { execa } from "execa";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { extractZip, ZipRefused } from "../grader/batch/unzip.js";
import { removeTemps, tempDir } from "./helpers/fixtures.js";

afterAll(removeTemps);

async function pyZip(file: string, script: string): Promise<void> {
  await execa("python3", ["-c", `import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED)\n${script}\nz.close()`, file]);
}

describe("extractZip", () => {
  it("unpacks an ordinary zip", async () => {
    const dir = await tempDir();
    await pyZip(path.join(dir, "ok.zip"), `z.writestr("hw/ip_classify.py", "x = 1\\n")`);
    await extractZip(path.join(dir, "ok.zip"), path.join(dir, "out"));
    expect(await readdir(path.join(dir, "out", "hw"))).toEqual(["ip_classify.py"]);
  });

  it("refuses a zip bomb (a highly compressed entry)", async () => {
    const dir = await tempDir();
    await pyZip(path.join(dir, "bomb.zip"), `z.writestr("zeros.py", b"0" * (8 * 1024 * 1024))`);
    await expect(extractZip(path.join(dir, "bomb.zip"), path.join(dir, "out"))).rejects.toThrow(/zip bomb/);
  });

  it("refuses too many entries or too many bytes", async () => {
    const dir = await tempDir();
    await pyZip(path.join(dir, "many.zip"), `for i in range(30): z.writestr("f%d.py" % i, "x")`);
    await expect(extractZip(path.join(dir, "many.zip"), path.join(dir, "a"), "en", { entries: 10, bytes: 1 << 20, ratio: 200 })).rejects.toThrow(/more than 10 entries/);
    await pyZip(path.join(dir, "big.zip"), `import os\nz.writestr("r.bin", os.urandom(300000))`);
    await expect(extractZip(path.join(dir, "big.zip"), path.join(dir, "b"), "en", { entries: 10, bytes: 100000, ratio: 200 })).rejects.toThrow(/MiB once unpacked/);
  });

  it("refuses zip-slip paths and links, and what is not a zip", async () => {
    const dir = await tempDir();
    await pyZip(path.join(dir, "slip.zip"), `z.writestr("../evil.py", "x")`);
    await expect(extractZip(path.join(dir, "slip.zip"), path.join(dir, "s"))).rejects.toThrow(/zip-slip/);
    await pyZip(path.join(dir, "link.zip"), `i = zipfile.ZipInfo("ip_classify.py"); i.external_attr = 0o120777 << 16; z.writestr(i, "/etc/passwd")`);
    await expect(extractZip(path.join(dir, "link.zip"), path.join(dir, "l"))).rejects.toThrow(/symbolic link/);
    await execa("sh", ["-c", `echo not a zip > ${path.join(dir, "fake.zip")}`]);
    await expect(extractZip(path.join(dir, "fake.zip"), path.join(dir, "f"))).rejects.toBeInstanceOf(ZipRefused);
  });
});
