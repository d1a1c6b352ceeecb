/// <reference lib="webworker" />
/**
 * @module python.worker
 * The Python runner: CPython itself (Pyodide) runs the user's module as
 * `__main__`, and CPython's own `wsgiref.simple_server` serves each request
 * from its exact bytes (see `python/playground_server.py`). It answers the
 * same messages as the TypeScript runner, with the same records, so the
 * page does not know which language answers. Pyodide loads from the site's
 * own origin on the first `load`; the page can terminate this Worker at any
 * moment (the time limit) and start a new one.
 */
import type { StartedReply, StartProgress } from "../protocol/runner";
import type { ServeProgress } from "../wsgi/serve-progress";
import { PythonServer } from "./python-server";
import { serveMessages, type RunnerHandler } from "./runner-messages";

let server: Promise<PythonServer> | null = null;
let loaded: number | null = null;

/** Tell the page how CPython's start is going. */
function progress(phase: StartProgress["phase"], loaded: number) {
  const total = __PYODIDE_BYTES__;
  self.postMessage({ type: "start-progress", phase, loaded, total } satisfies StartProgress);
}

/**
 * `fetch` that counts the bytes of every response as its body is read, for
 * the progress bar; each whole percent is told once. Returns the undo.
 */
function countFetches(): () => void {
  const real = globalThis.fetch;
  let loaded = 0;
  let told = -1;
  globalThis.fetch = async (input, init) => {
    const response = await real(input, init);
    if (!response.body) return response;
    const counting = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        loaded += chunk.byteLength;
        const percent = Math.floor((100 * loaded) / __PYODIDE_BYTES__);
        if (percent !== told) {
          told = percent;
          progress(loaded >= __PYODIDE_BYTES__ ? "start-up" : "download", loaded);
        }
        controller.enqueue(chunk);
      },
    });
    // Headers kept: the wasm's Content-Type lets it compile while it streams in.
    return new Response(response.body.pipeThrough(counting), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  return () => (globalThis.fetch = real);
}

/** CPython, started once, from the site's own copy of Pyodide. */
function python(siteURL: string): Promise<PythonServer> {
  if (!server) {
    progress("download", 0);
    const uncount = countFetches();
    server = PythonServer.start(new URL(`pyodide/${__PYODIDE_VERSION__}/`, siteURL).href);
    void server.finally(() => {
      uncount();
      progress("done", __PYODIDE_BYTES__);
    });
  }
  server.catch(() => (server = null));
  return server;
}

const handle: RunnerHandler = async (message, reply, port) => {
  switch (message.type) {
    case "start": {
      let answer: StartedReply = { error: null };
      try {
        await python(message.siteURL);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        answer = { error: `Python could not start: ${why}` };
      }
      port?.postMessage(answer);
      return;
    }
    case "load": {
      const { id, buildId, program, entry } = message;
      if (program.kind !== "sources" || server === null) {
        reply({ type: "load-failed", id, error: "The Python runner runs sources, once started." });
        return;
      }
      const started = await server;
      const failure = started.load(program.files, entry);
      // A module that fails leaves the last good build's app answering, as in TypeScript.
      if (failure === null) loaded = buildId;
      reply(
        failure === null
          ? { type: "loaded", id, buildId }
          : { type: "load-failed", id, ...failure },
      );
      return;
    }
    case "serve":
      if (loaded === null || server === null) {
        reply({
          type: "serve-failed",
          id: message.id,
          error: "No build of the app is loaded yet.",
        });
        return;
      }
      {
        const { id } = message;
        const onProgress = message.progress
          ? (progress: ServeProgress) => reply({ type: "serve-progress", id, progress })
          : undefined;
        reply({
          type: "served",
          id,
          response: (await server).serve(message.request, loaded, onProgress),
        });
      }
      return;
  }
};

serveMessages(handle);
