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
import frameworks from "virtual:frameworks";
import snapshot from "virtual:python-snapshot";
import type { FrameworkStack } from "../frameworks/manifest";
import type { StartedReply, StartProgress, StartReport } from "../protocol/runner";
import type { ServeProgress } from "../wsgi/serve-progress";
import { interruptedMessage, interruptedResponse, type InterruptedStop } from "../wsgi/stopped";
import { InterruptLine, jobToken, YIELDED } from "./interrupt";
import { PythonServer, type LoadFailure } from "./python-server";
import type { PythonTerminal } from "./python-terminal";
import { jobKind, TerminalOut } from "./terminal-out";
import { serveMessages, type RunnerHandler } from "./runner-messages";
import { compileAhead } from "./wasm-ahead";
import { pathInScope, runnerReads } from "../sw/site-cache";

let server: Promise<PythonServer> | null = null;
/** CPython once started (`server` settled), for what runs between messages. */
let started: PythonServer | null = null;
let loaded: number | null = null;
/** The page's way to interrupt CPython in the middle of a job, when it shares memory. */
let line: InterruptLine | null = null;
/** What the app prints, on its way to the page's terminal. */
const out = new TerminalOut((notice) => self.postMessage(notice));
/** CPython's streams and standard input, connected to the terminal once started. */
let terminal: PythonTerminal | null = null;

/** What CPython's start fetches: Pyodide's files, and the snapshot when the build has one. */
const START_BYTES = __PYODIDE_BYTES__ + (snapshot?.bytes ?? 0);

/** Tell the page how CPython's start (or a framework's download, `name`) is going. */
function progress(
  phase: StartProgress["phase"],
  loaded: number,
  total = START_BYTES,
  name?: string,
) {
  self.postMessage({
    type: "start-progress",
    phase,
    loaded,
    total,
    ...(name ? { name } : {}),
  } satisfies StartProgress);
}

/**
 * `response` with its body counted as it is read (`loaded` hears the bytes
 * so far), each whole percent of `total` told once.
 */
function counted(
  response: Response,
  total: number,
  loaded: (bytes: number) => void,
  done: (bytes: number) => void = () => undefined,
): Response {
  if (!response.body) return response;
  let bytes = 0;
  let told = -1;
  const counting = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      const percent = Math.floor((100 * bytes) / total);
      if (percent !== told) {
        told = percent;
        loaded(bytes);
      }
      controller.enqueue(chunk);
    },
    flush: () => done(bytes),
  });
  // Headers kept: the wasm's Content-Type lets it compile while it streams in.
  return new Response(response.body.pipeThrough(counting), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** The files CPython's start read, for its report: by name, how long, how many bytes, from where. */
const startFiles: StartReport["files"] = [];

/**
 * The service worker's kept copy of one of CPython's files (named by its
 * version or its bytes, so any build's copy is right), read here without
 * the hop through the worker; null when none is kept.
 */
async function keptCopy(url: URL, siteURL: URL): Promise<Response | null> {
  const path = pathInScope(url.href, siteURL.href);
  if (path === null || !runnerReads(path)) return null;
  try {
    return (await caches.match(url.href)) ?? null;
  } catch {
    return null; // no Cache Storage here (an opaque origin, a policy)
  }
}

/**
 * `fetch` for CPython's start: its files from the kept copy when there is
 * one, each counted for the progress bar and the start's report. Returns
 * the undo.
 */
function countFetches(siteURL: string): () => void {
  const site = new URL(siteURL);
  const real = globalThis.fetch;
  // The bytes in so far, of every file: files come in side by side.
  let loaded = 0;
  globalThis.fetch = async (input, init) => {
    let mine = 0;
    /** This file has `bytes` in so far. */
    const arrived = (bytes: number) => {
      loaded += bytes - mine;
      mine = bytes;
      progress(loaded >= START_BYTES ? "start-up" : "download", loaded);
    };
    const began = performance.now();
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    const name = url.pathname.split("/").pop()!;
    const wasm = url.pathname.endsWith(".wasm");
    const kept = await keptCopy(url, site);
    const read = (bytes: number) => {
      arrived(bytes);
      const from = kept ? "kept" : "site";
      startFiles.push({ name, ms: Math.round(performance.now() - began), bytes, from });
    };
    if (kept) {
      // Given as it is: counted chunk by chunk, 25 MB took a third longer to read. The wasm untouched
      // is also a Response with its URL, one V8 may keep the compiled code of.
      read(Number(kept.headers.get("Content-Length") ?? 0));
      return kept;
    }
    const response = await real(input, init);
    // The wasm itself goes on untouched (see above); a copy of it is counted.
    const measured = counted(wasm ? response.clone() : response, START_BYTES, arrived, read);
    if (!wasm) return measured;
    void measured.arrayBuffer().catch(() => undefined);
    return response;
  };
  return () => (globalThis.fetch = real);
}

/**
 * A framework stack's tar, from the site (gzipped: inflated by the browser
 * itself), its download told as a start's is.
 */
async function fetchStack(siteURL: string, stack: FrameworkStack): Promise<Uint8Array> {
  progress("download", 0, stack.bytes, stack.title);
  try {
    const url = new URL(`frameworks/${stack.file}`, siteURL);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url.pathname} answered ${response.status}`);
    const body = counted(response, stack.bytes, (bytes) =>
      progress("download", bytes, stack.bytes, stack.title),
    );
    return await inflated(body);
  } finally {
    progress("done", stack.bytes, stack.bytes, stack.title);
  }
}

/** A gzipped file's bytes, inflated by the browser (a host that sent it with Content-Encoding: gzip has done so). */
async function inflated(response: Response): Promise<Uint8Array> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The build's memory snapshot of CPython (see python-setup.ts), fetched beside Pyodide's files. */
async function fetchSnapshot(siteURL: string): Promise<Uint8Array> {
  if (!snapshot) throw new Error("this build has no snapshot");
  const url = new URL(`python/${snapshot.file}`, siteURL);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname} answered ${response.status}`);
  return inflated(response);
}

