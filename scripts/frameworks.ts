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
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { createTar } from "nanotar";
import type {
  FrameworkManifest,
  FrameworkPackage,
  FrameworkStack,
} from "../src/frameworks/manifest";

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
];

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Where the stacks, their licenses and the manifest are written (not committed). */
/** Where it writes (`build/`; `WSGI_FRAMEWORKS_BUILD` moves it, for its own test). */
const BUILD = process.env.WSGI_FRAMEWORKS_BUILD ?? join(ROOT, "build");
export const FRAMEWORKS_DIR = join(BUILD, "frameworks");
const DEBS_DIR = join(BUILD, "debs");
/** Each stack's files unpacked, for python3 to import in the cross-check tests (not shipped). */
export const SITE_PACKAGES_DIR = join(BUILD, "site-packages");
/** CPython's library folder in Pyodide: the archives unpack there. */
export const PYTHON_LIB = "/lib/python3.12";
/** Where it finds installed packages (the stacks' files, `site-packages/…` in an archive). */
const SITE_PACKAGES = `${PYTHON_LIB}/site-packages`;
/** The standard-library modules a stack imports, compiled (see playground_precompiled.py). */
const PYC_DIR = `${PYTHON_LIB}/playground-pyc`;
const DIST_PACKAGES = "usr/lib/python3/dist-packages";

const PYODIDE_VERSION = (
  JSON.parse(readFileSync(join(ROOT, "node_modules/pyodide/package.json"), "utf8")) as {
    version: string;
  }
).version;

/** The playground's server modules: what they import before any build is no stack's to compile. */
const SERVER_MODULES = [
  "playground_server.py",
  "playground_load.py",
  "playground_observe.py",
  "playground_layers.py",
  "playground_layer_findings.py",
  "playground_frameworks.py",
  "playground_precompiled.py",
  "paste/__init__.py",
  "paste/httpserver.py",
];
const SERVER_DIR = join(ROOT, "src/runner/python");

/**
 * What a manifest was made from: a new pin, a new Pyodide (another .pyc
 * magic, other sources), this script or the server's modules make it stale.
 */
const SPEC = createHash("sha256")
  .update(JSON.stringify({ STACKS, PYODIDE_VERSION }))
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .update(SERVER_MODULES.map((path) => readFileSync(join(SERVER_DIR, path), "utf8")).join("\n"))
  .digest("hex")
  .slice(0, 16);

/** Every module a stack provides, by the stack's title (the manifest has it even when the build has none). */
const EXPECTED = Object.fromEntries(
  STACKS.flatMap((stack) => stack.modules.map((module) => [module, stack.title])),
);

function run(command: string, args: string[], cwd?: string) {
  const child = spawnSync(command, args, { cwd, encoding: "utf8" });
  return {
    ok: child.status === 0,
    out: child.stdout ?? "",
    err: (child.stderr ?? "") + (child.error?.message ?? ""),
  };
}

function has(command: string): boolean {
  return run("sh", ["-c", `command -v ${command}`]).ok;
}

/** "1:1.8.6-3" → "1.8.6": the upstream part of a Debian version. */
export function upstreamVersion(debian: string): string {
  const noEpoch = debian.includes(":") ? debian.slice(debian.indexOf(":") + 1) : debian;
  const dash = noEpoch.lastIndexOf("-");
  return dash === -1 ? noEpoch : noEpoch.slice(0, dash);
}

