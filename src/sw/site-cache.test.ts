/**
 * The service worker's offline cache, without a service worker: which of
 * the build's files come from the cache first, which from the network
 * first, and what each does when the network is gone.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  cacheName,
  keepFiles,
  NETWORK_TIMEOUT_MS,
  pathInScope,
  policyOf,
  serveSiteFile,
  staleCaches,
} from "./site-cache";

const FILES = [
  "assets/index-FESqUR5X.js",
  "assets/python.worker-Cu8BsA_Y.js",
  "favicon.svg",
  "frameworks/flask-b40ef46785.tar.gz",
  "frameworks/licenses/flask.txt",
  "index.html",
  "licenses/react-resizable-panels.txt",
  "pyodide/0.27.7/pyodide-lock.json",
  "pyodide/0.27.7/pyodide.asm.js",
  "pyodide/0.27.7/pyodide.asm.wasm",
  "pyodide/0.27.7/python_stdlib.zip",
  "python/snapshot-23d0588451b8.bin.gz",
];
const SCOPE = "https://play.example/sub/";

/** A Cache over a Map, keyed by URL. */
function fakeCache(): Cache & { entries: Map<string, Response> } {
  const entries = new Map<string, Response>();
  const key = (request: RequestInfo | URL) =>
    typeof request === "string" ? request : request instanceof URL ? request.href : request.url;
  return {
    entries,
    match: async (request: RequestInfo | URL) => entries.get(key(request))?.clone(),
    put: async (request: RequestInfo | URL, response: Response) => {
      entries.set(key(request), response);
    },
  } as unknown as Cache & { entries: Map<string, Response> };
}

/** A same-origin 200, as fetch() gives one (its type is "basic"). */
function basic(text: string, status = 200): Response {
  const response = new Response(text, { status });
  Object.defineProperty(response, "type", { value: "basic" });
  return response;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("which files come from where", () => {
  it("serves files named by their bytes from the cache first", () => {
    for (const file of [
      "assets/index-FESqUR5X.js",
      "pyodide/0.27.7/pyodide.asm.js",
      "frameworks/flask-b40ef46785.tar.gz",
    ])
      expect(policyOf(file, FILES), file).toBe("cache-first");
  });

  it("leaves Python's runtime to the runner, which reads the kept copy itself", () => {
    for (const file of [
      "pyodide/0.27.7/pyodide.asm.wasm",
      "pyodide/0.27.7/python_stdlib.zip",
      "pyodide/0.27.7/pyodide-lock.json",
      "python/snapshot-23d0588451b8.bin.gz",
    ])
      expect(policyOf(file, FILES), file).toBe("runner");
  });

  it("serves the page and files named the same in every build from the network first", () => {
    expect(policyOf("", FILES)).toBe("network-first");
    expect(policyOf("index.html", FILES)).toBe("network-first");
    expect(policyOf("licenses/react-resizable-panels.txt", FILES)).toBe("network-first");
    expect(policyOf("frameworks/licenses/flask.txt", FILES)).toBe("network-first");
    expect(policyOf("favicon.svg", FILES)).toBe("network-first");
  });

  it("leaves what is not the build's to the network", () => {
    expect(policyOf("api/users", FILES)).toBe("network");
    expect(policyOf("assets/other-12345678.js", FILES)).toBe("network");
  });

  it("reads a path under the scope, and nothing outside it", () => {
    expect(pathInScope("https://play.example/sub/assets/a.js?x=1", SCOPE)).toBe("assets/a.js");
    expect(pathInScope("https://play.example/sub/", SCOPE)).toBe("");
    expect(pathInScope("https://play.example/other/a.js", SCOPE)).toBeNull();
    expect(pathInScope("https://elsewhere.example/sub/a.js", SCOPE)).toBeNull();
  });

  it("names one cache per build, and finds the other builds' to delete", () => {
    const name = cacheName(FILES);
    expect(cacheName([...FILES].reverse())).toBe(name);
    const next = cacheName([...FILES, "assets/new-ABCDEFGH.js"]);
    expect(next).not.toBe(name);
    expect(staleCaches([name, next, "someone-else"], next)).toEqual([name]);
  });
});

describe("answering with the network gone", () => {
  it("answers a cache-first file from the cache without asking the network", async () => {
    const cache = fakeCache();
    const key = `${SCOPE}assets/index-FESqUR5X.js`;
    cache.entries.set(key, basic("kept"));
    const network = vi.fn();
    vi.stubGlobal("fetch", network);
    const response = await serveSiteFile(new Request(key), "cache-first", cache, key);
    expect(await response.text()).toBe("kept");
    expect(network).not.toHaveBeenCalled();
  });

  it("keeps a cache-first file fetched for the first time", async () => {
    const cache = fakeCache();
    const key = `${SCOPE}python/snapshot-23d0588451b8.bin.gz`;
    vi.stubGlobal("fetch", async () => basic("snapshot"));
    expect(await (await serveSiteFile(new Request(key), "cache-first", cache, key)).text()).toBe(
      "snapshot",
    );
    await vi.waitFor(() => expect(cache.entries.has(key)).toBe(true));
  });

  it("answers the page from the network while there is one, from the cache when there is none", async () => {
    const cache = fakeCache();
    const key = `${SCOPE}index.html`;
    cache.entries.set(key, basic("old page"));
    vi.stubGlobal("fetch", async () => basic("new deployment"));
    expect(
      await (await serveSiteFile(new Request(SCOPE), "network-first", cache, key)).text(),
    ).toBe("new deployment");
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(
      await (await serveSiteFile(new Request(SCOPE), "network-first", cache, key)).text(),
    ).toBe("new deployment");
  });

  it("answers the page from the cache when the network hangs", async () => {
    vi.useFakeTimers();
    const cache = fakeCache();
    const key = `${SCOPE}index.html`;
    cache.entries.set(key, basic("kept page"));
    vi.stubGlobal("fetch", () => new Promise<Response>(() => undefined));
    const answer = serveSiteFile(new Request(SCOPE), "network-first", cache, key);
    await vi.advanceTimersByTimeAsync(NETWORK_TIMEOUT_MS + 1);
    expect(await (await answer).text()).toBe("kept page");
  });

  it("fails as the network did when the page was never kept", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    const key = `${SCOPE}index.html`;
    await expect(
      serveSiteFile(new Request(SCOPE), "network-first", fakeCache(), key),
    ).rejects.toThrow("Failed to fetch");
  });

  it("keeps the build's files the page names, once each, and nothing else", async () => {
    const cache = fakeCache();
    cache.entries.set(`${SCOPE}favicon.svg`, basic("icon"));
    const fetched: string[] = [];
    vi.stubGlobal("fetch", async (url: string) => {
      fetched.push(url);
      return url.endsWith("missing.js") ? basic("", 404) : basic(url);
    });
    const added = await keepFiles(
      cache,
      SCOPE,
      ["", "index.html", "favicon.svg", "assets/index-FESqUR5X.js", "api/data"],
      FILES,
    );
    expect(added).toBe(2);
    expect(fetched).toEqual([`${SCOPE}index.html`, `${SCOPE}assets/index-FESqUR5X.js`]);
    expect([...cache.entries.keys()].sort()).toEqual(
      [`${SCOPE}assets/index-FESqUR5X.js`, `${SCOPE}favicon.svg`, `${SCOPE}index.html`].sort(),
    );
  });
});
