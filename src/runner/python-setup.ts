/**
 * @module python-setup
 * What makes a started CPython the playground's Python server, shared by
 * the runner (in the browser and under Vitest) and the build step that
 * snapshots it (`scripts/python-snapshot.ts`, in Node): the server's own
 * modules written next to CPython's library and imported.
 *
 * A memory snapshot is CPython's whole WebAssembly memory after those
 * imports, taken once at build time: restored, it skips CPython's start
 * (seconds) and the server's forty standard-library imports. Only memory
 * is in it. The file system (Emscripten's, kept in JavaScript) is made
 * anew on every start, so the modules' files are written again after a
 * restore, for tracebacks and for what is imported later; and what CPython
 * read from its host when it started is read again in `restored()` below
 * (the time zone, the locale's language, a fresh random seed), so that a
 * restored CPython cannot be told from one that started in this browser
 * except by what it has already imported.
 *
 * @example
 * const bytes = makeSnapshot(await loadPyodide({ ...SNAPSHOT_START }), files);
 * const restoredOne = await loadPyodide({ _loadSnapshot: bytes });
 * installLibrary(restoredOne, files);
 * restored(restoredOne);
 */
import type { PyodideInterface } from "pyodide";

export const HOME = "/home/pyodide";
/** Where the project's files are written (the server module's PROJECT). */
export const PROJECT = `${HOME}/project`;
/** The playground's own modules: the server and `paste`. */
export const LIBRARY = `${HOME}/playground`;

/**
 * How a CPython that is to be snapshotted starts: `_sysExecutable` as a
 * browser's start has it (in Node, Emscripten would take the script's path
 * for the program's name, and `sys.executable` and `$_` with it).
 */
export const SNAPSHOT_START = { _makeSnapshot: true, _sysExecutable: "./this.program" } as const;

/**
 * Write the server's modules (`paste/__init__.py` → its source) into the
 * library folder, which goes first on `sys.path` unless it is there (a
 * restored CPython has it).
 */
export function installLibrary(pyodide: PyodideInterface, files: Record<string, string>): void {
  const fs = pyodide.FS;
  for (const [path, source] of Object.entries(files)) {
    const full = `${LIBRARY}/${path}`;
    fs.mkdirTree(full.slice(0, full.lastIndexOf("/")));
    fs.writeFile(full, source);
  }
  pyodide.runPython(
    `import sys\nif ${JSON.stringify(LIBRARY)} not in sys.path: sys.path.insert(0, ${JSON.stringify(LIBRARY)})`,
  );
}

/**
 * Import the server module, and with it everything it needs before a first
 * request: the IDNA codec too, which a server's bind imports to encode its
 * host (with `stringprep` and `unicodedata`: 50-150 ms of every first build).
 */
export function importServer(pyodide: PyodideInterface): void {
  pyodide.runPython(
    "import playground_server, playground_frameworks, playground_snapshot, encodings.idna",
  );
}

/** The snapshot of a CPython started with `SNAPSHOT_START`, once the server (`files`) is imported. */
export function makeSnapshot(pyodide: PyodideInterface, files: Record<string, string>): Uint8Array {
  installLibrary(pyodide, files);
  importServer(pyodide);
  return pyodide.makeMemorySnapshot();
}

/**
 * The language a browser's CPython has in `$LANG` (Emscripten's rule: the
 * browser's first language, `C` without one), for a restored CPython to
 * read as a fresh one would.
 */
export function hostLanguage(): string {
  const nav = (globalThis as { navigator?: { languages?: readonly string[] } }).navigator;
  return `${(nav?.languages?.[0] ?? "C").replace("-", "_")}.UTF-8`;
}

/** Emscripten's module under Pyodide: its heap, its C globals' addresses, its tzset. */
interface Emscripten {
  HEAPU32: Uint32Array;
  _timezone: number;
  _daylight: number;
  _tzname: number;
  __tzset_js(timezone: number, daylight: number, std: number, dst: number): void;
}

/**
 * C's time zone read again from this host: Emscripten's `tzset()` asks
 * JavaScript once per process, so a restored CPython still has the
 * snapshot-maker's (`localtime()` asks every time, and is right).
 */
function renewTimeZone(pyodide: PyodideInterface): void {
  const c = (pyodide as unknown as { _module: Emscripten })._module;
  const names = c._tzname >>> 2;
  c.__tzset_js(c._timezone, c._daylight, c.HEAPU32[names]!, c.HEAPU32[names + 1]!);
}

/** After a snapshot's restore: what CPython read from its host at start, read again from this one. */
export function restored(pyodide: PyodideInterface): void {
  renewTimeZone(pyodide);
  pyodide.runPython(
    `import playground_snapshot\nplayground_snapshot.restored(${JSON.stringify(hostLanguage())})`,
  );
}
