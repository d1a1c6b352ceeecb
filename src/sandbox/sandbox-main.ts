/**
 * @module sandbox-main
 * The sandbox page: the one place, on an origin of its own, where user code
 * runs. It owns the runner Workers (and their time limit: `RunnerClient`)
 * and the service worker that serves the live preview (`ServerRelay`), and
 * answers the playground page, its only parent, over one port (see
 * `protocol/sandbox.ts`). What the preview's requests need of the user's
 * data (the cookie jar, the history) it asks the playground for.
 *
 * Its address names the playground's origin (`?playground=`), the only one
 * it answers, and may name the language to start at once (`&language=`),
 * before the playground's code has loaded.
 */
import { ask } from "../protocol/ask";
import { atMost } from "../protocol/wait";
import type { PreviewConfig, PreviewReply } from "../protocol/service-worker";
import type {
  ConnectSandbox,
  FromSandbox,
  SandboxListening,
  SandboxLoad,
  SandboxServed,
  ToSandbox,
} from "../protocol/sandbox";
import type { TypedLine } from "../protocol/terminal";
import { RunnerClient } from "../runner/runner-client";
import { startEarly } from "../runner/runner-start";
import { runtimeFor, runtimeOf, type Language } from "../runner/runtimes";
import { keepLoaded } from "../app/keep-offline";
import { registerServiceWorker, ServerRelay } from "../sw/relay";

/** How long a preview request may wait for the playground (it may be building). */
const PREVIEW_TIMEOUT_MS = 120_000;
/** How long this page's saying it listens waits for its first runner to begin. */
const BEGUN_WAIT_MS = 1_000;
/** How long the playground may take to keep what a preview response set. */
const SERVED_TIMEOUT_MS = 5_000;

const params = new URLSearchParams(location.search);
const playground = params.get("playground");

let port: MessagePort | null = null;
/** What was told before the playground connected, made when it is sent (an age is counted to then). */
const waiting: { message: () => FromSandbox; transfer: Transferable[] }[] = [];
let limitMs = 5_000;
let preview: PreviewConfig | null = null;
let runner: RunnerClient | null = null;
/** The relay to this origin's service worker, once it is active. */
let sandboxRelay: ServerRelay | null = null;

/**
 * Tell the playground (once it has connected: until then, what is told
 * waits, and a message made by a function is made when it is sent).
 */
function tell(message: FromSandbox | (() => FromSandbox), transfer: Transferable[] = []): void {
  const made = typeof message === "function" ? message : () => message;
  if (port) port.postMessage(made(), transfer);
  else waiting.push({ message: made, transfer });
}

/** Ask the playground; rejects when it does not answer within `ms`. */
function askPlayground<T>(
  message: FromSandbox,
  ms: number,
  transfer: Transferable[] = [],
): Promise<T> {
  if (!port) return Promise.reject(new Error("The playground page has not connected."));
  return ask<T>(port, message, ms, "The playground page", transfer);
}

/** The playground's clock is not ours: what it hears of a moment is its age. */
function age(at: number): number {
  return performance.now() - at;
}

// The marks the benchmark reads, on the playground's timeline too.
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.name.startsWith("wsgi:")) continue;
    const detail = (entry as PerformanceMark).detail as unknown;
    tell(() => ({
      type: "mark",
      name: entry.name,
      agoMs: age(entry.startTime),
      detail: detail ?? null,
    }));
  }
}).observe({ type: "mark", buffered: true });

/** The runner client, made for `language` the first time (later: that language's runner prepared). */
function runnerFor(language: Language): RunnerClient {
  if (runner) {
    void runner.prepare(runtimeOf(language).newEntry);
    return runner;
  }
  let relay: ServerRelay | null = null;
  const made = new RunnerClient({
    runtime: runtimeOf(language),
    limitMs: () => limitMs,
    onRestart: (stopped) => relay?.attachRunner({ stopped }),
    onStartProgress: (progress) => tell({ type: "start-progress", progress }),
    onRunning: (running) =>
      tell({
        type: "running",
        running: running && {
          what: running.what,
          limitMs: running.limitMs,
          agoMs: age(running.startedAt),
          ...(running.paused ? { paused: true } : {}),
        },
      }),
    onTerminal: (notice) => tell({ type: "terminal", notice }),
  });
  runner = made;
  // Nothing here needs the worker's control (the preview's frames are its clients): no reload for it.
  void registerServiceWorker({ reloadUncontrolled: false }).then(
    (registration) => {
      relay = new ServerRelay(registration, {
        connectRunner: () => made.connect(),
        previewConfig: () => preview,
        servePreview: async (input, scopePath, reply) => {
          const answer = await askPlayground<PreviewReply>(
            { type: "serve-preview", input, scopePath },
            PREVIEW_TIMEOUT_MS,
          );
          if (answer.type === "preview-error") throw new Error(answer.error);
          reply(answer.response);
        },
        previewServed: async (served) => {
          const transfer = [served.response.body.buffer as ArrayBuffer];
          const config = await askPlayground<PreviewConfig | null>(
            { type: "preview-served", served },
            SERVED_TIMEOUT_MS,
            transfer,
          ).catch(() => null);
          if (config) preview = config;
        },
      });
      relay.attachRunner();
      sandboxRelay = relay;
      tell({ type: "preview-ready", scope: registration.scope });
    },
    (error: unknown) =>
      tell({
        type: "preview-ready",
        scope: null,
        reason: error instanceof Error ? error.message : String(error),
      }),
  );
  return made;
}

