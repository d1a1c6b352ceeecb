/**
 * @module service-worker
 * Page ↔ service worker. The request panel does not use `fetch()` (it would
 * drop Cookie, Host and Content-Length and hide redirects); it posts the
 * request record to the service worker, which forwards it to the page's
 * runner and answers on the MessagePort sent with the request. The service
 * worker keeps one runner port per page; when it has none (first contact, or
 * it was stopped while idle and lost its state) it asks the page for one.
 *
 * The preview frame's requests go from the service worker straight to the
 * runner while the page says the build on screen is loaded (`PreviewConfig`),
 * with the cookie jar's cookies for the virtual host as a snapshot; the page
 * hears of each one afterwards (`PreviewServedMessage`) for the history, and
 * before the frame gets a response that sets cookies, so the jar has them
 * when the redirect that usually follows comes in. Otherwise the worker asks
 * the page to serve it (`PreviewRequestMessage`): the page builds first.
 */
import type { SnapshotCookie } from "../request/cookie-snapshot";
import type { RequestRecord, ResponseRecord } from "../wsgi/records";

/** What the service worker needs to serve the preview without the page. */
export interface PreviewConfig {
  /** The virtual host the app serves (the request panel's Host). */
  host: string;
  /** The code on screen is the build the runner has loaded: serve without asking the page. */
  direct: boolean;
  /** The jar's cookies for the host, or null when requests do not use the jar. */
  cookies: SnapshotCookie[] | null;
}

/** A request the runner was stopped in (the time limit), by its `serve` id. */
export interface StoppedServe {
  id: number;
  afterMs: number;
}

/**
 * Page → service worker: a port to the page's runner (`ports[0]`) and one to
 * the page (`ports[1]`). A port to the same runner as before (the worker
 * asked twice) changes nothing. A new runner replacing an old one
 * (`replaced`) gets what was still waiting on the old, except the request
 * the old one was stopped in (`stopped`), which is answered with the
 * server's 504.
 */
export interface AttachRunnerMessage {
  type: "attach-runner";
  preview: PreviewConfig | null;
  replaced: { stopped: StoppedServe | null } | null;
}

/** Page → service worker: the preview's configuration changed. */
export interface PreviewConfigMessage {
  type: "preview-config";
  preview: PreviewConfig;
}

/** Page → service worker: serve this request; reply on `ports[0]`. */
export interface PanelRequestMessage {
  type: "panel-request";
  id: number;
  request: RequestRecord;
}

export type PageToWorkerMessage = AttachRunnerMessage | PreviewConfigMessage | PanelRequestMessage;

/** Service worker → page: send me a runner port. */
export interface RunnerWantedMessage {
  type: "runner-wanted";
}

/**
 * Service worker → page: the preview frame asked for this; serve it through
 * the cookie jar, the runner and the history, and answer on `ports[0]`.
 */
export interface PreviewRequestMessage {
  type: "preview-request";
  id: number;
  request: RequestRecord;
}

export type WorkerToPageMessage = RunnerWantedMessage | PreviewRequestMessage;

/**
 * Service worker → page (on the page's port): a preview request the worker
 * served directly, for the history. With a reply port (`ports[0]`) the
 * response sets cookies and the frame waits: the page keeps them and
 * answers with the new `PreviewConfig`.
 */
export interface PreviewServedMessage {
  type: "preview-served";
  request: RequestRecord;
  response: ResponseRecord;
  /** Round trip through the runner, in ms. */
  time: number;
}

/** Page → service worker, on the preview request's reply port. */
export type PreviewReply =
  | { type: "preview-response"; id: number; response: ResponseRecord }
  | { type: "preview-error"; id: number; error: string };

/** Service worker → page, on the request's reply port. */
export type PanelReply =
  | { type: "panel-response"; id: number; response: ResponseRecord }
  | { type: "panel-error"; id: number; error: string };