/** CPython, started once, from the site's own copy of Pyodide. */
function python(siteURL: string): Promise<PythonServer> {
  if (!server) {
    progress("download", 0);
    const uncount = countFetches(siteURL);
    const indexURL = new URL(`pyodide/${__PYODIDE_VERSION__}/`, siteURL).href;
    const undoAhead = compileAhead(`${indexURL}pyodide.asm.wasm`);
    server = PythonServer.start(
      indexURL,
      { manifest: frameworks, fetch: (stack) => fetchStack(siteURL, stack) },
      snapshot ? fetchSnapshot(siteURL) : undefined,
    );
    void server.finally(() => {
      undoAhead();
      uncount();
      progress("done", START_BYTES);
    });
  }
  server.catch(() => (server = null));
  return server;
}

/**
 * Run `job` (a load or a request) as the job `token`, under the page's
 * interrupt (when it gave one): `stopped` turns what CPython answered into
 * the record of a stopped job when the page stopped it; a `background` job
 * stopped for a user job is `YIELDED` (see `InterruptLine.run`).
 */
function asJob<T>(
  token: number,
  what: string,
  job: () => T,
  stopped: (answer: T, stop: InterruptedStop) => T,
  background = false,
): T | typeof YIELDED {
  terminal?.input.newJob();
  if (!line || !started) return job();
  const before = started.memoryBytes();
  const ran = line.run(token, background, job);
  if (ran === YIELDED) return YIELDED;
  if (!ran.stop) return ran.answer;
  return stopped(ran.answer, {
    ...ran.stop,
    what,
    at: started.lastInterrupt,
    grewBytes: started.memoryBytes() - before,
  });
}

/** How CPython's start went: from where, and what each part cost. */
function startReport(python: PythonServer, began: number): StartReport {
  return {
    from: python.startedFrom,
    ...(python.notRestored ? { notRestored: python.notRestored } : {}),
    totalMs: Math.round(performance.now() - began),
    files: startFiles,
    runtimeMs: Math.round(python.startMs.runtime),
    setupMs: Math.round(python.startMs.setup),
  };
}

