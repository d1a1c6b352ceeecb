/**
 * @module python-server
 * CPython (Pyodide) with the playground's server module: load a project's
 * sources and run its entry as `__main__`, then serve request records
 * through CPython's own wsgiref (see `python/playground_server.py`). The
 * Python runner Worker wraps it; the unit tests run it in Node.
 */
import { parseTar } from "nanotar";
import { loadPyodide, type PyodideInterface } from "pyodide";
import type { PyProxy } from "pyodide/ffi";
import { describeRequest, requestBytes } from "../wsgi/environ";
import { keptBytes, parseHttpRequest } from "../wsgi/http-request";
import type { FrameworkManifest, FrameworkStack } from "../frameworks/manifest";
import { SERVER_MODULES, type ServerChoice } from "../servers/choice";
import type {
  RequestRecord,
  ResponseRecord,
  RunningLine,
  ServerAnswer,
  SourceLocation,
} from "../wsgi/records";
import type { ServeProgress } from "../wsgi/serve-progress";
import { installLibrary, makeSnapshot, PROJECT, restored, SNAPSHOT_START } from "./python-setup";
import { responseFromBytes, type PythonReport } from "./python-response";
import { PythonTerminal, type TerminalHooks } from "./python-terminal";
import type { TerminalOut } from "./terminal-out";

/** The server's modules, by their path in `python/` (the build's snapshot step reads the same folder). */
export const LIBRARY_FILES: Record<string, string> = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>("./python/**/*.py", { query: "?raw", import: "default", eager: true }),
  ).map(([path, source]) => [path.slice("./python/".length), source]),
);

/** The connection a request came on, as the Python server takes it: host, port, client, mount, scheme. */
function connectionOf(request: RequestRecord): [string, number, string, string, string] {
  return [
    request.server?.name ?? "localhost",
    Number(request.server?.port ?? "80"),
    request.remoteAddr ?? "127.0.0.1",
    request.scriptName ?? "",
    request.urlScheme ?? "http",
  ];
}

/** Where the framework stacks come from: the build's manifest, and a way to fetch a stack's zip. */
export interface FrameworkSource {
  manifest: FrameworkManifest;
  /** The stack's tar, inflated (in the browser: fetched from the site, its progress told). */
  fetch(stack: FrameworkStack): Promise<Uint8Array>;
}

/** CPython's library folder: a stack's archive unpacks there (`site-packages/…`, and compiled code). */
const PYTHON_LIB = "/lib/python3.12";

/** Why a project did not load: the traceback and fixes, where it failed, the error in a line. */
export interface LoadFailure {
  error: string;
  location?: SourceLocation;
  summary?: string;
}

/** CPython with the playground's server loaded. */
export class PythonServer {
  private readonly pyodide: PyodideInterface;
  private readonly server: PyProxy;
  private readonly frameworks: FrameworkSource | null;
  /** The stacks unpacked so far, by name (a stack stays for every later build). */
  private readonly installed = new Set<string>();
  /** The files `prepare` last wrote, so `load` does not write them again. */
  private written: Record<string, string> | null = null;
  /** Where the last load or request was when a KeyboardInterrupt stopped it, else null. */
  lastInterrupt: RunningLine | null = null;
  /** Whether CPython was restored from a snapshot or started. */
  startedFrom: "snapshot" | "start" = "start";
  /** Why a snapshot given to `start` could not be restored, else null. */
  notRestored: string | null = null;
  /** What the start cost: loading CPython (started or restored), then the server on top. */
  startMs = { runtime: 0, setup: 0 };

  private constructor(
    pyodide: PyodideInterface,
    server: PyProxy,
    frameworks: FrameworkSource | null,
  ) {
    this.pyodide = pyodide;
    this.server = server;
    this.frameworks = frameworks;
  }

  /**
   * Start CPython from Pyodide's files at `indexURL` (in Node: the package's
   * own folder); `frameworks`, the stacks a project may import; `snapshot`,
   * a memory snapshot of this server (see `python-setup.ts`) to restore
   * instead of starting CPython: one that cannot be restored (another
   * Pyodide's, damaged) gives a plain start, and `startedFrom` says which.
   */
  static async start(
    indexURL?: string,
    frameworks?: FrameworkSource,
    snapshot?: Promise<Uint8Array>,
  ): Promise<PythonServer> {
    const options = {
      ...(indexURL ? { indexURL } : {}),
      // Only the user's output matters, and the server module catches it.
      stdout: () => undefined,
      stderr: () => undefined,
    };
    const began = performance.now();
    let pyodide: PyodideInterface | null = null;
    let notRestored: string | null = null;
    let loaded = began;
    if (snapshot) {
      try {
        // Pyodide's files load while the snapshot is fetched; it waits for it before CPython's memory is made.
        pyodide = await loadPyodide({ ...options, _loadSnapshot: snapshot });
        loaded = performance.now();
        installLibrary(pyodide, LIBRARY_FILES);
        restored(pyodide);
      } catch (error) {
        pyodide = null;
        notRestored = error instanceof Error ? error.message : String(error);
      }
    }
    if (!pyodide) {
      pyodide = await loadPyodide(options);
      loaded = performance.now();
      installLibrary(pyodide, LIBRARY_FILES);
    }
    const manifest = frameworks?.manifest;
    const module = pyodide.pyimport("playground_frameworks") as PyProxy;
    const configure = module.configure as (expected: unknown, reason: string | null) => void;
    const expected = pyodide.toPy(manifest?.expected ?? {}) as PyProxy;
    configure(
      expected,
      manifest?.available ? null : (manifest?.reason ?? "it was made without them"),
    );
    expected.destroy();
    module.destroy();
    const server = pyodide.pyimport("playground_server") as PyProxy;
    const python = new PythonServer(pyodide, server, frameworks ?? null);
    python.startedFrom = snapshot && !notRestored ? "snapshot" : "start";
    python.notRestored = notRestored;
    python.startMs = { runtime: loaded - began, setup: performance.now() - loaded };
    return python;
  }

