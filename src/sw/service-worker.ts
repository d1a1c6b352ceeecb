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
 * at once instead of leaving an old worker serving stale code.
 *
 * Offline. The playground's own files are kept in one cache per build (see
 * `site-cache.ts`), so that a second visit starts, Python included, with the
 * network off: files named by their bytes come from the cache first, the
 * page itself from the network first (a new deployment shows at once) and
 * from the cache when there is no network. A new build's worker deletes the
 * old build's cache as it activates.
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
 * The request panel does not come through here: the page sends its
 * records to its runner itself. Which requests are the preview's and which
 * page owns them is decided by the pure functions of `preview-routes.ts`.
 */
import { ask } from "../protocol/ask";
import type {
  PageToWorkerMessage,
  PreviewConfig,
  PreviewReply,
  PreviewRequestMessage,
  PreviewServedMessage,
  WorkerToPageMessage,
} from "../protocol/service-worker";
import { snapshotCookieHeader } from "../request/cookie-snapshot";
import type { ResponseRecord } from "../wsgi/records";
import type { ServeProgress } from "../wsgi/serve-progress";
import {
  PREVIEW_POLICIES,
  previewHead,
  previewRecord,
  readPreviewRequest,
  recordToResponse,
} from "./convert";
import { PreviewStream } from "./preview-stream";
import {
  cacheName,
  keepFiles,
  pathInScope,
  policyOf,
  serveSiteFile,
  staleCaches,
  type Policy,
} from "./site-cache";
import {
  chooseOwner,
  directOwner,
  isPreviewWindow,
  isSandboxPage,
  routeOf,
  type Routes,
} from "./preview-routes";
import { attach, runnerPages, runners, serveWith, SERVE_TIMEOUT_MS } from "./runner-links";

declare const self: ServiceWorkerGlobalScope;

/**
 * How long after its head a response must still be coming to be streamed:
 * a quick one goes to the frame whole (as a Blob, the fastest way in).
 */
const STREAM_AFTER_MS = 60;

/** How long a response that sets cookies waits for the page to keep them. */
const COOKIE_WAIT_MS = 5_000;

/** Which clients are previews and whose; a cache rebuilt on demand after a restart. */
const routes: Routes = { owners: new Map(), notPreview: new Set() };

/** The build's own files, by path under the scope (none in dev: nothing is kept). */
const SITE_FILES: readonly string[] = __SITE_FILES__ ?? [];
const SITE_CACHE = cacheName(SITE_FILES);

self.addEventListener("install", () => {
  void self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  const pruned = caches
    .keys()
    .then((names) =>
      Promise.all(staleCaches(names, SITE_CACHE).map((name) => caches.delete(name))),
    );
  event.waitUntil(Promise.all([self.clients.claim(), pruned]));
});

/** The policies this worker answers by (the others go to the network). */
type ServedPolicy = Exclude<Policy, "network" | "runner">;

/** One of the build's files, by its policy, when `request` asks for one (a GET in scope). */
function siteFileOf(request: Request): { path: string; policy: ServedPolicy } | null {
  const path = request.method === "GET" ? pathInScope(request.url, self.registration.scope) : null;
  if (path === null) return null;
  const policy = policyOf(path, SITE_FILES);
  // Python's runtime is the runner's to read from the cache (see site-cache.ts): the network's here.
  return policy === "network" || policy === "runner" ? null : { path, policy };
}

/** Answer one of the build's files by its policy. */
async function serveSite(request: Request, file: { path: string; policy: ServedPolicy }) {
  const key = new URL(file.path || "index.html", self.registration.scope).href;
  return serveSiteFile(request, file.policy, await caches.open(SITE_CACHE), key);
}

/** The playground's own request: one of the build's files by its policy, else the network. */
function siteOrNetwork(request: Request): Promise<Response> {
  const file = siteFileOf(request);
  return file ? serveSite(request, file) : fetch(request);
}

self.addEventListener("message", (event: ExtendableMessageEvent) => {
  const client = event.source;
  if (!(client instanceof Client)) return;
  const message = event.data as PageToWorkerMessage;
  if (message.type === "preview-config") {
    const link = runners.get(client.id);
    if (link) link.preview = message.preview;
  } else if (message.type === "attach-runner" && event.ports[0]) {
    attach(client.id, event.ports[0], event.ports[1] ?? null, message.preview, message.replaced);
    routes.notPreview.add(client.id);
  } else if (message.type === "keep-site") {
    const scope = self.registration.scope;
    const reply = event.ports[0];
    event.waitUntil(
      caches
        .open(SITE_CACHE)
        .then((cache) => keepFiles(cache, scope, message.paths, SITE_FILES))
        .then(
          (added) => reply?.postMessage(added),
          () => reply?.postMessage(0),
        ),
    );
  }
});

// ---- The preview -----------------------------------------------------------

/** The playground window to serve a preview request: the frame's owner, else the likeliest one. */
async function ownerFor(candidates: string[]): Promise<WindowClient | null> {
  const windows = (await self.clients.matchAll({
    type: "window",
    includeUncontrolled: true,
  })) as WindowClient[];
  // Pages that were closed or reloaded since: forget their runners.
  for (const id of runners.keys()) if (!windows.some((w) => w.id === id)) runners.delete(id);
  // On the sandbox's origin the sandbox page, a frame, stands where a playground window would.
  const facts = windows.map(({ id, focused, frameType, url }) => ({
    id,
    focused,
    frameType: isSandboxPage(url, self.registration.scope) ? "top-level" : frameType,
  }));
  const owner = chooseOwner(candidates, routes, runnerPages(), facts);
  return windows.find((w) => w.id === owner) ?? null;
}