const handle: RunnerHandler = async (message, reply, { port, overPort }) => {
  switch (message.type) {
    case "start": {
      let answer: StartedReply = { error: null };
      const began = performance.now();
      try {
        started = await python(message.siteURL);
        answer.report = startReport(started, began);
        if (message.interrupt) {
          line = new InterruptLine(message.interrupt);
          started.interruptWith(message.interrupt);
        }
        terminal ??= started.terminal(out, message.terminal ?? null, {
          asking: (ask) => self.postMessage({ type: "terminal-ask", ask, job: out.current }),
          asked: () => self.postMessage({ type: "terminal-asked" }),
          stopped: () => line?.stopping() ?? false,
        });
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        answer = { error: `Python could not start: ${why}` };
      }
      port?.postMessage(answer);
      return;
    }
    case "load": {
      // A build's load is the user's: the playground's own requests give way to it.
      line?.userJobTaken();
      const { id, buildId, program, entry } = message;
      if (program.kind !== "sources" || server === null) {
        reply({ type: "load-failed", id, error: "The Python runner runs sources, once started." });
        return;
      }
      const python3 = await server;
      const unready = await python3.prepare(program.files, program.server);
      if (unready) {
        reply({ type: "load-failed", id, ...unready });
        return;
      }
      reply({ type: "load-running", id });
      out.job("build", `Build ${buildId}: ${entry}`);
      const failure = asJob(
        jobToken(id, overPort),
        "its module's top level",
        () => python3.load(program.files, entry, program.server),
        (failed, stop): LoadFailure => {
          const message = interruptedMessage(stop);
          return {
            error: `${message}\n\n${failed?.error ?? ""}`,
            ...(stop.at ? { location: { file: stop.at.file, line: stop.at.line, column: 1 } } : {}),
            summary: message.split("\n")[0]!,
          };
        },
      );
      // A load is never a background job: it is never yielded.
      if (failure === YIELDED) return;
      // A module that fails leaves the last good build's app answering, as in TypeScript.
      if (failure === null) loaded = buildId;
      reply(
        failure === null
          ? { type: "loaded", id, buildId, printed: python3.printed }
          : { type: "load-failed", id, ...failure },
      );
      return;
    }
    case "serve": {
      // The user's jobs go first: the playground's own requests yield to one that waits.
      const background = overPort || message.background === true;
      if (!background) line?.userJobTaken();
      else if (line?.userJobWaiting()) {
        reply({ type: "yielded", id: message.id });
        return;
      }
      if (loaded === null || server === null) {
        reply({
          type: "serve-failed",
          id: message.id,
          error: "No build of the app is loaded yet.",
        });
        return;
      }
      {
        const { id, request } = message;
        const onProgress = message.progress
          ? (progress: ServeProgress) => reply({ type: "serve-progress", id, progress })
          : undefined;
        const python3 = await server;
        const build = loaded;
        // The Servers tab's: every server's stack at hand before the job's clock starts.
        const unready = request.servers ? await python3.prepareServers(request.servers) : null;
        if (unready) {
          reply({ type: "serve-failed", id, error: unready.error });
          return;
        }
        out.job(
          jobKind(overPort, message.background === true),
          `${request.method} ${request.target}`,
        );
        const response = asJob(
          jobToken(id, overPort),
          `${request.method} ${request.target}`,
          () => python3.serve(request, build, onProgress),
          interruptedResponse,
          background,
        );
        reply(response === YIELDED ? { type: "yielded", id } : { type: "served", id, response });
      }
      return;
    }
    case "evaluate": {
      // A line typed at >>> is the user's, as a panel request is: it runs under the limit too.
      line?.userJobTaken();
      const { id } = message;
      if (!terminal) {
        reply({ type: "evaluated", id, more: false });
        return;
      }
      const shell = terminal;
      // The page shows the line typed after its ">>> ": no marker.
      out.job(null);
      const more = asJob(
        jobToken(id, overPort),
        `>>> ${message.line}`,
        () => shell.evaluate(message.line),
        (answer) => answer,
      );
      reply({ type: "evaluated", id, more: more === true });
      return;
    }
    case "complete":
      reply({ type: "completed", id: message.id, matches: terminal?.complete(message.text) ?? [] });
      return;
  }
};

serveMessages(handle);
