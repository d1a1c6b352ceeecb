/// <reference lib="webworker" />
/**
 * @module runner-messages
 * What every runner Worker does with its messages, whatever its language:
 * one message at a time (a WSGI server of this kind serves one request at a
 * time, and a load must finish before the requests after it), answers to
 * the page on the Worker itself and to the service worker on the port it
 * was given (`attach`), response bodies moved rather than copied, and for
 * each request from the service worker a notice to the page when it starts
 * and ends, so the page can keep the time limit for requests it never sees
 * (and for its own, when each begins).
 */
import type { RunnerReply, RunnerRequest, ServeNotice } from "../protocol/runner";

declare const self: DedicatedWorkerGlobalScope;

/** Where a message came from, for its handler. */
export interface MessageContext {
  /** The reply port some messages carry (`start`). */
  port?: MessagePort;
  /** It came over a port (the service worker's), not from the page itself. */
  overPort: boolean;
}

/** A runner's own work: answer `message` with `reply`. */
export type RunnerHandler = (
  message: Exclude<RunnerRequest, { type: "attach" }>,
  reply: (answer: RunnerReply) => void,
  context: MessageContext,
) => void | Promise<void>;

/**
 * Response bodies are moved, not copied: a structured clone of 20 MB took
 * the page's thread 200 ms at each hop. A progress message's chunk may be
 * the body's own bytes, which the response to come still needs: it is moved
 * as a copy (made here, off the page's thread).
 */
function movable(answer: RunnerReply): { answer: RunnerReply; transfer: Transferable[] } {
  if (answer.type === "served")
    return { answer, transfer: [answer.response.body.buffer as ArrayBuffer] };
  if (answer.type === "serve-progress" && answer.progress.chunk.byteLength > 0) {
    const chunk = answer.progress.chunk.slice();
    return {
      answer: { ...answer, progress: { ...answer.progress, chunk } },
      transfer: [chunk.buffer],
    };
  }
  return { answer, transfer: [] };
}

/** Post `answer` to `target`, its bytes moved (see `movable`). */
function post(
  target: { postMessage(message: unknown, transfer: Transferable[]): void },
  answer: RunnerReply,
) {
  const moved = movable(answer);
  target.postMessage(moved.answer, moved.transfer);
}

function notify(notice: ServeNotice) {
  self.postMessage(notice);
}

/** Answer the page and the service worker's ports with `handle`, one message at a time. */
export function serveMessages(handle: RunnerHandler): void {
  let queue: Promise<void> = Promise.resolve();
  // A message whose handling threw (a stopped job whose KeyboardInterrupt came out of CPython: the
  // page replaces this runner after a grace period) must not leave the messages after it unread.
  const enqueue = (work: () => void | Promise<void>) => {
    queue = queue.then(work).catch((error: unknown) => console.error(error));
  };
  const listen = (port: MessagePort) => {
    port.onmessage = (event: MessageEvent<RunnerRequest>) => {
      const message = event.data;
      if (message.type === "attach") return;
      enqueue(async () => {
        const watched = message.type === "serve";
        if (watched) {
          // The request without its body: if it is stopped, the page answers for it.
          notify({
            type: "serving",
            id: message.id,
            request: { ...message.request, body: new Uint8Array() },
          });
        }
        await handle(message, (answer) => post(port, answer), {
          overPort: true,
        });
        if (watched) notify({ type: "serve-ended", id: message.id });
      });
    };
  };
  self.onmessage = (event: MessageEvent<RunnerRequest>) => {
    const message = event.data;
    if (message.type === "attach") {
      if (event.ports[0]) listen(event.ports[0]);
      return;
    }
    const port = event.ports[0];
    const reply = (answer: RunnerReply) => post(self, answer);
    enqueue(() => {
      // The page keeps its requests' time limits from when they begin, not from when it sent them.
      if (message.type === "serve" || message.type === "evaluate")
        reply({ type: "serve-running", id: message.id });
      return handle(message, reply, { overPort: false, ...(port ? { port } : {}) });
    });
  };
}
