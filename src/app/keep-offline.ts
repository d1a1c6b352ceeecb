/**
 * @module keep-offline
 * What the page asks the service worker to keep for a visit without the
 * network (see `sw/site-cache.ts`): the files this page loaded (a first
 * visit loads them before the worker controls it), and Python's runtime
 * (Pyodide's files and the snapshot) once a Python runner has started here.
 * Asked once the editor is up, when the page is idle.
 */
import snapshot from "virtual:python-snapshot";
import type { ServerRelay } from "../sw/relay";

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

/**
 * Ask the worker to keep what this page loaded (call it when the page is
 * idle); `wsgi:site-kept` marks when it has (its detail: how many files it
 * added), for the benchmark, which measures a page that has settled.
 */
export function keepOffline(relay: ServerRelay, scope: string): void {
  const python = performance.getEntriesByName("wsgi:runtime-started").length > 0;
  void relay.keepSite(loadedPaths(scope, python)).then(
    (added) => performance.mark("wsgi:site-kept", { detail: { added } }),
    () => performance.mark("wsgi:site-kept", { detail: { added: 0 } }),
  );
}
