/**
 * What the service worker's cache holds, read from a page of the site (the
 * offline test and the benchmark's next visit wait for it).
 */
import type { Page } from "@playwright/test";

/**
 * How many of Python's runtime files (Pyodide's wasm and library, the
 * snapshot) the site's cache holds where Python runs: the sandbox's origin
 * (read in its frame), or the page's own where it has no sandbox.
 */
export function keptRuntimeFiles(page: Page): Promise<number> {
  const sandbox = page.frames().find((frame) => frame.url().includes("/sandbox.html"));
  return (sandbox ?? page.mainFrame()).evaluate(async () => {
    let count = 0;
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys())
        if (/pyodide\.asm\.wasm|python_stdlib\.zip|snapshot-\w+\.bin\.gz/.test(request.url))
          count++;
    }
    return count;
  });
}