/** Is this subresource request made by a preview document? */
async function fromPreview(clientId: string): Promise<boolean> {
  const preview = isPreviewWindow(
    (await self.clients.get(clientId)) as WindowClient | undefined,
    self.registration.scope,
  );
  if (!preview) routes.notPreview.add(clientId);
  return preview;
}

function failure(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "X-WSGI-Playground": "preview-error",
      ...Object.fromEntries(PREVIEW_POLICIES),
    },
  });
}

function isSetCookie(name: string): boolean {
  return /^set-cookie2?$/i.test(name);
}

function setsCookies(response: ResponseRecord): boolean {
  return response.headers.some(([name]) => isSetCookie(name));
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
  return ask<PreviewConfig>(page, message, COOKIE_WAIT_MS, "The playground page", transfer).catch(
    () => null,
  );
}

function scopePath(): string {
  return new URL(self.registration.scope).pathname;
}

/**
 * Serve a preview request with the page's runner, without the page: its
 * cookies from the snapshot, the history told afterwards. A response still
 * coming {@link STREAM_AFTER_MS} after its head was sent goes to the frame
 * as a stream (see `preview-stream.ts`), unless it sets cookies: the jar
 * keeps those before the frame sees them.
 */
async function serveDirect(event: FetchEvent, owner: string): Promise<Response> {
  const link = runners.get(owner)!;
  const preview = link.preview!;
  const request = event.request;
  const record = previewRecord(await readPreviewRequest(request), {
    scopePath: scopePath(),
    host: preview.host,
  });
  const cookie = preview.cookies && snapshotCookieHeader(preview.cookies, record.target);
  if (cookie) record.headers.push(["Cookie", cookie]);
  const started = performance.now();
  let stream = null as PreviewStream | null;
  let streamable!: () => void;
  const slow = new Promise<"slow">((resolve) => {
    streamable = () => setTimeout(() => resolve("slow"), STREAM_AFTER_MS);
  });
  const onProgress = (progress: ServeProgress) => {
    if (!stream && progress.status !== undefined && progress.headers) {
      const head = previewHead(progress.status, progress.headers, request.method);
      const keepsCookies = preview.cookies && progress.headers.some(([name]) => isSetCookie(name));
      if (!head || head.noBody || keepsCookies) return;
      stream = new PreviewStream(progress.status, head);
      streamable();
    }
    stream?.push(progress.chunk);
  };
  const whole = serveWith(link, record, onProgress);
  const first = await Promise.race([whole, slow]);
  const history = (response: ResponseRecord) => ({
    request: record,
    response,
    time: performance.now() - started,
  });
  if (first === "slow") {
    const streaming = stream!;
    event.waitUntil(
      whole.then(
        (response) => {
          streaming.end(response);
          void tellPage(owner, history(response), false);
        },
        (error: unknown) => streaming.fail(error instanceof Error ? error.message : String(error)),
      ),
    );
    return streaming.response;
  }
  stream?.fail("Answered whole.");
  const response = first;
  const served = history(response);
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

/** Hand a preview request to the page that owns it: it builds first, then serves it. */
async function serveByPage(event: FetchEvent, owner: WindowClient): Promise<Response> {
  const request = event.request;
  // Without a port to the owner's runner (this worker restarted), ask for one: the next request goes direct.
  if (!runners.has(owner.id)) {
    const wanted: WorkerToPageMessage = { type: "runner-wanted" };
    owner.postMessage(wanted);
  }
  const message: PreviewRequestMessage = {
    type: "preview-request",
    input: await readPreviewRequest(request),
    scopePath: scopePath(),
  };
  const reply = await ask<PreviewReply>(owner, message, SERVE_TIMEOUT_MS, "The playground page");
  if (reply.type === "preview-error") throw new Error(reply.error);
  return recordToResponse(reply.response, request.method);
}

async function servePreview(event: FetchEvent, known: boolean): Promise<Response> {
  const request = event.request;
  if (!known && !(await fromPreview(event.clientId))) return siteOrNetwork(request);
  try {
    const direct = directOwner(event.clientId, event.resultingClientId, routes, runnerPages());
    const link = direct === undefined ? undefined : runners.get(direct);
    if (direct !== undefined && link?.preview?.direct && link.page) {
      if (event.resultingClientId) routes.owners.set(event.resultingClientId, direct);
      return await serveDirect(event, direct);
    }
    const owner = await ownerFor([event.clientId]);
    if (!owner) return failure(503, "No playground window is open to serve the preview.");
    if (event.resultingClientId) routes.owners.set(event.resultingClientId, owner.id);
    // A preview document met again after this worker restarted: remember whose it is.
    if (request.mode !== "navigate" && event.clientId) routes.owners.set(event.clientId, owner.id);
    return await serveByPage(event, owner);
  } catch (error) {
    return failure(
      504,
      `The preview request failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

self.addEventListener("fetch", (event) => {
  const sandbox = isSandboxPage(event.request.url, self.registration.scope);
  const route = sandbox
    ? "network"
    : routeOf(event.request, event.clientId, self.location.origin, routes);
  if (route !== "network") event.respondWith(servePreview(event, route === "preview"));
  else {
    const file = SITE_FILES.length > 0 ? siteFileOf(event.request) : null;
    if (file) event.respondWith(serveSite(event.request, file));
  }
});
