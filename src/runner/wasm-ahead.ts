/// <reference lib="webworker" />
/**
 * @module wasm-ahead
 * CPython's WebAssembly compiled while the snapshot is read, not after.
 *
 * `loadPyodide` with a snapshot awaits the snapshot's bytes (25 MB) before
 * it makes the Emscripten module, and only then compiles `pyodide.asm.wasm`
 * (10 MB): 200 ms of compiling in a row after 500 ms of reading, on a visit
 * whose files are all kept. Here the compile begins with the start: the
 * wasm is fetched and compiled at once, Pyodide's own fetch of it gets a
 * stand-in, and its `instantiateStreaming` of that stand-in instantiates the
 * module compiled ahead. If the compile ahead fails, Pyodide's call
 * fetches and compiles the file as it would have.
 *
 * @example
 * const undo = compileAhead(`${indexURL}pyodide.asm.wasm`);
 * try { await loadPyodide({ indexURL, _loadSnapshot }); } finally { undo(); }
 */

/**
 * Compile the wasm at `url` now (fetched with the `fetch` in place), and
 * give it to the first `WebAssembly.instantiateStreaming` of a fetch of the
 * same URL. Returns the undo (the real `fetch` and `instantiateStreaming`
 * back).
 */
export function compileAhead(url: string): () => void {
  const fetch = globalThis.fetch;
  const instantiateStreaming = WebAssembly.instantiateStreaming;
  const compiled = WebAssembly.compileStreaming(fetch(url));
  compiled.catch(() => undefined);
  const standIns = new WeakSet<Response>();
  globalThis.fetch = (input, init) => {
    const asked = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (asked.href !== url) return fetch(input, init);
    const standIn = new Response(null, { headers: { "Content-Type": "application/wasm" } });
    standIns.add(standIn);
    return Promise.resolve(standIn);
  };
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const response = await source;
    if (!standIns.has(response)) return instantiateStreaming(response, imports);
    let module: WebAssembly.Module;
    try {
      module = await compiled;
    } catch {
      return instantiateStreaming(fetch(url), imports);
    }
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
  return () => {
    globalThis.fetch = fetch;
    WebAssembly.instantiateStreaming = instantiateStreaming;
  };
}
