/**
 * The frameworks' build step where Debian's package tools are missing (as
 * on macOS): it writes a manifest that says why, and exits non-zero only
 * when asked for the frameworks themselves (`npm run frameworks`); the
 * build reads the manifest and goes on.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyrightLicense, upstreamVersion } from "./debian-archive";
import { importableModules } from "./frameworks";

describe("the frameworks' build step", () => {
  it("without apt-get and dpkg-deb, says so in the manifest", () => {
    const out = mkdtempSync(join(tmpdir(), "wsgi-frameworks-test-"));
    // A PATH with Node and a shell, and no Debian tools.
    const bin = join(out, "bin");
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, "node"));
    symlinkSync("/bin/sh", join(bin, "sh"));
    const run = spawnSync(join(bin, "node"), ["--import", "tsx", "scripts/frameworks.ts"], {
      env: { PATH: bin, WSGI_FRAMEWORKS_BUILD: out },
      encoding: "utf8",
    });
    expect(run.stdout).toContain(
      "frameworks: none in this build: it was made without Debian's package tools",
    );
    const manifest = JSON.parse(readFileSync(join(out, "frameworks/manifest.json"), "utf8"));
    expect(manifest.available).toBe(false);
    expect(manifest.reason).toMatch(/apt-get.*dpkg-deb.*not found/);
    expect(manifest.expected.flask).toBe("Flask");
    expect(manifest.stacks).toEqual([]);
    expect(run.status).toBe(1);
  }, 60_000);

  it("reads Debian's versions, licenses and module paths", () => {
    expect(upstreamVersion("1:1.8.6-3")).toBe("1.8.6");
    expect(upstreamVersion("2.2.2-3+deb12u1")).toBe("2.2.2");
    expect(upstreamVersion("3.5.2+repack-1")).toBe("3.5.2");
    expect(upstreamVersion("9.0.0+ds1-2")).toBe("9.0.0");
    expect(
      copyrightLicense(
        "Format: x\n\nFiles: *\nCopyright: me\nLicense: BSD-3-clause\n\nFiles: debian/*\nLicense: GPL\n",
      ),
    ).toBe("BSD-3-clause");
    expect(
      importableModules([
        "werkzeug/__init__.py",
        "werkzeug/middleware/proxy_fix.py",
        "Werkzeug-2.2.2.egg-info/PKG-INFO",
        "werkzeug/debug/shared/style.css",
      ]),
    ).toEqual(["werkzeug", "werkzeug.middleware.proxy_fix"]);
  });
});