  /**
   * A memory snapshot of a new server (what the build ships, and the tests
   * restore): CPython started as a browser's is, the server imported.
   */
  static async snapshot(indexURL?: string): Promise<Uint8Array> {
    return makeSnapshot(
      await loadPyodide({ ...(indexURL ? { indexURL } : {}), ...SNAPSHOT_START }),
      LIBRARY_FILES,
    );
  }

  /**
   * Write the project's files, and unpack the framework stacks they import
   * that are not yet there; null, or why a stack could not be had.
   */
  async prepare(files: Record<string, string>, server?: ServerChoice): Promise<LoadFailure | null> {
    this.writeProject(files);
    this.written = files;
    if (!this.frameworks?.manifest.available) return null;
    const module = this.pyodide.pyimport("playground_frameworks") as PyProxy;
    const names = (module.wanted as () => PyProxy)();
    const modules = names.toJs() as string[];
    names.destroy();
    module.destroy();
    // A chosen server's stack, whatever the project imports.
    const chosen = server ? SERVER_MODULES[server] : undefined;
    if (chosen) modules.push(chosen);
    return this.install(modules);
  }

  /** Unpack the stacks of the servers in `servers` that are not yet there (the Servers tab's); null, or why not. */
  async prepareServers(servers: readonly ServerChoice[]): Promise<LoadFailure | null> {
    if (!this.frameworks?.manifest.available) return null;
    return this.install(servers.flatMap((server) => SERVER_MODULES[server] ?? []));
  }

  /** Unpack the stacks that provide `modules`, those not yet there; null, or why one could not be had. */
  private async install(modules: string[]): Promise<LoadFailure | null> {
    const source = this.frameworks!;
    const stacks = source.manifest.stacks.filter(
      (stack) => !this.installed.has(stack.name) && stack.modules.some((m) => modules.includes(m)),
    );
    for (const stack of stacks) {
      try {
        const bytes = await source.fetch(stack);
        this.unpack(bytes);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        const summary = `${stack.title} could not be loaded: ${why}`;
        return {
          error: `${summary}\n\n(The project imports ${stack.modules.filter((m) => modules.includes(m)).join(", ")}.)`,
          summary,
        };
      }
      this.installed.add(stack.name);
    }
    if (stacks.length > 0)
      this.pyodide.runPython(
        "import playground_load, playground_precompiled\nplayground_load.invalidate_caches()\nplayground_precompiled.refresh()",
      );
    return null;
  }

  /** The same request's bytes through each server in `servers`, each running the module afresh (the Servers tab). */
  private compare(
    request: RequestRecord,
    raw: Uint8Array,
    servers: readonly ServerChoice[],
    buildId: number,
  ): ServerAnswer[] {
    const module = this.pyodide.pyimport("playground_compare") as PyProxy;
    const results = (module.compare_for_runner as (...args: unknown[]) => PyProxy)(
      raw,
      ...connectionOf(request),
      servers.filter((server) => server !== "code"),
    );
    module.destroy();
    const answers: ServerAnswer[] = [];
    for (const result of results as unknown as Iterable<PyProxy>) {
      const server = result.get(0) as ServerChoice;
      const sent = result.get(1) as PyProxy | null | undefined;
      const report = JSON.parse(result.get(2) as string) as PythonReport & { error?: string };
      if (sent) {
        const bytes = sent.toJs() as Uint8Array;
        sent.destroy();
        answers.push({ server, response: responseFromBytes(bytes, report, buildId) });
      } else answers.push({ server, error: report.error ?? "The build failed." });
      result.destroy();
    }
    results.destroy();
    return answers;
  }

  /** Connect CPython's streams and standard input to the terminal (see `python-terminal.ts`). */
  terminal(
    out: TerminalOut,
    buffer: SharedArrayBuffer | null,
    hooks: TerminalHooks,
  ): PythonTerminal {
    return new PythonTerminal(this.pyodide, out, buffer, hooks);
  }

