/// <reference lib="webworker" />
/**
 * @module service-worker
 * The playground's "server". It is deliberately thin: it never runs user
 * code (a service worker cannot start the dedicated Worker that does, and a
 * runaway loop must not hang it); it routes, and converts with the pure
 * functions of `convert.ts`.
 *
 * Lifecycle. `install` skips waiting and `activate` claims every client, so
 * a first visit is served without a reload and a new deployment takes over
 * at once instead of leaving an old worker serving stale code. Nothing is
 * cached here: the static files come from the network (the host's HTTP cache
 * does its job), so a deploy can never be masked by this worker.
 *
 * State. The browser stops an idle service worker and starts it again on the
 * next event, with its globals gone. What is kept (runner ports, which frame
 * is a preview and which page owns it) is a cache that is rebuilt on demand:
 * a request that finds no runner port asks its page for one
 * (`runner-wanted`), and a preview frame is recognised again by what it is.
 *
 * Routing the preview. The app must believe it is served at the root of its
 * own host, so that `href="/"`, `action="/login"` and `fetch("/api")` reach
 * it — yet those are the very URLs of the playground itself. A path prefix
 * cannot tell them apart (the app's absolute links would escape it). The
 * rule is therefore by *who asks*, not by URL:
 *
 * - a navigation whose destination is a frame (`iframe`/`frame`) is a
 *   preview request, whatever its URL: the playground's only frames are the
 *   preview and the inspector's rendered-body view, and both show the app;
 * - any other request is a preview request when its client is a preview
 *   document: a frame client this worker saw created by such a navigation
 *   (`resultingClientId`), or, after a restart, any nested window client;
 * - everything else (the playground's own page, scripts, workers, wasm)
 *   goes to the network untouched.
 *
 * A preview request is handed to the page that owns the frame (the
 * playground window whose navigation created it, or the focused one), which
 * adds the cookie jar's cookies, runs the app in its runner, keeps the
 * Set-Cookie headers and the history, and returns the response record.
 *
 * Limits. A service worker only sees requests inside its scope. At the root
 * of an origin that is every path; under a sub-path (a project page on a
 * static host) the app is mounted there (SCRIPT_NAME is the sub-path), and
 * an absolute link outside it (`href="/"`) leaves the scope and reaches the
 * static host instead of the app: the preview bar says so. Top-level
 * navigations are never routed to the app: opening a preview URL in a tab of
 * its own loads the playground.
 *
 * Request-panel requests arrive as messages carrying a request record and a
 * reply port; they are forwarded to the runner of the page that sent them.
 */
import type { RunnerReply, ServeMessage } from "../protocol/runner";
import type {
  PageToWorkerMessage,
  PanelReply,
  PreviewReply,
  PreviewRequestMessage,
  WorkerToPageMessage,
} from "../protocol/service-worker";
import type { RequestRecord, ResponseRecord } from "../wsgi/records";
import { recordToResponse, requestToRecord } from "./convert";

declare const self: ServiceWorkerGlobalScope;

const PORT_WAIT_MS = 5_000;
const SERVE_TIMEOUT_MS = 60_000;
/** The virtual host of the record; the page puts its own in (the request panel's Host). */
const DEFAULT_HOST = "localhost:8000";

interface RunnerLink {
  port: MessagePort;
  pending: Map<number, (reply: RunnerReply) => void>;
}

const runners = new Map<string, RunnerLink>();
const portWaiters = new Map<string, ((link: RunnerLink) => void)[]>();
/** Preview document client id → the playground window that owns it. */
const previewOwners = new Map<string, string>();
/** Client ids known not to be previews (the playground, its workers). */
const notPreview = new Set<string>();
let nextId = 1;