/** The archive's versions of `pkg`, newest first (apt-cache madison lists them so). */
function archiveVersions(pkg: string): string[] {
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
function pickVersion(pkg: string, upstream: string, updated: { done: boolean }): string {
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

/** The .deb of `pkg` at `version`, downloaded once into build/debs. */
function download(pkg: string, version: string): string {
  mkdirSync(DEBS_DIR, { recursive: true });
  const file = readdirSync(DEBS_DIR).find((name) => {
    const info = run("dpkg-deb", ["-f", join(DEBS_DIR, name), "Package", "Version"]);
    return (
      info.ok &&
      info.out.includes(`Package: ${pkg}\n`) &&
      info.out.includes(`Version: ${version}\n`)
    );
  });
  if (file) return join(DEBS_DIR, file);
  const fetched = run("apt-get", ["download", "-qq", `${pkg}=${version}`], DEBS_DIR);
  if (!fetched.ok) throw new Error(`apt-get download ${pkg}=${version} failed:\n${fetched.err}`);
  return download(pkg, version);
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

interface Unpacked {
  info: FrameworkPackage;
  /** Its files under site-packages, by path. */
  files: Map<string, Uint8Array>;
  license: string;
}

function unpack(pkg: string, version: string): Unpacked {
  const deb = download(pkg, version);
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
      if (/\.(egg|dist)-info\/(PKG-INFO|METADATA)$/.test(path))
        meta = metadata(bytes.toString("utf8"));
    }
    const license = readFileSync(join(into, "usr/share/doc", pkg, "copyright"), "utf8");
    const tops = [...files.keys()]
      .filter((path) => !path.includes(".egg-info/") && !path.includes(".dist-info/"))
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

/**
 * The compiled code a stack carries, by its path under CPython's library
 * folder (the archive's root): each of its modules' .pyc, next to the source,
 * and the standard-library modules importing the stack brings in, as
 * `playground-pyc/<module>.pyc` (see playground_precompiled.py). Compiled
 * by Pyodide's CPython, with unchecked hashes: the import never reads the
 * source to validate them (the same sources are in the same Pyodide).
 */
async function compile(
  files: Map<string, Uint8Array>,
  importable: string[],
): Promise<Map<string, Uint8Array>> {
  const { loadPyodide } = await import("pyodide");
  // A CPython of its own per stack: its site-packages then holds that stack only.
  const pyodide = await loadPyodide({ indexURL: join(ROOT, "node_modules/pyodide") + "/" });
  const fs = pyodide.FS;
  for (const [path, bytes] of files) {
    if (!path.endsWith(".py")) continue;
    fs.mkdirTree(dirname(`${SITE_PACKAGES}/${path}`));
    fs.writeFile(`${SITE_PACKAGES}/${path}`, bytes);
  }
  // The playground's server, as the runner has it before any build: what it imports is no stack's.
  fs.mkdirTree("/playground/paste");
  for (const path of SERVER_MODULES)
    fs.writeFile(`/playground/${path}`, readFileSync(join(SERVER_DIR, path)));
  pyodide.runPython("import sys; sys.path.insert(0, '/playground'); import playground_server");
  const failed = pyodide.runPython(`
import compileall, contextlib, importlib, importlib.util, io, marshal, os, py_compile, sys
out = io.StringIO()
with contextlib.redirect_stdout(out):
    ok = compileall.compile_dir(${JSON.stringify(SITE_PACKAGES)}, quiet=1,
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
if ok:
    before = set(sys.modules)
    for name in ${JSON.stringify(importable)}:
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                importlib.import_module(name)
        except BaseException:
            pass  # a module for another platform, or an optional dependency missing
    os.makedirs(${JSON.stringify(PYC_DIR)}, exist_ok=True)
    for name, module in sorted(sys.modules.items()):
        origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
        if name in before or not origin.startswith("/lib/python312.zip/") or not origin.endswith(".py"):
            continue
        source = module.__spec__.loader.get_source(name)
        code = compile(source, origin, "exec", dont_inherit=True)
        data = bytearray(importlib.util.MAGIC_NUMBER)
        data += (0b01).to_bytes(4, "little")  # hash-based, unchecked
        data += importlib.util.source_hash(source.encode("utf-8"))
        data += marshal.dumps(code)
        with open(os.path.join(${JSON.stringify(PYC_DIR)}, name + ".pyc"), "wb") as pyc:
            pyc.write(data)
"" if ok else out.getvalue()
`) as string;
  if (failed) throw new Error(`Pyodide's CPython could not compile the frameworks:\n${failed}`);
  const compiled = new Map<string, Uint8Array>();
  const read = (dir: string) => {
    for (const name of fs.readdir(dir) as string[]) {
      if (name === "." || name === "..") continue;
      const full = `${dir}/${name}`;
      if (fs.isDir(fs.stat(full).mode)) read(full);
      else if (name.endsWith(".pyc"))
        compiled.set(full.slice(PYTHON_LIB.length + 1), fs.readFile(full));
    }
  };
  read(SITE_PACKAGES);
  read(PYC_DIR);
  return compiled;
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
    if (!run("dpkg-deb", ["-x", download(pkg, version), into]).ok) return {};
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
      unpack(pkg, pickVersion(pkg, upstream, updated)),
    );
    const found = [...new Set(unpacked.flatMap((one) => one.info.modules))].sort();
    if (found.join() !== stack.modules.join()) {
      throw new Error(
        `${stack.title}'s packages hold the modules ${found.join(", ")}; scripts/frameworks.ts expects ${stack.modules.join(", ")}.`,
      );
    }
    const files = new Map(unpacked.flatMap((one) => [...one.files]));
    const compiled = await compile(files, importableModules([...files.keys()]));
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