/**
 * The playground's preview frame: a sibling of this page, the playground's
 * other frame on this origin (found by index: a page may rename its window).
 */
function previewWindow(): Window | null {
  for (let i = 0; i < parent.length; i++) {
    const frame = parent[i];
    if (!frame || frame === window) continue;
    try {
      if (frame.location.origin === location.origin) return frame;
    } catch {
      // A frame of another origin (the preview left for another site).
    }
  }
  return null;
}

/** Do `action` in the playground's preview frame, or say its address (null: it cannot be reached). */
function previewFrame(action: "back" | "forward" | "reload" | "href"): string | null {
  const frame = previewWindow();
  if (!frame) return null;
  try {
    if (action === "href") return frame.location.href;
    if (action === "back") frame.history.back();
    else if (action === "forward") frame.history.forward();
    else frame.location.reload();
  } catch {
    // It left this origin meanwhile.
  }
  return null;
}

/** Answer one message of the playground's. */
async function answer(message: ToSandbox, ports: readonly MessagePort[]): Promise<void> {
  const reply = ports.at(-1);
  const current = runner;
  switch (message.type) {
    case "load": {
      limitMs = message.limitMs;
      const language = runtimeFor(message.entry);
      const client = "error" in language ? current : runnerFor(language.language);
      let result: SandboxLoad;
      try {
        result = client
          ? await client.load(message.buildId, message.program, message.entry)
          : { ok: false, error: "No runner for this project." };
      } catch (error) {
        // Stopped at the time limit, or the runner restarted under it: the playground says why.
        result = { thrown: error instanceof Error ? error.message : String(error) };
      }
      reply?.postMessage(result);
      return;
    }
    case "serve": {
      limitMs = message.limitMs;
      const progress = message.progress ? ports[0] : undefined;
      let served: SandboxServed;
      try {
        if (!current) throw new Error("No build of the app is loaded yet.");
        const response = await current.serve(
          message.request,
          // The chunk came moved from the runner: it is this page's to move on.
          progress
            ? (each) => progress.postMessage({ progress: each }, [each.chunk.buffer as ArrayBuffer])
            : undefined,
          { background: message.background === true },
        );
        served = { response };
      } catch (error) {
        served = { error: error instanceof Error ? error.message : String(error) };
      }
      progress?.close();
      const transfer = "response" in served ? [served.response.body.buffer as ArrayBuffer] : [];
      reply?.postMessage(served, transfer);
      return;
    }
    case "prepare": {
      const language = runtimeFor(message.entry);
      if (!("error" in language)) {
        if (current) await current.prepare(message.entry);
        else runnerFor(language.language);
      }
      reply?.postMessage(null);
      return;
    }
    case "time-limit":
      limitMs = message.limitMs;
      return;
    case "stop-now":
      current?.stopNow();
      return;
    case "hold-standby":
      current?.holdStandby(message.held);
      return;
    case "preview-config":
      preview = message.preview;
      sandboxRelay?.sendPreviewConfig(message.preview);
      return;
    case "preview-frame": {
      // Done whether or not it is answered (`reply?.postMessage(previewFrame(…))` would skip it untold).
      const href = previewFrame(message.action);
      reply?.postMessage(href);
      return;
    }
    case "terminal-line": {
      const typed: TypedLine = current
        ? await current.terminal.typeLine(message.line).catch((error: unknown) => ({
            to: "refused" as const,
            why: error instanceof Error ? error.message : String(error),
          }))
        : { to: "refused", why: "No app runs yet." };
      reply?.postMessage(typed);
      return;
    }
    case "terminal-end":
      current?.terminal.endInput();
      return;
    case "terminal-complete":
      reply?.postMessage(current ? await current.terminal.complete(message.text) : []);
      return;
    case "keep-site": {
      const relay = sandboxRelay;
      reply?.postMessage(
        relay ? await keepLoaded((paths) => relay.keepSite(paths), relay.scope) : 0,
      );
      return;
    }
  }
}

function connect(event: MessageEvent<ConnectSandbox>): void {
  const given = event.ports[0];
  if (port || !given) return;
  port = given;
  limitMs = event.data.limitMs;
  preview = event.data.preview;
  runnerFor(event.data.language);
  port.onmessage = (message: MessageEvent<ToSandbox>) => void answer(message.data, message.ports);
  for (const { message, transfer } of waiting.splice(0)) port.postMessage(message(), transfer);
}

if (playground && parent !== window) {
  window.addEventListener("message", (event: MessageEvent<ConnectSandbox>) => {
    // The playground, and only it, connects: a page that frames this one elsewhere gets nothing.
    if (event.origin !== playground || event.source !== parent) return;
    if (event.data?.type === "connect-sandbox") connect(event);
  });
  // CPython's start is the longest wait of a visit: it begins before the playground connects,
  // and the playground's main code waits until it has begun (this page shares its thread).
  const language = params.get("language");
  let begun: Promise<unknown> = Promise.resolve();
  if (language === "python" || language === "typescript") {
    // A runner whose script never runs is the runner client's to report, not a silent sandbox.
    begun = atMost(startEarly(runtimeOf(language)), BEGUN_WAIT_MS);
    runnerFor(language);
  }
  const loaded: SandboxListening = { type: "sandbox-loaded" };
  void begun.then(() => parent.postMessage(loaded, playground));
}