self.addEventListener("install", () => {
  void self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

function attach(clientId: string, port: MessagePort) {
  runners.get(clientId)?.port.close();
  const link: RunnerLink = { port, pending: new Map() };
  port.onmessage = (event: MessageEvent<RunnerReply>) => {
    const settle = link.pending.get(event.data.id);
    link.pending.delete(event.data.id);
    settle?.(event.data);
  };
  runners.set(clientId, link);
  notPreview.add(clientId);
  for (const waiter of portWaiters.get(clientId) ?? []) waiter(link);
  portWaiters.delete(clientId);
}

async function runnerFor(client: Client): Promise<RunnerLink> {
  const known = runners.get(client.id);
  if (known) return known;
  const wanted: WorkerToPageMessage = { type: "runner-wanted" };
  client.postMessage(wanted);
  return new Promise((resolve, reject) => {
    const waiters = portWaiters.get(client.id) ?? [];
    waiters.push(resolve);
    portWaiters.set(client.id, waiters);
    setTimeout(
      () => reject(new Error("The page did not connect its app runner to the service worker.")),
      PORT_WAIT_MS,
    );
  });
}

async function serveWith(link: RunnerLink, request: RequestRecord): Promise<ResponseRecord> {
  const id = nextId++;
  const reply = new Promise<RunnerReply>((resolve, reject) => {
    link.pending.set(id, resolve);
    setTimeout(() => {
      link.pending.delete(id);
      reject(new Error("The app runner did not answer."));
    }, SERVE_TIMEOUT_MS);
  });
  const message: ServeMessage = { type: "serve", id, request };
  link.port.postMessage(message);
  const answer = await reply;
  if (answer.type === "served") return answer.response;
  throw new Error(answer.type === "serve-failed" ? answer.error : "Unexpected runner reply.");
}

async function answerPanel(
  client: Client,
  id: number,
  request: RequestRecord,
  replyPort: MessagePort,
) {
  let reply: PanelReply;
  try {
    const response = await serveWith(await runnerFor(client), request);
    reply = { type: "panel-response", id, response };
  } catch (error) {
    reply = {
      type: "panel-error",
      id,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  // Move the body to the page rather than copy it.
  replyPort.postMessage(
    reply,
    reply.type === "panel-response" ? [reply.response.body.buffer as ArrayBuffer] : [],
  );
}

self.addEventListener("message", (event: ExtendableMessageEvent) => {
  const client = event.source;
  if (!(client instanceof Client)) return;
  const message = event.data as PageToWorkerMessage;
  const port = event.ports[0];
  if (!port) return;
  switch (message.type) {
    case "attach-runner":
      attach(client.id, port);
      return;
    case "panel-request":
      event.waitUntil(answerPanel(client, message.id, message.request, port));
      return;
  }
});

// ---- The preview -----------------------------------------------------------

/** The playground window to serve a preview request: the frame's owner, else the likeliest one. */
async function ownerFor(candidates: string[]): Promise<WindowClient | null> {
  for (const id of candidates) {
    const owner = previewOwners.get(id) ?? (runners.has(id) ? id : undefined);
    if (owner) {
      const client = await self.clients.get(owner);
      if (client && client.type === "window") return client as WindowClient;
    }
  }
  const windows = (await self.clients.matchAll({ type: "window" })) as WindowClient[];
  const playgrounds = windows.filter(
    (w) => w.frameType === "top-level" && !previewOwners.has(w.id),
  );
  return (
    playgrounds.find((w) => w.focused) ??
    playgrounds.find((w) => runners.has(w.id)) ??
    playgrounds[0] ??
    null
  );
}

/** Is this subresource request made by a preview document? */
async function fromPreview(clientId: string): Promise<boolean> {
  if (!clientId || notPreview.has(clientId)) return false;
  if (previewOwners.has(clientId)) return true;
  const client = await self.clients.get(clientId);
  const nested = client?.type === "window" && (client as WindowClient).frameType === "nested";
  if (!nested) notPreview.add(clientId);
  return nested;
}

function askOwner(owner: WindowClient, request: RequestRecord): Promise<ResponseRecord> {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    const timer = setTimeout(
      () => reject(new Error("The playground page did not answer.")),
      SERVE_TIMEOUT_MS,
    );
    channel.port1.onmessage = (event: MessageEvent<PreviewReply>) => {
      clearTimeout(timer);
      channel.port1.close();
      if (event.data.type === "preview-response") resolve(event.data.response);
      else reject(new Error(event.data.error));
    };
    const message: PreviewRequestMessage = { type: "preview-request", id: nextId++, request };
    owner.postMessage(message, [channel.port2]);
  });
}

function failure(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "X-WSGI-Playground": "preview-error" },
  });
}

async function servePreview(event: FetchEvent, known: boolean): Promise<Response> {
  const request = event.request;
  if (!known && !(await fromPreview(event.clientId))) return fetch(request);
  const owner = await ownerFor([event.clientId]);
  if (!owner) return failure(503, "No playground window is open to serve the preview.");
  if (event.resultingClientId) previewOwners.set(event.resultingClientId, owner.id);
  const scopePath = new URL(self.registration.scope).pathname;
  try {
    const record = await requestToRecord(request, { scopePath, host: DEFAULT_HOST });
    return recordToResponse(await askOwner(owner, record), request.method);
  } catch (error) {
    return failure(
      504,
      `The preview request failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (new URL(request.url).origin !== self.location.origin) return;
  const frameNavigation =
    request.mode === "navigate" &&
    (request.destination === "iframe" || request.destination === "frame");
  if (frameNavigation || previewOwners.has(event.clientId)) {
    event.respondWith(servePreview(event, true));
  } else if (event.clientId && !notPreview.has(event.clientId) && request.mode !== "navigate") {
    // A client this worker has not met since it started: find out what it is.
    event.respondWith(servePreview(event, false));
  }
});
