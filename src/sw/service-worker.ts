/// <reference lib="webworker" />
/**
 * @module service-worker
 * The playground's "server". It is deliberately thin: it never runs user
 * code (a service worker cannot start the dedicated Worker that does, and a
 * runaway loop must not hang it), it only routes.
 *
 * Lifecycle. `install` skips waiting and `activate` claims every client, so a
 * first visit is served without a reload and a new deployment takes over at
 * once instead of leaving an old worker serving stale code. Nothing is
 * cached here: the static files come from the network (the host's HTTP cache
 * does its job), so a deploy can never be masked by this worker.
 *
 * State. The browser stops an idle service worker and starts it again on the
 * next event, with its globals gone. The only state kept is a map from each
 * page (client id) to a MessagePort connected to that page's app runner;
 * when a request finds no port, the worker asks the page for one
 * (`runner-wanted`) and waits, so a restart costs one extra round trip and
 * nothing else.
 *
 * Request-panel requests arrive as messages carrying a request record and a
 * reply port; they are forwarded to the runner of the page that sent them.
 */
import type {
  PageToWorkerMessage,
  PanelReply,
  WorkerToPageMessage,
} from "../protocol/service-worker";
import type { RunnerReply, ServeMessage } from "../protocol/runner";
import type { RequestRecord, ResponseRecord } from "../wsgi/records";

declare const self: ServiceWorkerGlobalScope;

const PORT_WAIT_MS = 5_000;
const SERVE_TIMEOUT_MS = 60_000;

interface RunnerLink {
  port: MessagePort;
  pending: Map<number, (reply: RunnerReply) => void>;
}

const runners = new Map<string, RunnerLink>();
const portWaiters = new Map<string, ((link: RunnerLink) => void)[]>();
let nextId = 1;

self.addEventListener("install", () => {
  void self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

function attach(clientId: string, port: MessagePort) {
  runners.get(clientId)?.port.close();
  const link: RunnerLink = { port, pending: new Map() };
  port.onmessage = (event: MessageEvent<RunnerReply>) => {
    const settle = link.pending.get(event.data.id);
    link.pending.delete(event.data.id);
    settle?.(event.data);
  };
  runners.set(clientId, link);
  for (const waiter of portWaiters.get(clientId) ?? []) waiter(link);
  portWaiters.delete(clientId);
}

async function runnerFor(client: Client): Promise<RunnerLink> {
  const known = runners.get(client.id);
  if (known) return known;
  const wanted: WorkerToPageMessage = { type: "runner-wanted" };
  client.postMessage(wanted);
  return new Promise((resolve, reject) => {
    const waiters = portWaiters.get(client.id) ?? [];
    waiters.push(resolve);
    portWaiters.set(client.id, waiters);
    setTimeout(
      () => reject(new Error("The page did not connect its app runner to the service worker.")),
      PORT_WAIT_MS,
    );
  });
}

async function serveWith(link: RunnerLink, request: RequestRecord): Promise<ResponseRecord> {
  const id = nextId++;
  const reply = new Promise<RunnerReply>((resolve, reject) => {
    link.pending.set(id, resolve);
    setTimeout(() => {
      link.pending.delete(id);
      reject(new Error("The app runner did not answer."));
    }, SERVE_TIMEOUT_MS);
  });
  const message: ServeMessage = { type: "serve", id, request };
  link.port.postMessage(message);
  const answer = await reply;
  if (answer.type === "served") return answer.response;
  throw new Error(answer.type === "serve-failed" ? answer.error : "Unexpected runner reply.");
}

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
  const port = event.ports[0];
  if (!port) return;
  switch (message.type) {
    case "attach-runner":
      attach(client.id, port);
      return;
    case "panel-request":
      event.waitUntil(answerPanel(client, message.id, message.request, port));
      return;
  }
});
