/// <reference types="vitest/config" />
/**
 * Vite builds the page, its workers (compiler, runner, Monaco's) and, as a
 * separate self-contained script with a fixed name, the service worker
 * (`sw.js`, next to index.html so its scope covers the page). `base: "./"`
 * makes every URL relative, so the same build works at the root of an origin
 * or under any sub-path of a static host.
 */
import { createReadStream } from "node:fs";
import { copyFile, cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { build, createLogger, defineConfig, type Plugin } from "vite";
import { collectCredits, frameworksManifest as builtManifest } from "./scripts/credits.ts";
import { ensureFrameworks, FRAMEWORKS_DIR, readManifest } from "./scripts/frameworks.ts";
import { preloadMain } from "./scripts/preload-main.ts";
import { ensureSnapshot, readSnapshotManifest, SNAPSHOT_DIR } from "./scripts/python-snapshot.ts";
import { runtimeDeclaration } from "./scripts/runtime-declarations.ts";
import { sandboxOrigin } from "./scripts/sandbox-origin.ts";
import { buildProject } from "./src/compiler/build-project.ts";
import { newProjectContent } from "./src/share/project-state.ts";

const swEntry = fileURLToPath(new URL("./src/sw/service-worker.ts", import.meta.url));

/**
 * Every file of the build in `outDir`, by its path there, but the service
 * worker itself and the host's `_headers` (the benchmark's floor page is
 * copied in later, and is not the site's).
 */
async function siteFiles(outDir: string): Promise<string[]> {
  const paths = (await readdir(outDir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => relative(outDir, join(entry.parentPath, entry.name)).split("\\").join("/"));
  return paths.filter((path) => path !== "sw.js" && path !== "_headers").sort();
}

/** Serve `sw.js` in dev (as a module) and build it as one classic script. */
function serviceWorker(): Plugin {
  let outDir = "dist";
  let building = false;
  return {
    name: "wsgi-playground:service-worker",
    configResolved(config) {
      outDir = config.build.outDir;
      // Vitest resolves this config too; only a real build writes sw.js.
      building = config.command === "build" && !process.env.VITEST;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split("?")[0] !== "/sw.js") return next();
        res.setHeader("Content-Type", "text/javascript");
        res.setHeader("Service-Worker-Allowed", "/");
        res.end(`import "/src/sw/service-worker.ts";\n`);
      });
    },
    async closeBundle() {
      if (!building) return;
      await build({
        configFile: false,
        logLevel: "warn",
        // What the worker keeps for a visit without the network (see src/sw/site-cache.ts).
        define: { __SITE_FILES__: JSON.stringify(await siteFiles(outDir)) },
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          rolldownOptions: { checks: { pluginTimings: false } },
          lib: {
            entry: swEntry,
            formats: ["iife"],
            name: "wsgiPlaygroundServiceWorker",
            fileName: () => "sw.js",
          },
        },
      });
    },
  };
}

/** Pyodide's version: its files are served together from `pyodide/<version>/`. */
const PYODIDE_VERSION = JSON.parse(
  await readFile(new URL("./node_modules/pyodide/package.json", import.meta.url), "utf8"),
).version as string;
/** The bytes `loadPyodide` fetches (the runtime's wasm, the standard library, the lock file), for its progress bar. */
const PYODIDE_BYTES = (
  await Promise.all(
    ["pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"].map(
      async (name) =>
        (await readFile(new URL(`./node_modules/pyodide/${name}`, import.meta.url))).length,
    ),
  )
).reduce((a, b) => a + b, 0);
/** What `loadPyodide` fetches from its folder: the runtime, the standard library, the lock file. */
const PYODIDE_FILES: Record<string, string> = {
  "pyodide.asm.js": "text/javascript",
  "pyodide.asm.wasm": "application/wasm",
  "python_stdlib.zip": "application/zip",
  "pyodide-lock.json": "application/json",
};

/**
 * Pyodide's files, from the site's own origin, in one versioned folder
 * (`loadPyodide({indexURL})` fetches them by name, so they cannot be hashed
 * assets): copied next to the build, served from node_modules in dev.
 */
function pyodideFiles(): Plugin {
  let outDir = "dist";
  let building = false;
  const folder = `pyodide/${PYODIDE_VERSION}/`;
  const source = (name: string) =>
    fileURLToPath(new URL(`./node_modules/pyodide/${name}`, import.meta.url));
  return {
    name: "wsgi-playground:pyodide",
    configResolved(config) {
      outDir = config.build.outDir;
      building = config.command === "build" && !process.env.VITEST;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split("?")[0] ?? "";
        const name = path.startsWith(`/${folder}`) ? path.slice(folder.length + 1) : "";
        const type = PYODIDE_FILES[name];
        if (!type) return next();
        res.setHeader("Content-Type", type);
        createReadStream(source(name)).pipe(res);
      });
    },
    async writeBundle() {
      if (!building) return;
      await mkdir(`${outDir}/${folder}`, { recursive: true });
      for (const name of Object.keys(PYODIDE_FILES)) {
        await copyFile(source(name), `${outDir}/${folder}${name}`);
      }
    },
  };
}

