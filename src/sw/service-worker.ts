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
 * A preview request is served for the page that owns the frame (the
 * playground window whose navigation created it, or the focused one). While
 * that page says its runner has the code on screen loaded, the worker sends
 * the request straight to the runner, with the Cookie header made from the
 * page's snapshot of its cookie jar, and tells the page afterwards (the
 * history); a response that sets cookies goes to the page first, so the jar
 * has them before the frame follows the redirect that usually comes with
 * them. Otherwise (code not built yet, a worker that restarted and has not
 * heard from the page) the page serves it: it builds, adds the jar's
 * cookies, runs the app and keeps what it set.
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
import type {
  PageToWorkerMessage,
  PanelReply,
  PreviewConfig,
  PreviewReply,
  PreviewRequestMessage,
  PreviewServedMessage,
  WorkerToPageMessage,
} from "../protocol/service-worker";
import { snapshotCookieHeader } from "../request/cookie-snapshot";
import type { RequestRecord, ResponseRecord } from "../wsgi/records";
import { recordToResponse, requestToRecord } from "./convert";
import {
  attach,
  runnerFor,
  runners,
  serveWith,
  SERVE_TIMEOUT_MS,
  type RunnerLink,
} from "./runner-links";

declare const self: ServiceWorkerGlobalScope;

/** How long a response that sets cookies waits for the page to keep them. */
const COOKIE_WAIT_MS = 5_000;
/** The virtual host of the record; the page puts its own in (the request panel's Host). */
const DEFAULT_HOST = "localhost:8000";

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
  if (message.type === "preview-config") {
    const link = runners.get(client.id);
    if (link) link.preview = message.preview;
    return;
  }
  const port = event.ports[0];
  if (!port) return;
  switch (message.type) {
    case "attach-runner":
      attach(client.id, port, event.ports[1] ?? null, message.preview, message.replaced);
      notPreview.add(client.id);
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
  // Pages that were closed or reloaded since: forget their runners.
  const open = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const id of runners.keys()) if (!open.some((w) => w.id === id)) runners.delete(id);
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

function setsCookies(response: ResponseRecord): boolean {
  return response.headers.some(([name]) => /^set-cookie2?$/i.test(name));
}

/**
 * Tell the page what the preview was served, for the history; the body is
 * moved to it (the frame's Response holds its own copy). With `wait`, the
 * page keeps the response's cookies first and answers with its new config.
 */
function tellPage(
  owner: string,
  served: Omit<PreviewServedMessage, "type">,
  wait: boolean,
): Promise<PreviewConfig | null> {
  // The link the request went out on may have been replaced since (a restarted runner).
  const page = runners.get(owner)?.page;
  if (!page) return Promise.resolve(null);
  const message: PreviewServedMessage = { type: "preview-served", ...served };
  const transfer: Transferable[] = [served.response.body.buffer as ArrayBuffer];
  if (!wait) {
    page.postMessage(message, transfer);
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), COOKIE_WAIT_MS);
    channel.port1.onmessage = (event: MessageEvent<PreviewConfig>) => {
      clearTimeout(timer);
      channel.port1.close();
      resolve(event.data);
    };
    page.postMessage(message, [...transfer, channel.port2]);
  });
}

/** The page whose runner may serve this request without asking it, if there is one. */
function directLink(event: FetchEvent): [string, RunnerLink] | null {
  let owner = previewOwners.get(event.clientId);
  // A frame's navigation has no client yet: with one playground page, it is the owner.
  if (owner === undefined && event.resultingClientId && runners.size === 1) {
    owner = runners.keys().next().value;
  }
  const link = owner === undefined ? undefined : runners.get(owner);
  return owner !== undefined && link?.preview?.direct && link.page ? [owner, link] : null;
}

/**
 * Serve a preview request with the page's runner, without the page: its
 * cookies from the snapshot, the history told afterwards.
 */
async function serveDirect(
  event: FetchEvent,
  owner: string,
  link: RunnerLink,
  preview: PreviewConfig,
): Promise<Response> {
  const request = event.request;
  const record = await requestToRecord(request, { scopePath: scopePath(), host: preview.host });
  const cookie = preview.cookies && snapshotCookieHeader(preview.cookies, record.target);
  if (cookie) record.headers.push(["Cookie", cookie]);
  const started = performance.now();
  const response = await serveWith(link, record);
  const served = { request: record, response, time: performance.now() - started };
  const answer = recordToResponse(response, request.method);
  if (preview.cookies && setsCookies(response)) {
    const kept = await tellPage(owner, served, true);
    const now = runners.get(owner);
    if (now) now.preview = kept ?? { ...preview, direct: false };
  } else {
    event.waitUntil(
      new Promise<void>((done) =>
        setTimeout(() => {
          void tellPage(owner, served, false);
          done();
        }),
      ),
    );
  }
  return answer;
}

function scopePath(): string {
  return new URL(self.registration.scope).pathname;
}

async function servePreview(event: FetchEvent, known: boolean): Promise<Response> {
  const request = event.request;
  if (!known && !(await fromPreview(event.clientId))) return fetch(request);
  try {
    const direct = directLink(event);
    if (direct) {
      const [owner, link] = direct;
      if (event.resultingClientId) previewOwners.set(event.resultingClientId, owner);
      return await serveDirect(event, owner, link, link.preview!);
    }
    const owner = await ownerFor([event.clientId]);
    if (!owner) return failure(503, "No playground window is open to serve the preview.");
    if (event.resultingClientId) previewOwners.set(event.resultingClientId, owner.id);
    // A preview document met again after this worker restarted: remember whose it is.
    if (request.mode !== "navigate" && event.clientId) previewOwners.set(event.clientId, owner.id);
    // Without a port to the owner's runner (this worker restarted), ask for one: the next request goes direct.
    if (!runners.has(owner.id)) {
      const wanted: WorkerToPageMessage = { type: "runner-wanted" };
      owner.postMessage(wanted);
    }
    const record = await requestToRecord(request, { scopePath: scopePath(), host: DEFAULT_HOST });
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
