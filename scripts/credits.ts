/**
 * The credits: every third-party package the site ships, with its version,
 * its license and the license's text, for the About dialog. Read at build
 * time from what is installed: the npm packages the page and its workers
 * run (the lock file's entries that are not only for development, each
 * with the LICENSE file it ships), Pyodide's CPython (the version Pyodide's
 * lock file names), and the Python frameworks from the build step's
 * manifest (their Debian copyright files, already next to their zips).
 *
 * Two texts do not ship in the npm packages: Pyodide's MPL-2.0 (read from
 * Debian's /usr/share/common-licenses, where present) and CPython's PSF
 * License Agreement (Debian's copyright file of its CPython, fetched with
 * the frameworks). Where a text cannot be had, the credit names its license
 * and says where the text is published.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Credit } from "../src/frameworks/credits";
import type { FrameworkManifest } from "../src/frameworks/manifest";
import { FRAMEWORKS_DIR } from "./frameworks.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Credits, and the license texts by their path under the site's `licenses/`. */
export interface Credits {
  credits: Credit[];
  texts: Map<string, string>;
}

interface LockEntry {
  version?: string;
  license?: string;
  dev?: boolean;
  devOptional?: boolean;
}

/** The LICENSE (or COPYING) file a package ships, with Monaco's third-party notices after it. */
function licenseText(dir: string): string | null {
  if (!existsSync(dir)) return null;
  const names = readdirSync(dir).filter((name) => /^(licen[cs]e|copying)(\.\w+)?$/i.test(name));
  if (names.length === 0) return null;
  const notices = join(dir, "ThirdPartyNotices.txt");
  return [...names.map((name) => join(dir, name)), ...(existsSync(notices) ? [notices] : [])]
    .map((path) => readFileSync(path, "utf8"))
    .join("\n\n");
}

const fileName = (name: string) => `${name.replace(/^@/, "").replace(/\//g, "-")}.txt`;

/** What the site ships, read from node_modules, Pyodide and the frameworks' manifest. */
export function collectCredits(frameworks: FrameworkManifest | null): Credits {
  const texts = new Map<string, string>();
  const credits: Credit[] = [];
  const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  };
  const seen = new Set<string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path.startsWith("node_modules/") || entry.dev || entry.devOptional) continue;
    const name = path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
    const key = `${name}@${entry.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const text = licenseText(join(ROOT, path));
    const file = text ? fileName(`${name}-${entry.version}`) : undefined;
    if (text && file) texts.set(file, text);
    credits.push({
      name,
      version: entry.version ?? "",
      license: entry.license ?? "see its package",
      part: "page",
      ...(file ? { licenseFile: `licenses/${file}` } : {}),
    });
  }

  const pyodideLock = JSON.parse(
    readFileSync(join(ROOT, "node_modules/pyodide/pyodide-lock.json"), "utf8"),
  ) as { info: { python: string } };
  const pyodide = credits.find((credit) => credit.name === "pyodide");
  const mpl = "/usr/share/common-licenses/MPL-2.0";
  if (pyodide && !pyodide.licenseFile && existsSync(mpl)) {
    texts.set("pyodide.txt", readFileSync(mpl, "utf8"));
    pyodide.licenseFile = "licenses/pyodide.txt";
  }
  if (pyodide) pyodide.part = "python";
  const cpython = frameworks?.cpythonLicense;
  credits.push({
    name: "CPython",
    version: pyodideLock.info.python,
    license: "PSF-2.0",
    part: "python",
    note: cpython
      ? `the text is the PSF License Agreement as Debian ships it with its CPython (${cpython.debian})`
      : "the text is at https://docs.python.org/3/license.html",
    ...(cpython ? { licenseFile: `frameworks/${cpython.file}` } : {}),
  });

  for (const stack of frameworks?.stacks ?? []) {
    for (const pkg of stack.packages) {
      credits.push({
        name: pkg.name,
        version: pkg.version,
        license: pkg.license,
        part: "framework",
        note: `from Debian's ${pkg.debian}`,
        licenseFile: `frameworks/${pkg.licenseFile}`,
      });
    }
  }
  credits.sort(
    (a, b) =>
      ["python", "framework", "page"].indexOf(a.part) -
        ["python", "framework", "page"].indexOf(b.part) || a.name.localeCompare(b.name),
  );
  return { credits, texts };
}

/** The manifest next to the frameworks, if the build step wrote one. */
export function frameworksManifest(): FrameworkManifest | null {
  const path = join(FRAMEWORKS_DIR, "manifest.json");
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as FrameworkManifest) : null;
}
