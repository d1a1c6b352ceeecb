/**
 * Debian's archive, as the frameworks' build step uses it: the archive's
 * versions of a package, the one whose upstream version is pinned (the
 * package lists updated once, as root), its .deb downloaded once with
 * `apt-get download`, and its Python files, metadata and copyright file
 * read out with `dpkg-deb -x`. See scripts/frameworks.ts.
 */
import { spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { FrameworkPackage } from "../src/frameworks/manifest";

/** Where Debian puts Python packages, inside a .deb. */
const DIST_PACKAGES = "usr/lib/python3/dist-packages";

/** Run a command; its exit, output and errors. */
export function run(command: string, args: string[], cwd?: string) {
  const child = spawnSync(command, args, { cwd, encoding: "utf8" });
  return {
    ok: child.status === 0,
    out: child.stdout ?? "",
    err: (child.stderr ?? "") + (child.error?.message ?? ""),
  };
}

export function has(command: string): boolean {
  return run("sh", ["-c", `command -v ${command}`]).ok;
}

/** "1:1.8.6-3" → "1.8.6": the upstream part of a Debian version. */
export function upstreamVersion(debian: string): string {
  const noEpoch = debian.includes(":") ? debian.slice(debian.indexOf(":") + 1) : debian;
  const dash = noEpoch.lastIndexOf("-");
  const upstream = dash === -1 ? noEpoch : noEpoch.slice(0, dash);
  // A tarball Debian repacked (files taken out) is still the upstream release.
  return upstream.replace(/\+(?:repack|dfsg|ds)\d*$/, "");
}

/** The archive's versions of `pkg`, newest first (apt-cache madison lists them so). */
export function archiveVersions(pkg: string): string[] {
  const { out } = run("apt-cache", ["madison", pkg]);
  return [
    ...new Set(
      out
        .split("\n")
        .map((line) => line.split("|")[1]?.trim() ?? "")
        .filter(Boolean),
    ),
  ];
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** The Debian version of `pkg` whose upstream is `upstream`; updates the package lists once, as root. */
export function pickVersion(pkg: string, upstream: string, updated: { done: boolean }): string {
  let versions = archiveVersions(pkg);
  if (versions.length === 0 && isRoot() && !updated.done) {
    updated.done = true;
    const update = run("apt-get", ["update", "-qq"]);
    if (!update.ok) throw new Error(`apt-get update failed:\n${update.err}`);
    versions = archiveVersions(pkg);
  }
  if (versions.length === 0) {
    throw new Error(
      `Debian's package lists here have no ${pkg}. Run \`sudo apt-get update\` once, then build again.`,
    );
  }
  const version = versions.find((v) => upstreamVersion(v) === upstream);
  if (!version) {
    throw new Error(
      `Debian's archive has ${pkg} ${versions.join(", ")}; the playground pins ${upstream} (scripts/frameworks.ts).`,
    );
  }
  return version;
}

/** The .deb of `pkg` at `version`, downloaded once into `debs`. */
export function download(pkg: string, version: string, debs: string): string {
  mkdirSync(debs, { recursive: true });
  const file = readdirSync(debs).find((name) => {
    const info = run("dpkg-deb", ["-f", join(debs, name), "Package", "Version"]);
    return (
      info.ok &&
      info.out.includes(`Package: ${pkg}\n`) &&
      info.out.includes(`Version: ${version}\n`)
    );
  });
  if (file) return join(debs, file);
  const fetched = run("apt-get", ["download", "-qq", `${pkg}=${version}`], debs);
  if (!fetched.ok) throw new Error(`apt-get download ${pkg}=${version} failed:\n${fetched.err}`);
  return download(pkg, version, debs);
}

/** Every regular file under `dir`, by its path relative to it (symbolic links left out: Debian's point outside). */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    const stat = lstatSync(full);
    if (stat.isSymbolicLink()) return [];
    if (stat.isDirectory()) return name === "__pycache__" ? [] : walk(full, base);
    return [relative(base, full)];
  });
}

/** "License: BSD-3-clause" of a DEP-5 copyright file's `Files: *` stanza. */
export function copyrightLicense(text: string): string | null {
  const stanza = text.split(/\n\s*\n/).find((part) => /^Files:\s*\*\s*$/m.test(part));
  return stanza?.match(/^License:\s*(.+)$/m)?.[1]?.trim() ?? null;
}

/** `Name:`, `Version:`, `License:`, `Home-page:` of a package's metadata file. */
function metadata(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split("\n")) {
    if (line === "") break;
    const match = /^([\w-]+):\s*(.*)$/.exec(line);
    if (match && !(match[1]! in fields)) fields[match[1]!] = match[2]!;
  }
  return fields;
}

export interface Unpacked {
  info: FrameworkPackage;
  /** Its files under site-packages, by path. */
  files: Map<string, Uint8Array>;
  license: string;
}

export function unpack(pkg: string, version: string, debs: string): Unpacked {
  const deb = download(pkg, version, debs);
  const into = mkdtempSync(join(tmpdir(), "wsgi-frameworks-"));
  try {
    const extracted = run("dpkg-deb", ["-x", deb, into]);
    if (!extracted.ok) throw new Error(`dpkg-deb -x ${deb} failed:\n${extracted.err}`);
    const site = join(into, DIST_PACKAGES);
    const files = new Map<string, Uint8Array>();
    let meta: Record<string, string> = {};
    for (const path of walk(site)) {
      // MarkupSafe's C speed-up is built for Debian's CPython; its pure fallback is what runs.
      if (path.endsWith(".so")) continue;
      const bytes = readFileSync(join(site, path));
      files.set(path, bytes);
      // An .egg-info is a folder, or (Cheroot's) a file that is itself the PKG-INFO.
      if (/\.(egg|dist)-info\/(PKG-INFO|METADATA)$|\.egg-info$/.test(path))
        meta = metadata(bytes.toString("utf8"));
    }
    const license = readFileSync(join(into, "usr/share/doc", pkg, "copyright"), "utf8");
    const tops = [...files.keys()]
      .filter(
        (path) =>
          !path.includes(".egg-info/") &&
          !path.includes(".dist-info/") &&
          !path.endsWith(".egg-info"),
      )
      .map((path) => path.split("/")[0]!.replace(/\.py$/, ""));
    return {
      info: {
        name: meta.Name ?? pkg,
        version: meta.Version ?? upstreamVersion(version),
        debian: `${pkg} ${version}`,
        license: copyrightLicense(license) ?? meta.License ?? "see its copyright file",
        homepage: meta["Home-page"] ?? "",
        licenseFile: `licenses/${pkg}.txt`,
        modules: [...new Set(tops)].sort(),
      },
      files,
      license,
    };
  } finally {
    rmSync(into, { recursive: true, force: true });
  }
}