  /** Let the page interrupt CPython through `buffer` (see `interrupt.ts`). */
  interruptWith(buffer: Int32Array): void {
    this.pyodide.setInterruptBuffer(buffer);
  }

  /** The bytes of CPython's WebAssembly memory now (it grows, never shrinks). */
  memoryBytes(): number {
    // Not in Pyodide's typed API: its Emscripten module, whose heap is the memory.
    const module = (this.pyodide as unknown as { _module?: { HEAPU8?: Uint8Array } })._module;
    return module?.HEAPU8?.length ?? 0;
  }

  /** A stack's tar (inflated) into CPython's library folder. */
  private unpack(tar: Uint8Array) {
    const fs = this.pyodide.FS;
    for (const entry of parseTar(tar)) {
      if (entry.type !== "file") continue;
      const full = `${PYTHON_LIB}/${entry.name}`;
      fs.mkdirTree(full.slice(0, full.lastIndexOf("/")));
      // An empty file is a file too: an empty __init__.py makes a package, not a namespace.
      fs.writeFile(full, entry.data ?? new Uint8Array());
    }
  }

  /** Put the project's files where the module runs them, and nothing else. */
  private writeProject(files: Record<string, string>) {
    const fs = this.pyodide.FS;
    const remove = (path: string) => {
      for (const name of fs.readdir(path) as string[]) {
        if (name === "." || name === "..") continue;
        const full = `${path}/${name}`;
        if (fs.isDir(fs.stat(full).mode)) {
          remove(full);
          fs.rmdir(full);
        } else fs.unlink(full);
      }
    };
    fs.mkdirTree(PROJECT);
    remove(PROJECT);
    for (const [path, text] of Object.entries(files)) {
      const slash = path.lastIndexOf("/");
      if (slash > 0) fs.mkdirTree(`${PROJECT}/${path.slice(0, slash)}`);
      fs.writeFile(`${PROJECT}/${path}`, text);
    }
  }

  /** What the last load's top level printed and warned. */
  printed = "";

  /** Run the project's entry as `__main__`; null when it serves an app, else why not. */
  load(files: Record<string, string>, entry: string, server?: ServerChoice): LoadFailure | null {
    if (files !== this.written) this.writeProject(files);
    this.written = null;
    const loadFor = this.server.load_for_runner as (entry: string, server?: string) => PyProxy;
    const result = loadFor(entry, server === "code" ? undefined : server);
    const outcome = result.toJs({ dict_converter: Object.fromEntries }) as {
      error?: string | null;
      location?: SourceLocation | null;
      summary?: string;
      interrupted?: RunningLine | null;
      log?: string;
    };
    result.destroy();
    this.lastInterrupt = outcome.interrupted ?? null;
    this.printed = outcome.log ?? "";
    if (!outcome.error) return null;
    return {
      error: outcome.error,
      ...(outcome.location ? { location: outcome.location } : {}),
      ...(outcome.summary ? { summary: outcome.summary } : {}),
    };
  }

  /** Serve one request with the loaded app: the request's exact bytes through wsgiref; `onProgress` hears a slow one go. */
  serve(
    request: RequestRecord,
    buildId: number,
    onProgress?: (progress: ServeProgress) => void,
  ): ResponseRecord {
    const serveFor = this.server.serve_for_runner as (...args: unknown[]) => PyProxy;
    const raw = requestBytes(request);
    const tell = onProgress
      ? (news: string, chunk: Uint8Array) => {
          const told = JSON.parse(news) as Omit<ServeProgress, "chunk">;
          onProgress({ ...told, chunk });
        }
      : undefined;
    const result = serveFor(raw, ...connectionOf(request), tell);
    const sent = result.get(0) as PyProxy;
    const report = result.get(1) as string;
    const bytes = sent.toJs() as Uint8Array;
    sent.destroy();
    result.destroy();
    const told = JSON.parse(report) as PythonReport & { interrupted?: RunningLine | null };
    this.lastInterrupt = told.interrupted ?? null;
    const record = responseFromBytes(bytes, told, buildId);
    if (request.servers?.length)
      record.comparisons = this.compare(request, raw, request.servers, buildId);
    // CPython did the reading; the playground's twin of http.server says what became of each line.
    const parsed = parseHttpRequest(raw);
    record.requestBytes = keptBytes(raw, parsed);
    if (parsed.kind === "refused") {
      record.status ||= `${parsed.code} ${parsed.message}`;
      record.fates = parsed.fates;
    } else if (parsed.kind === "request") {
      const notes = describeRequest(parsed, request);
      record.fates = notes.fates;
      // The twin's findings are wsgiref's reading of the body: another server reads it its own way.
      if (!record.server || record.server.name === "wsgiref")
        record.findings.unshift(...notes.findings);
    } else {
      record.fates = parsed.fates;
    }
    return record;
  }
}