/**
 * The Python frameworks from Debian's archive (`scripts/frameworks.ts`):
 * fetched and packed before a build or the dev server starts (once: later
 * runs find them), served from `frameworks/` in dev, copied there next to
 * the build. Their zips' names hold a hash of their bytes.
 */
function frameworkFiles(): Plugin {
  let outDir = "dist";
  let building = false;
  let active = false;
  return {
    name: "wsgi-playground:frameworks",
    configResolved(config) {
      outDir = config.build.outDir;
      active = !process.env.VITEST;
      building = config.command === "build" && active;
    },
    async buildStart() {
      if (active) await ensureFrameworks((line) => this.info(line));
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split("?")[0] ?? "";
        const name = path.startsWith("/frameworks/") ? path.slice("/frameworks/".length) : "";
        if (!/^(licenses\/)?[\w.+-]+\.(tar\.gz|txt)$/.test(name)) return next();
        res.setHeader(
          "Content-Type",
          name.endsWith(".gz") ? "application/gzip" : "text/plain; charset=utf-8",
        );
        createReadStream(join(FRAMEWORKS_DIR, name))
          .on("error", () => next())
          .pipe(res);
      });
    },
    async writeBundle() {
      if (!building || !readManifest()) return;
      await cp(FRAMEWORKS_DIR, `${outDir}/frameworks`, {
        recursive: true,
        filter: (source) => !source.endsWith("manifest.json"),
      });
    },
  };
}

/**
 * `virtual:frameworks`: the frameworks' manifest, for the page (About, the
 * editor's completions) and the Python runner (which zip an import needs).
 * Under Vitest, whatever `npm run frameworks` last made, or none.
 */
function frameworksManifest(): Plugin {
  const id = "virtual:frameworks";
  return {
    name: "wsgi-playground:frameworks-manifest",
    resolveId: (source) => (source === id ? `\0${id}` : null),
    async load(resolved) {
      if (resolved !== `\0${id}`) return null;
      const manifest = process.env.VITEST
        ? readManifest()
        : await ensureFrameworks(() => undefined);
      const none = {
        spec: "",
        available: false,
        reason: "`npm run frameworks` has not run",
        expected: {},
        stacks: [],
      };
      return `export default ${JSON.stringify(manifest ?? none)};`;
    },
  };
}

/**
 * The Python runner's memory snapshot (`scripts/python-snapshot.ts`): made
 * before a build or the dev server starts when what it is made from
 * changed, served from `python/` in dev, copied there next to the build;
 * `virtual:python-snapshot` names it for the runner (null under Vitest, whose
 * tests make their own).
 */
function pythonSnapshot(): Plugin {
  const id = "virtual:python-snapshot";
  let outDir = "dist";
  let building = false;
  let active = false;
  let made: ReturnType<typeof ensureSnapshot> | null = null;
  const ensure = (log: (line: string) => void) => (made ??= ensureSnapshot(log));
  return {
    name: "wsgi-playground:python-snapshot",
    configResolved(config) {
      outDir = config.build.outDir;
      active = !process.env.VITEST;
      building = config.command === "build" && active;
    },
    async buildStart() {
      if (active) await ensure((line) => this.info(line));
    },
    resolveId: (source) => (source === id ? `\0${id}` : null),
    async load(resolved) {
      if (resolved !== `\0${id}`) return null;
      // Worker builds get plugins of their own, which may not see configResolved.
      const manifest = process.env.VITEST ? null : await ensure(() => undefined);
      return `export default ${JSON.stringify(manifest)};`;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = req.url?.split("?")[0]?.match(/^\/python\/(snapshot-\w+\.bin\.gz)$/)?.[1];
        if (!name) return next();
        res.setHeader("Content-Type", "application/gzip");
        createReadStream(join(SNAPSHOT_DIR, name))
          .on("error", () => next())
          .pipe(res);
      });
    },
    async writeBundle() {
      const manifest = building ? readSnapshotManifest() : null;
      if (!manifest) return;
      await mkdir(`${outDir}/python`, { recursive: true });
      await copyFile(join(SNAPSHOT_DIR, manifest.file), `${outDir}/python/${manifest.file}`);
    },
  };
}

/**
 * `virtual:credits`: every third-party package the site ships, for the
 * About dialog (see scripts/credits.ts); their license texts are written to
 * `licenses/` next to the build, served from memory in dev.
 */
