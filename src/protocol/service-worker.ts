/**
 * @module service-worker
 * Page ↔ service worker. The service worker serves the live preview only:
 * the request panel sends its records to the runner itself.
 *
 * The page gives the worker a port to its runner (`AttachRunnerMessage`),
 * when asked (`RunnerWantedMessage`: first contact, or the worker was
 * stopped while idle and lost its state) and whenever its runner is
 * replaced. While the page says the build on screen is loaded
 * (`PreviewConfig.direct`), the preview frame's requests go from the worker
 * straight to the runner, with the cookie jar's cookies for the virtual host
 * as a snapshot; the page hears of each one afterwards
 * (`PreviewServedMessage`) for the history, and before the frame gets a
 * response that sets cookies, so the jar has them when the redirect that
 * usually follows comes in. Otherwise the worker hands the request to the
 * page (`PreviewRequestMessage`), which builds first.
 *
 * Every question that waits for an answer carries its own reply port (see
 * `ask`); the worker never builds a response record itself, so it bundles
 * none of the WSGI server.
 */
import type { SnapshotCookie } from "../request/cookie-snapshot";
import type { RequestRecord, ResponseRecord } from "../wsgi/records";

/** A preview frame's request as the service worker read it: what the page gets when it serves it. */
export interface PreviewInput {
  method: string;
  /** The full URL the frame asked for, on the playground's origin. */
  url: string;
  /** The browser's headers, lower-case, in its order. */
  headers: [string, string][];
  body: Uint8Array;
}

/** What the service worker needs to serve the preview without the page. */
export interface PreviewConfig {
  /** The virtual host the app serves (the request panel's Host). */
  host: string;
  /** The code on screen is the build the runner has loaded: serve without asking the page. */
  direct: boolean;
  /** The jar's cookies for the host, or null when requests do not use the jar. */
  cookies: SnapshotCookie[] | null;
}

/** A preview request the runner was stopped in (the time limit): its `serve` id and the page's 504 record. */
export interface StoppedServe {
  id: number;
  response: ResponseRecord;
}

/**
 * Page → service worker: a port to the page's runner (`ports[0]`) and one to
 * the page (`ports[1]`). A port to the same runner as before (the worker
 * asked twice) changes nothing. A new runner replacing an old one
 * (`replaced`) gets what was still waiting on the old, except the request
 * the old one was stopped in (`stopped`), which gets the record it carries.
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

export type PageToWorkerMessage = AttachRunnerMessage | PreviewConfigMessage | KeepSiteMessage;

/**
 * Page → service worker: keep these of the build's files for a visit
 * without the network (what the page loaded before the worker controlled it,
 * and Python's runtime when it started one); paths under the scope. The
 * worker answers on the port sent with it: how many files it added.
 */
export interface KeepSiteMessage {
  type: "keep-site";
  paths: string[];
}

/** Service worker → page: send me a runner port. */
export interface RunnerWantedMessage {
  type: "runner-wanted";
}

/**
 * Service worker → page: the preview frame asked for this; build if needed,
 * serve it through the cookie jar, the runner and the history, and answer
 * with a `PreviewReply` on the reply port.
 */
export interface PreviewRequestMessage {
  type: "preview-request";
  input: PreviewInput;
  /** The service worker's scope path, where the app is mounted. */
  scopePath: string;
}

export type WorkerToPageMessage = RunnerWantedMessage | PreviewRequestMessage;

/**
 * Service worker → page (on the page's port): a preview request the worker
 * served directly, for the history. With a reply port the response sets
 * cookies and the frame waits: the page keeps them and answers with its new
 * `PreviewConfig`.
 */
export interface PreviewServedMessage {
  type: "preview-served";
  request: RequestRecord;
  response: ResponseRecord;
  /** Round trip through the runner, in ms. */
  time: number;
}

/** Page → service worker, on a preview request's reply port. */
export type PreviewReply =
  { type: "preview-response"; response: ResponseRecord } | { type: "preview-error"; error: string };
