/// <reference lib="webworker" />
/**
 * @module site-cache
 * The playground's own files kept for a visit without the network: the
 * page, its scripts, Pyodide's runtime and the Python snapshot, cached by
 * the service worker (see `service-worker.ts`) in one Cache Storage cache
 * per build. The build names its files (`__SITE_FILES__`), so the cache
 * holds one build's files and a new build's worker deletes the old one's.
 *
 * How each is served (a pure choice, `policyOf`):
 * - files whose names change with their bytes (Vite's hashed assets,
 *   `pyodide/<version>/`, the snapshot and framework stacks named by a hash)
 *   come from the cache first: they cannot be stale;
 * - the page itself and the few files named the same in every build
 *   (`index.html`, license texts) come from the network first, so a new
 *   deployment shows at once, and from the cache when the network fails;
 * - Python's runtime (Pyodide's wasm, library and lock file, the snapshot)
 *   is the runner's: it reads the kept copy itself (`python.worker.ts`), and
 *   what it fetches goes to the network untouched, not through this worker,
 *   which would pass 36 MB on at a third of the network's pace on a first
 *   visit; it is kept when the page asks, once started (`keepFiles`);
 * - anything else is not the build's and goes to the network untouched.
 *
 * A first visit loads before this worker controls the page, so what it
 * fetched then is not seen here: once the editor is up, the page names what
 * it loaded (and Python's runtime, when it started one) for the worker to
 * keep, fetched when idle (from the browser's HTTP cache, mostly). A file
 * fetched through the worker is kept as it passes.
 *
 * @example
 * policyOf("assets/index-hx0zo3jk.js", files); // "cache-first"
 * policyOf("", files);                          // "network-first" (the page)
 */

import { withTimeout } from "../protocol/wait";

/** How a request for one of the site's files is answered. */
export type Policy = "cache-first" | "network-first" | "network" | "runner";

/** The cache of one build: its name holds a hash of the build's file list. */
export const CACHE_PREFIX = "wsgi-playground-site-";

/** What the network-first files wait for the network before the cache answers (a network that hangs). */
export const NETWORK_TIMEOUT_MS = 4_000;

/**
 * Names that change when the bytes do: Pyodide's versioned folder, Vite's
 * assets (`-<8 characters>.`), the snapshot and the framework stacks (named
 * by a hash of their bytes).
 */
const IMMUTABLE =
  /^(pyodide\/[\d.]+\/[^/]+|assets\/[^/]+-[\w-]{8}\.\w+|python\/snapshot-\w+\.bin\.gz|frameworks\/[\w.+]+-\w+\.tar\.gz)$/;

/** Python's runtime, which the runner reads from the cache itself (see `python.worker.ts`'s `keptCopy`). */
const RUNNER_READS = /^(pyodide\/[\d.]+\/[^/]+\.(wasm|zip|json)|python\/snapshot-\w+\.bin\.gz)$/;

/** Whether the site's file at `path` (relative to the site's root) is one the runner reads from the cache itself. */
export function runnerReads(path: string): boolean {
  return RUNNER_READS.test(path);
}

/**
 * How a request for `path` (relative to the worker's scope, no query; "" is
 * the page) is answered, given the build's files.
 */
export function policyOf(path: string, files: readonly string[]): Policy {
  const file = path === "" ? "index.html" : path;
  if (!files.includes(file)) return "network";
  if (runnerReads(file)) return "runner";
  return IMMUTABLE.test(file) ? "cache-first" : "network-first";
}

/** The cache's name for a build with these files (djb2 of the sorted list: a new build, a new name). */
export function cacheName(files: readonly string[]): string {
  let hash = 5381;
  for (const char of [...files].sort().join("\n")) hash = ((hash * 33) ^ char.charCodeAt(0)) >>> 0;
  return `${CACHE_PREFIX}${hash.toString(36)}`;
}

/** The caches of other builds, to delete. */
export function staleCaches(names: readonly string[], current: string): string[] {
  return names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== current);
}

/** The path of `url` under `scope`, or null when it is outside it. */
export function pathInScope(url: string, scope: string): string | null {
  const { origin, pathname } = new URL(url);
  const base = new URL(scope);
  if (origin !== base.origin || !pathname.startsWith(base.pathname)) return null;
  return decodeURIComponent(pathname.slice(base.pathname.length));
}

/** Whether a response may be kept: a whole, successful, same-origin one. */
export function keepable(response: Response): boolean {
  return response.status === 200 && response.type === "basic";
}

/** Answer a request for a site file by its policy, from or into `cache` under `key` (its URL, the page's as index.html). */
export async function serveSiteFile(
  request: Request,
  policy: Exclude<Policy, "network" | "runner">,
  cache: Cache,
  key: string,
): Promise<Response> {
  if (policy === "cache-first") {
    const cached = await cache.match(key);
    if (cached) return cached;
    const response = await fetch(request);
    if (keepable(response)) void cache.put(key, response.clone()).catch(() => undefined);
    return response;
  }
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS, "no answer");
    if (keepable(response)) void cache.put(key, response.clone()).catch(() => undefined);
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw error;
  }
}

/** Fetch and keep each of `paths` (relative to `scope`) that is the build's and the cache lacks; how many were added. */
export async function keepFiles(
  cache: Cache,
  scope: string,
  paths: readonly string[],
  files: readonly string[],
): Promise<number> {
  let added = 0;
  for (const path of new Set(paths.map((each) => (each === "" ? "index.html" : each)))) {
    if (!files.includes(path)) continue;
    const url = new URL(path, scope).href;
    if (await cache.match(url)) continue;
    try {
      const response = await fetch(url);
      if (!keepable(response)) continue;
      await cache.put(url, response);
      added++;
    } catch {
      // Offline already, or the file is gone (a new deployment): the next visit tries again.
    }
  }
  return added;
}
