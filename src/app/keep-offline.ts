/**
 * @module keep-offline
 * What the page asks the service worker to keep for a visit without the
 * network (see `sw/site-cache.ts`): the files this page loaded (a first
 * visit loads them before the worker controls it), and Python's runtime
 * (Pyodide's files and the snapshot) once a Python runner has started here
 * (with a sandbox, there: the sandbox page asks its own worker).
 * Asked once the editor is up, when the page is idle.
 */
import snapshot from "virtual:python-snapshot";

/** Pyodide's files a start fetches, by name in its folder. */
const PYODIDE_FILES = [
  "pyodide.asm.js",
  "pyodide.asm.wasm",
  "python_stdlib.zip",
  "pyodide-lock.json",
];

/** The paths under `scope` of what this page loaded, and Python's runtime if it ran. */
export function loadedPaths(scope: string, pythonStarted: boolean): string[] {
  const urls = [
    location.href,
    ...performance.getEntriesByType("resource").map((entry) => entry.name),
  ];
  const paths = urls.flatMap((url) => {
    const { origin, pathname } = new URL(url);
    const base = new URL(scope);
    return origin === base.origin && pathname.startsWith(base.pathname)
      ? [decodeURIComponent(pathname.slice(base.pathname.length))]
      : [];
  });
  if (pythonStarted) {
    paths.push(...PYODIDE_FILES.map((name) => `pyodide/${__PYODIDE_VERSION__}/${name}`));
    if (snapshot) paths.push(`python/${snapshot.file}`);
  }
  return [...new Set(paths)];
}

/** How a page asks its service worker to keep files: how many it added. */
export type KeepSite = (paths: string[]) => Promise<number>;

/**
 * Ask the worker to keep what this page loaded, and Python's runtime if
 * `python` (by default: if a Python runner started in this page); resolves
 * with how many files it added.
 */
export function keepLoaded(
  keep: KeepSite,
  scope: string,
  python = performance.getEntriesByName("wsgi:runtime-started").length > 0,
): Promise<number> {
  return keep(loadedPaths(scope, python)).catch(() => 0);
}

/**
 * Ask the worker to keep what this page loaded when the page is idle, and
 * `sandbox`, what the sandbox's worker keeps when user code runs there (see
 * `sandbox-main.ts`): Python's runtime is then the sandbox's to keep, and
 * not kept twice. `wsgi:site-kept` marks when both are kept (its detail:
 * how many files were added), for the benchmark, which measures a page that
 * has settled.
 */
export function keepOffline(keep: KeepSite, scope: string, sandbox?: Promise<number>): void {
  const here = sandbox ? keepLoaded(keep, scope, false) : keepLoaded(keep, scope);
  void Promise.all([here, (sandbox ?? Promise.resolve(0)).catch(() => 0)]).then(([ours, its]) =>
    performance.mark("wsgi:site-kept", { detail: { added: ours + its } }),
  );
}