function credits(): Plugin {
  const id = "virtual:credits";
  let outDir = "dist";
  let building = false;
  const collect = () => collectCredits(builtManifest());
  return {
    name: "wsgi-playground:credits",
    configResolved(config) {
      outDir = config.build.outDir;
      building = config.command === "build" && !process.env.VITEST;
    },
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(resolved) {
      if (resolved !== `\0${id}`) return null;
      return `export default ${JSON.stringify(collect().credits)};`;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split("?")[0] ?? "";
        const text = path.startsWith("/licenses/")
          ? collect().texts.get(path.slice("/licenses/".length))
          : undefined;
        if (text === undefined) return next();
        res.setHeader("Content-Type", "text/plain; charset=utf-8");
        res.end(text);
      });
    },
    async writeBundle() {
      if (!building) return;
      await mkdir(`${outDir}/licenses`, { recursive: true });
      for (const [file, text] of collect().texts)
        await writeFile(`${outDir}/licenses/${file}`, text);
    },
  };
}

/**
 * `import x from "./file.ts?dts"`: the declaration text of a runtime module,
 * made with TypeScript's isolated-declarations transpiler, for Monaco.
 */
function declarations(): Plugin {
  return {
    name: "wsgi-playground:dts",
    enforce: "pre",
    load: {
      // Only these ids reach the hook (not every module of the build).
      filter: { id: /\?dts$/ },
      async handler(id) {
        const file = id.slice(0, -"?dts".length);
        const { text, problems } = runtimeDeclaration(file, await readFile(file, "utf8"));
        if (problems.length > 0)
          this.error(`${file}: cannot make declarations:\n${problems.join("\n")}`);
        return `export default ${JSON.stringify(text)};`;
      },
    },
  };
}

/**
 * `virtual:precompiled`: the new project's app, bundled at build time by the
 * same esbuild (the wasm build, run here in Node) with the same options as
 * the compiler Worker, so a first visit answers without waiting for esbuild.
 */
function precompiled(): Plugin {
  const id = "virtual:precompiled";
  return {
    name: "wsgi-playground:precompiled",
    resolveId: (source) => (source === id ? `\0${id}` : null),
    async load(resolved) {
      if (resolved !== `\0${id}`) return null;
      const esbuild = await import("esbuild-wasm");
      const { files, entry } = newProjectContent("typescript");
      const { code } = await buildProject(esbuild, files, entry);
      const bundles = { [JSON.stringify([entry, files])]: code };
      return `export default ${JSON.stringify(bundles)};`;
    },
  };
}

/**
 * Vite's logger, less what is expected: Pyodide's module names Node's
 * built-ins (`node:fs`, …) for when it runs in Node, and Vite says each is
 * left out of the browser build, where that code never runs.
 */
function quietLogger() {
  const logger = createLogger();
  const warn = logger.warn.bind(logger);
  logger.warn = (message, options) => {
    if (/Module "node:[\w/]+" has been externalized .*pyodide/.test(message)) return;
    warn(message, options);
  };
  return logger;
}

/**
 * Cross-origin isolation: the page may then share memory with its Workers
 * (a SharedArrayBuffer), which is how a runaway Python app is interrupted
 * where it runs, with its traceback, instead of its Worker being killed.
 * `credentialless` keeps the preview's links to other sites' files working
 * (they load without cookies). Static hosts set the same two headers (see
 * the README); without them the playground works, and stops runaways the
 * old way.
 */
const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "credentialless",
  // The sandbox page is the playground's frame from another origin (see scripts/sandbox-origin.ts).
  "Cross-Origin-Resource-Policy": "cross-origin",
};

export default defineConfig({
  customLogger: quietLogger(),
  test: { include: ["src/**/*.test.ts", "scripts/**/*.test.ts"], environment: "node" },
  base: "./",
  plugins: [
    react(),
    declarations(),
    serviceWorker(),
    precompiled(),
    pyodideFiles(),
    frameworkFiles(),
    frameworksManifest(),
    pythonSnapshot(),
    credits(),
    sandboxOrigin(),
    preloadMain(),
  ],
  // The workers are built on their own, with their own options: their plugin timings are as unwanted.
  worker: {
    format: "es",
    plugins: () => [frameworksManifest(), pythonSnapshot()],
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  // Tells one build of the playground from the next (cached bundles are per build).
  define: {
    __BUILD_ID__: JSON.stringify(Date.now().toString(36)),
    __PYODIDE_VERSION__: JSON.stringify(PYODIDE_VERSION),
    __PYODIDE_BYTES__: JSON.stringify(PYODIDE_BYTES),
    // The service worker's build names the site's files; in dev there is nothing to keep.
    __SITE_FILES__: "null",
  },
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 8000,
    rolldownOptions: {
      // The playground, and the sandbox page its user code runs in (on an origin of its own).
      input: { index: "index.html", sandbox: "sandbox.html" },
      // Timings of the build's plugins are for profiling it, not for every build.
      checks: { pluginTimings: false },
    },
  },
  server: { port: 5173, headers: ISOLATION_HEADERS },
  preview: { port: 4173, strictPort: true, headers: ISOLATION_HEADERS },
});
