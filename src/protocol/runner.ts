/**
 * @module runner
 * Page/service worker ↔ app runner. The page owns the runner Worker: it loads
 * builds into it (`load`) and hands it MessagePorts (`attach`) over which the
 * service worker sends requests (`serve`). Requests are language-neutral
 * records, so another runtime can answer the same messages.
 */
import type { RequestRecord, ResponseRecord } from "../wsgi/records";

/** Evaluate a compiled bundle and make its app the one that answers. */
export interface LoadMessage {
  type: "load";
  id: number;
  buildId: number;
  code: string;
  /** Path of the entry file, for messages. */
  entry: string;
}

/** Listen for `serve` messages on the port transferred with this message. */
export interface AttachMessage {
  type: "attach";
}

/** Run one request through the loaded app. */
export interface ServeMessage {
  type: "serve";
  id: number;
  request: RequestRecord;
}

export type RunnerRequest = LoadMessage | AttachMessage | ServeMessage;

/** The build is loaded. */
export interface LoadedReply {
  type: "loaded";
  id: number;
  buildId: number;
}

/** The build threw while loading, or has no app to export. */
export interface LoadFailedReply {
  type: "load-failed";
  id: number;
  error: string;
}

/** The response record for a `serve`. */
export interface ServedReply {
  type: "served";
  id: number;
  response: ResponseRecord;
}

/** No app could answer (nothing loaded yet). */
export interface ServeFailedReply {
  type: "serve-failed";
  id: number;
  error: string;
}

export type RunnerReply = LoadedReply | LoadFailedReply | ServedReply | ServeFailedReply;

/**
 * Runner → page, for a `serve` that came over a port (from the service
 * worker): the app started on it, and it finished. The page owns the
 * Worker, so it keeps the time limit for requests it never sees.
 */
export type ServeNotice =
  | { type: "serving"; /** The `serve` message's id (the service worker's). */ id: number }
  | { type: "serve-ended"; id: number };

/** Everything the runner posts to the page. */
export type RunnerMessage = RunnerReply | ServeNotice;
