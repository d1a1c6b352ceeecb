/// <reference lib="webworker" />
/**
 * @module runner-links
 * The service worker's side of each playground page's app runner: the port
 * it sends `serve` messages on, the requests waiting for an answer, and what
 * the page said about its preview. A page gives a port when asked (the
 * worker lost its state, or never had it) and a new one when its runner was
 * replaced; see `attach`. The worker never answers for a runner itself: a
 * request stopped at the time limit gets the record the page sends.
 */
import type { RunnerReply, ServeMessage } from "../protocol/runner";
import type { PreviewConfig, StoppedServe } from "../protocol/service-worker";
import type { RequestRecord, ResponseRecord } from "../wsgi/records";
import type { ServeProgress } from "../wsgi/serve-progress";

/** Past the longest time limit (60 s): the page stops a runaway app before this. */
export const SERVE_TIMEOUT_MS = 65_000;

/** A request sent to a runner and not answered yet. */
interface Pending {
  request: RequestRecord;
  /** Hears the response as it goes, when asked for (`serve` with `progress`). */
  progress?: (progress: ServeProgress) => void;
  settle(reply: RunnerReply): void;
}

/** What the worker holds for one playground page: its runner, and what the preview needs. */
export interface RunnerLink {
  port: MessagePort;
  pending: Map<number, Pending>;
  /** To the page itself: what the preview served. */
  page: MessagePort | null;
  preview: PreviewConfig | null;
}

/** Each playground page's link, by its client id. */
export const runners = new Map<string, RunnerLink>();
let nextServeId = 1;

function post(link: RunnerLink, id: number, waiting: Pending) {
  const message: ServeMessage = { type: "serve", id, request: waiting.request };
  if (waiting.progress) message.progress = true;
  link.port.postMessage(message);
}

/**
 * A page gives its runner's port (a new runner, or this worker restarted).
 * What was still waiting on a replaced runner is sent to the new one, except
 * the request it was stopped in, which gets the page's 504 record. A second port
 * to the same runner (asked for twice) is not used: the requests on the
 * first are still being answered there.
 */
export function attach(
  clientId: string,
  port: MessagePort,
  page: MessagePort | null,
  preview: PreviewConfig | null,
  replaced: { stopped: StoppedServe | null } | null,
) {
  const old = runners.get(clientId);
  if (old && !replaced) {
    port.close();
    page?.close();
    old.preview = preview ?? old.preview;
    return;
  }
  const link: RunnerLink = { port, pending: new Map(), page, preview };
  port.onmessage = (event: MessageEvent<RunnerReply>) => {
    if (event.data.type === "serve-progress") {
      link.pending.get(event.data.id)?.progress?.(event.data.progress);
      return;
    }
    if (event.data.type === "yielded") {
      // It gave way to the panel's request, sent before: sent again, it runs after that one.
      const waiting = link.pending.get(event.data.id);
      if (waiting) post(link, event.data.id, waiting);
      return;
    }
    const waiting = link.pending.get(event.data.id);
    link.pending.delete(event.data.id);
    waiting?.settle(event.data);
  };
  runners.set(clientId, link);
  if (old) {
    old.port.close();
    const stopped = replaced?.stopped;
    for (const [id, waiting] of old.pending) {
      if (id === stopped?.id) {
        waiting.settle({ type: "served", id, response: stopped.response });
      } else {
        link.pending.set(id, waiting);
        post(link, id, waiting);
      }
    }
  }
}

/** The pages that have given a runner port. */
export function runnerPages(): Set<string> {
  return new Set(runners.keys());
}

/** Serve a request with a page's runner; `onProgress` hears the response as it goes. */
export async function serveWith(
  link: RunnerLink,
  request: RequestRecord,
  onProgress?: (progress: ServeProgress) => void,
): Promise<ResponseRecord> {
  const id = nextServeId++;
  let waiting!: Pending;
  const reply = new Promise<RunnerReply>((resolve, reject) => {
    const timer = setTimeout(() => {
      // A restart may have moved it to another link: look it up by id wherever it is.
      for (const each of runners.values()) each.pending.delete(id);
      reject(new Error("The app runner did not answer."));
    }, SERVE_TIMEOUT_MS);
    waiting = {
      request,
      ...(onProgress ? { progress: onProgress } : {}),
      settle: (answer) => {
        clearTimeout(timer);
        resolve(answer);
      },
    };
    link.pending.set(id, waiting);
  });
  post(link, id, waiting);
  const answer = await reply;
  if (answer.type === "served") return answer.response;
  throw new Error(answer.type === "serve-failed" ? answer.error : "Unexpected runner reply.");
}
