/**
 * `npm run frameworks` (and every `vite build` and `vite dev`, through the
 * plugin in vite.config.ts): the Python web frameworks a project may import
 * — Flask with what it needs (Werkzeug, Jinja2, MarkupSafe, ItsDangerous,
 * Click, Blinker), Bottle, WebOb — fetched from Debian's archive, because
 * no npm package carries them and the Python package index is not
 * reachable from where the playground is built. They are pure Python, so
 * Debian's `all` packages (and MarkupSafe's pure fallback) run unchanged in
 * Pyodide's CPython.
 *
 * What it does, for each package at the upstream version pinned below:
 * `apt-get download` the Debian package (the archive's newest revision of
 * that upstream version, recorded), `dpkg-deb -x` it, keep its Python files
 * with their `.egg-info`/`.dist-info` (importlib.metadata reads them) and
 * Debian's copyright file (the license text, shipped with the site), compile
 * every module to a `.pyc` with Pyodide's own CPython (unchecked hashes, so
 * the import never reads the source to validate it; the source stays, for
 * tracebacks), and pack one gzipped tar per stack (the browser inflates it
 * natively as it arrives) into `build/frameworks/` with a
 * manifest the page and the runner read. The stacks' files are also left
 * unpacked in `build/site-packages/<stack>/`, for the tests' python3. A
 * second run with the same pins and the same Pyodide does nothing.
 *
 * Without Debian's package tools (macOS, say) it writes a manifest that says
 * so and the build goes on; `import flask` then tells the user how to get a
 * build that has them. `apt-get download` needs the archive's package lists:
 * as root it runs `apt-get update` once when they lack a package; any other
 * user is told to run `sudo apt-get update` once.
 *
 * Debian's side is `debian-archive.ts`; the compiling, `compile-stack.ts`.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { createTar } from "nanotar";
import { compileStack } from "./compile-stack.ts";
import { serverLibrary } from "./server-library.ts";
import { archiveVersions, download, has, pickVersion, run, unpack } from "./debian-archive.ts";
import type { FrameworkManifest, FrameworkStack } from "../src/frameworks/manifest";

/** The stacks, each one archive, and their Debian packages at pinned upstream versions. */
const STACKS: { name: string; title: string; modules: string[]; packages: [string, string][] }[] = [
  {
    name: "flask",
    title: "Flask",
    modules: ["blinker", "click", "flask", "itsdangerous", "jinja2", "markupsafe", "werkzeug"],
    packages: [
      ["python3-flask", "2.2.2"],
      ["python3-werkzeug", "2.2.2"],
      ["python3-jinja2", "3.1.2"],
      ["python3-markupsafe", "2.1.2"],
      ["python3-itsdangerous", "2.1.2"],
      ["python3-click", "8.1.3"],
      ["python3-blinker", "1.5"],
    ],
  },
  {
    name: "bottle",
    title: "Bottle",
    modules: ["bottle"],
    packages: [["python3-bottle", "0.12.23"]],
  },
  { name: "webob", title: "WebOb", modules: ["webob"], packages: [["python3-webob", "1.8.6"]] },
  {
    name: "paste",
    title: "Paste",
    modules: ["paste", "six"],
    packages: [
      ["python3-paste", "3.5.2"],
      ["python3-six", "1.16.0"],
    ],
  },
  {
    name: "waitress",
    title: "Waitress",
    modules: ["waitress"],
    packages: [["python3-waitress", "2.1.2"]],
  },
  {
    name: "gunicorn",
    title: "Gunicorn",
    modules: ["gunicorn"],
    packages: [["python3-gunicorn", "20.1.0"]],
  },
  {
    name: "cheroot",
    title: "Cheroot",
    modules: ["cheroot", "jaraco", "more_itertools"],
    packages: [
      ["python3-cheroot", "9.0.0"],
      ["python3-jaraco.functools", "3.5.0"],
      ["python3-more-itertools", "8.10.0"],
    ],
  },
];

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Where the stacks, their licenses and the manifest are written (not committed). */
/** Where it writes (`build/`; `WSGI_FRAMEWORKS_BUILD` moves it, for its own test). */
const BUILD = process.env.WSGI_FRAMEWORKS_BUILD ?? join(ROOT, "build");
export const FRAMEWORKS_DIR = join(BUILD, "frameworks");
const DEBS_DIR = join(BUILD, "debs");
/** Each stack's files unpacked, for python3 to import in the cross-check tests (not shipped). */
export const SITE_PACKAGES_DIR = join(BUILD, "site-packages");

