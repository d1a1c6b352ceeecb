/**
 * @module preview-routes
 * Which of the requests the service worker sees are the preview's, and
 * which playground page serves each: the routing rule of
 * `service-worker.ts`, as pure functions over what the worker knows.
 *
 * @example
 * routeOf({ url, mode: "navigate", destination: "iframe" }, "", origin, routes); // "preview"
 */

/** What the worker remembers about clients, rebuilt on demand after a restart. */
export interface Routes {
  /** Preview document client id → the playground window that owns it. */
  owners: Map<string, string>;
  /** Client ids known not to be previews (the playground, its workers). */
  notPreview: Set<string>;
}

/** The parts of a fetch that decide its route. */
export interface FetchFacts {
  url: string;
  mode: string;
  destination: string;
}

/** A window client, as `clients.matchAll` describes it. */
export interface WindowFacts {
  id: string;
  frameType: string;
  focused: boolean;
}

/**
 * `preview`: the app serves it. `unknown-client`: a client the worker has
 * not met since it started; it is the preview's if it is a nested window
 * (see `isPreviewWindow`). `network`: the playground's own files.
 */
export type Route = "preview" | "unknown-client" | "network";

/** Where a fetch goes. Only same-origin requests are ever the app's; top-level navigations never are. */
export function routeOf(
  fetch: FetchFacts,
  clientId: string,
  origin: string,
  routes: Routes,
): Route {
  if (new URL(fetch.url).origin !== origin) return "network";
  const frameNavigation =
    fetch.mode === "navigate" && (fetch.destination === "iframe" || fetch.destination === "frame");
  if (frameNavigation || routes.owners.has(clientId)) return "preview";
  if (clientId && !routes.notPreview.has(clientId) && fetch.mode !== "navigate") {
    return "unknown-client";
  }
  return "network";
}

/**
 * The sandbox page's address (see `sandbox-main.ts`): a frame, but never
 * the app's, nor is what it loads. The one address of the virtual host the
 * preview cannot show: `/sandbox.html?playground=…`.
 */
export function isSandboxPage(url: string, scope: string): boolean {
  const { origin, pathname, searchParams } = new URL(url);
  const base = new URL(scope);
  return (
    origin === base.origin &&
    pathname === `${base.pathname}sandbox.html` &&
    searchParams.has("playground")
  );
}

/**
 * A client met again after a restart is a preview document when it is a
 * frame, other than the sandbox page (the playground has no others).
 */
export function isPreviewWindow(
  client: { type: string; frameType?: string; url?: string } | undefined,
  scope: string,
): boolean {
  if (client?.type !== "window" || client.frameType !== "nested") return false;
  return !(client.url && isSandboxPage(client.url, scope));
}

/**
 * The playground window that serves a preview request: the owner of the
 * first candidate client that has one (or a candidate that is a playground
 * page itself) while that window is open; else the focused playground
 * window, else one with a runner, else any.
 */
export function chooseOwner(
  candidates: string[],
  routes: Routes,
  runnerPages: ReadonlySet<string>,
  windows: WindowFacts[],
): string | null {
  const open = new Set(windows.map((w) => w.id));
  for (const id of candidates) {
    const owner = routes.owners.get(id) ?? (runnerPages.has(id) ? id : undefined);
    if (owner && open.has(owner)) return owner;
  }
  // A playground is a top-level window, or a sandbox page (a frame) with a runner.
  const playgrounds = windows.filter(
    (w) => (w.frameType === "top-level" || runnerPages.has(w.id)) && !routes.owners.has(w.id),
  );
  return (
    (
      playgrounds.find((w) => w.focused) ??
      playgrounds.find((w) => runnerPages.has(w.id)) ??
      playgrounds[0] ??
      null
    )?.id ?? null
  );
}

/**
 * The page whose runner may serve a request without being asked: the owner
 * of the requesting document, or, for a frame's navigation (it has no
 * client yet), the only playground page there is.
 */
export function directOwner(
  clientId: string,
  resultingClientId: string,
  routes: Routes,
  runnerPages: ReadonlySet<string>,
): string | undefined {
  const owner = routes.owners.get(clientId);
  if (owner !== undefined) return owner;
  if (resultingClientId && runnerPages.size === 1) return runnerPages.values().next().value;
  return undefined;
}
