/**
 * @module service-worker
 * Page ↔ service worker. The request panel does not use `fetch()` (it would
 * drop Cookie, Host and Content-Length and hide redirects); it posts the
 * request record to the service worker, which forwards it to the page's
 * runner and answers on the MessagePort sent with the request. The service
 * worker keeps one runner port per page; when it has none (first contact, or
 * it was stopped while idle and lost its state) it asks the page for one.
 */
import type { RequestRecord, ResponseRecord } from "../wsgi/records";

/** Page → service worker: a port to the page's runner (in `ports[0]`). */
export interface AttachRunnerMessage {
  type: "attach-runner";
}

/** Page → service worker: serve this request; reply on `ports[0]`. */
export interface PanelRequestMessage {
  type: "panel-request";
  id: number;
  request: RequestRecord;
}

export type PageToWorkerMessage = AttachRunnerMessage | PanelRequestMessage;

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

/** Page → service worker, on the preview request's reply port. */
export type PreviewReply =
  | { type: "preview-response"; id: number; response: ResponseRecord }
  | { type: "preview-error"; id: number; error: string };

/** Service worker → page, on the request's reply port. */
export type PanelReply =
  | { type: "panel-response"; id: number; response: ResponseRecord }
  | { type: "panel-error"; id: number; error: string };