const PYODIDE_VERSION = (
  JSON.parse(readFileSync(join(ROOT, "node_modules/pyodide/package.json"), "utf8")) as {
    version: string;
  }
).version;

/**
 * What a manifest was made from: a new pin, a new Pyodide (another .pyc
 * magic, other sources), this script or the server's modules make it stale.
 */
const SPEC = createHash("sha256")
  .update(JSON.stringify({ STACKS, PYODIDE_VERSION }))
  .update(
    ["frameworks.ts", "debian-archive.ts", "compile-stack.ts"]
      .map((name) => readFileSync(new URL(name, import.meta.url), "utf8"))
      .join("\n"),
  )
  .update(JSON.stringify(serverLibrary()))
  .digest("hex")
  .slice(0, 16);

/** Every module a stack provides, by the stack's title (the manifest has it even when the build has none). */
const EXPECTED = Object.fromEntries(
  STACKS.flatMap((stack) => stack.modules.map((module) => [module, stack.title])),
);

/** Every module a stack's files make importable, dotted: "werkzeug.middleware.proxy_fix". */
export function importableModules(paths: string[]): string[] {
  return paths
    .filter((path) => path.endsWith(".py") && !path.includes("-info/"))
    .map((path) =>
      path
        .slice(0, -3)
        .replace(/\/__init__$/, "")
        .replace(/\//g, "."),
    )
    .filter((name) => name.split(".").every((part) => /^[A-Za-z_]\w*$/.test(part)))
    .sort();
}

/**
 * CPython's license text for the credits: Pyodide's package has none, and
 * Debian's CPython carries the PSF License Agreement in its copyright file
 * (Debian's CPython is another minor version; the agreement is the same).
 */
function cpythonLicense(): Pick<FrameworkManifest, "cpythonLicense"> {
  const { out } = run("apt-cache", ["search", "--names-only", "^libpython3\\.[0-9]+-minimal$"]);
  const pkg = out
    .split("\n")
    .map((line) => line.split(" ")[0]!)
    .filter(Boolean)
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
    .at(-1);
  const version = pkg ? archiveVersions(pkg)[0] : undefined;
  if (!pkg || !version) return {};
  const into = mkdtempSync(join(tmpdir(), "wsgi-frameworks-"));
  try {
    if (!run("dpkg-deb", ["-x", download(pkg, version, DEBS_DIR), into]).ok) return {};
    const text = readFileSync(join(into, "usr/share/doc", pkg, "copyright"), "utf8");
    if (!text.includes("PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2")) return {};
    writeFileSync(join(FRAMEWORKS_DIR, "licenses/cpython.txt"), text);
    return { cpythonLicense: { debian: `${pkg} ${version}`, file: "licenses/cpython.txt" } };
  } finally {
    rmSync(into, { recursive: true, force: true });
  }
}

function writeManifest(manifest: FrameworkManifest) {
  mkdirSync(FRAMEWORKS_DIR, { recursive: true });
  writeFileSync(join(FRAMEWORKS_DIR, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
}

/** The manifest of the frameworks in build/frameworks, if it is there and current. */
export function readManifest(): FrameworkManifest | null {
  const path = join(FRAMEWORKS_DIR, "manifest.json");
  if (!existsSync(path)) return null;
  const manifest = JSON.parse(readFileSync(path, "utf8")) as FrameworkManifest;
  if (manifest.spec !== SPEC) return null;
  const complete = manifest.stacks.every(
    (stack) =>
      existsSync(join(FRAMEWORKS_DIR, stack.file)) &&
      existsSync(join(SITE_PACKAGES_DIR, stack.name)),
  );
  return complete ? manifest : null;
}

/** Fetch, compile and pack the stacks unless build/frameworks already has them; the manifest either way. */
export async function ensureFrameworks(
  log: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<FrameworkManifest> {
  const current = readManifest();
  if (current?.available) return current;
  const missing = ["apt-get", "apt-cache", "dpkg-deb"].filter((tool) => !has(tool));
  const without = (reason: string): FrameworkManifest => {
    const manifest: FrameworkManifest = {
      spec: SPEC,
      available: false,
      reason,
      expected: EXPECTED,
      stacks: [],
    };
    log(`frameworks: none in this build: ${reason}. import flask will say so.`);
    writeManifest(manifest);
    return manifest;
  };
  if (missing.length > 0) {
    return without(`it was made without Debian's package tools (${missing.join(", ")} not found)`);
  }
  try {
    return await packStacks(log);
  } catch (error) {
    return without(error instanceof Error ? error.message : String(error));
  }
}

/** Fetch, compile and pack every stack into build/frameworks. */
async function packStacks(log: (line: string) => void): Promise<FrameworkManifest> {
  rmSync(FRAMEWORKS_DIR, { recursive: true, force: true });
  rmSync(SITE_PACKAGES_DIR, { recursive: true, force: true });
  mkdirSync(join(FRAMEWORKS_DIR, "licenses"), { recursive: true });
  const updated = { done: false };
  const stacks: FrameworkStack[] = [];
  for (const stack of STACKS) {
    const unpacked = stack.packages.map(([pkg, upstream]) =>
      unpack(pkg, pickVersion(pkg, upstream, updated), DEBS_DIR),
    );
    const found = [...new Set(unpacked.flatMap((one) => one.info.modules))].sort();
    if (found.join() !== stack.modules.join()) {
      throw new Error(
        `${stack.title}'s packages hold the modules ${found.join(", ")}; scripts/frameworks.ts expects ${stack.modules.join(", ")}.`,
      );
    }
    const files = new Map(unpacked.flatMap((one) => [...one.files]));
    const compiled = await compileStack(files, importableModules([...files.keys()]));
    const entries = [
      ...[...files].map(([path, bytes]) => ({ name: `site-packages/${path}`, data: bytes })),
      ...[...compiled].map(([name, data]) => ({ name, data })),
    ];
    const long = entries.find((entry) => entry.name.length > 99);
    if (long) throw new Error(`${long.name}: a tar name holds 99 characters at most`);
    // A fixed date and owner: the same packages make the same bytes, so the same name, on every machine.
    const tar = createTar(entries, {
      attrs: { mtime: 315_619_200_000, uid: 0, gid: 0, mode: "644" },
    });
    const zip = gzipSync(tar, { level: 9 });
    const hash = createHash("sha256").update(zip).digest("hex").slice(0, 10);
    const file = `${stack.name}-${hash}.tar.gz`;
    writeFileSync(join(FRAMEWORKS_DIR, file), zip);
    const python3 = join(SITE_PACKAGES_DIR, stack.name);
    for (const [path, bytes] of files) {
      mkdirSync(dirname(join(python3, path)), { recursive: true });
      writeFileSync(join(python3, path), bytes);
    }
    for (const one of unpacked)
      writeFileSync(join(FRAMEWORKS_DIR, one.info.licenseFile), one.license);
    stacks.push({
      name: stack.name,
      title: stack.title,
      file,
      bytes: zip.length,
      modules: found,
      importable: importableModules([...files.keys()]),
      packages: unpacked.map((one) => one.info),
    });
    log(
      `frameworks: ${file} (${(zip.length / 1024).toFixed(0)} KB): ${unpacked.map((one) => `${one.info.name} ${one.info.version}`).join(", ")}`,
    );
  }
  const manifest: FrameworkManifest = {
    spec: SPEC,
    available: true,
    expected: EXPECTED,
    stacks,
    ...cpythonLicense(),
  };
  writeManifest(manifest);
  return manifest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void ensureFrameworks().then((manifest) => process.exit(manifest.available ? 0 : 1));
}
