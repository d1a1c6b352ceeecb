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

/** Response bodies are moved, not copied: a 20 MB body costs no copy on the way out. */
function transferables(answer: RunnerReply): Transferable[] {
  return answer.type === "served" ? [answer.response.body.buffer as ArrayBuffer] : [];
}

function notify(notice: ServeNotice) {
  self.postMessage(notice);
}

/** Answer the page and the service worker's ports with `handle`, one message at a time. */
export function serveMessages(handle: RunnerHandler): void {
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (work: () => void | Promise<void>) => {
    queue = queue.then(work);
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
        await handle(message, (answer) => port.postMessage(answer, transferables(answer)), {
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
    const reply = (answer: RunnerReply) => self.postMessage(answer, transferables(answer));
    enqueue(() => {
      // The page keeps its requests' time limits from when they begin, not from when it sent them.
      if (message.type === "serve" || message.type === "evaluate")
        reply({ type: "serve-running", id: message.id });
      return handle(message, reply, { overPort: false, ...(port ? { port } : {}) });
    });
  };
}
