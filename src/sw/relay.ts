/**
 * @module relay
 * The page's side of the service worker: registers it, recovers from a load
 * without a controller, connects the app runner to it, and answers what it
 * asks of the page for the preview (serve a request, keep what a served one
 * set). The request panel does not use it: its requests go to the runner.
 */
import { ask } from "../protocol/ask";
import { atMost, withTimeout } from "../protocol/wait";
import type {
  PageToWorkerMessage,
  PreviewConfig,
  PreviewInput,
  PreviewReply,
  PreviewServedMessage,
  StoppedServe,
  WorkerToPageMessage,
} from "../protocol/service-worker";
import type { ResponseRecord } from "../wsgi/records";

const RELOAD_FLAG = "wsgi-playground:reloaded-for-controller";
/** How long the service worker may take to start before the page goes on without it. */
const START_TIMEOUT_MS = 8_000;
/** How long a first visit waits for the new worker to claim the page. */
const CLAIM_TIMEOUT_MS = 3_000;

/** Resolves when a service worker controls the page. */
function controlled(): Promise<void> {
  return new Promise((resolve) => {
    if (navigator.serviceWorker.controller) resolve();
    else
      navigator.serviceWorker.addEventListener("controllerchange", () => resolve(), { once: true });
  });
}

/**
 * Register the service worker; resolves with its registration once one is
 * active. A page that must be its client (the playground: its own files
 * offline) waits for it, and reloads once after a hard reload left it
 * without (`reloadUncontrolled`).
 */
export async function registerServiceWorker({
  reloadUncontrolled = true,
} = {}): Promise<ServiceWorkerRegistration> {
  if (!("serviceWorker" in navigator)) {
    throw new Error(
      "This browser context has no service workers (a private window or an embedding may block them).",
    );
  }
  const url = `${import.meta.env.BASE_URL}sw.js`;
  // A worker already active before this load, yet no controller: a hard reload.
  const hadWorker = Boolean((await navigator.serviceWorker.getRegistration())?.active);
  const start = navigator.serviceWorker
    .register(url, { type: import.meta.env.DEV ? "module" : "classic", updateViaCache: "none" })
    .then(() => navigator.serviceWorker.ready);
  // Some contexts (an embedding, a policy) accept the registration and never activate it.
  const registration = await withTimeout(start, START_TIMEOUT_MS, "it did not start");
  if (!reloadUncontrolled) return registration;
  // On a first visit the new worker claims this page as it activates, which
  // may land just after `ready`: wait for it. A hard reload loads the page
  // without a controller after clients.claim() already ran: reload once so
  // the page (and its preview) are served again.
  if (!hadWorker && !navigator.serviceWorker.controller) {
    await atMost(controlled(), CLAIM_TIMEOUT_MS);
  }
  if (!navigator.serviceWorker.controller) {
    if (!sessionStorage.getItem(RELOAD_FLAG)) {
      sessionStorage.setItem(RELOAD_FLAG, "1");
      location.reload();
    }
  } else {
    sessionStorage.removeItem(RELOAD_FLAG);
  }
  return registration;
}

/**
 * Ask `worker` to keep these of the site's files (paths under its scope)
 * for a visit without the network; resolves with how many it added.
 */
export function keepSite(worker: ServiceWorker, paths: string[]): Promise<number> {
  const message: PageToWorkerMessage = { type: "keep-site", paths };
  // Tens of megabytes on a first visit, from the HTTP cache or the site.
  return ask<number>(worker, message, 300_000, "The service worker");
}

/**
 * Answer a preview request on `port` with `serve` (the page's: build,
 * then the exchange): the response as soon as there is one, or the error.
 */
export async function answerPreview(
  serve: RelayOptions["servePreview"],
  input: PreviewInput,
  scopePath: string,
  port: MessagePort,
): Promise<void> {
  const send = (reply: PreviewReply) => {
    if (reply.type !== "preview-response") return port.postMessage(reply);
    // The page keeps its copy of the body (history, inspector): move a copy.
    const body = reply.response.body.slice();
    port.postMessage({ ...reply, response: { ...reply.response, body } }, [body.buffer]);
  };
  let answered = false;
  try {
    await serve(input, scopePath, (response) => {
      answered = true;
      send({ type: "preview-response", response });
    });
  } catch (error) {
    if (!answered) {
      send({
        type: "preview-error",
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

/** What the page does for the service worker; the relay only carries the messages. */
export interface RelayOptions {
  /** A new port to the page's runner. */
  connectRunner: () => MessagePort;
  /** The preview's configuration now (host, cookies, whether the worker may serve it). */
  previewConfig: () => PreviewConfig | null;
  /**
   * Serve a preview request the worker handed over (`scopePath`: where the
   * app is mounted); `reply` gives the frame its response as soon as there
   * is one, before the page's own bookkeeping.
   */
  servePreview: (
    input: PreviewInput,
    scopePath: string,
    reply: (response: ResponseRecord) => void,
  ) => Promise<void>;
  /** A preview request the worker served itself: resolves once the page has kept what it needs (the cookies it set). */
  previewServed: (served: PreviewServedMessage) => Promise<void>;
}

/** Keeps the service worker connected to the page's runner, and answers it for the preview. */
export class ServerRelay {
  private readonly registration: ServiceWorkerRegistration;
  private readonly options: RelayOptions;

  constructor(registration: ServiceWorkerRegistration, options: RelayOptions) {
    this.registration = registration;
    this.options = options;
    navigator.serviceWorker.addEventListener(
      "message",
      (event: MessageEvent<WorkerToPageMessage>) => {
        if (event.data?.type === "runner-wanted") this.attachRunner();
        if (event.data?.type === "preview-request" && event.ports[0]) {
          void answerPreview(
            this.options.servePreview,
            event.data.input,
            event.data.scopePath,
            event.ports[0],
          );
        }
      },
    );
    // A new version took over: it has no port to our runner yet.
    navigator.serviceWorker.addEventListener("controllerchange", () => this.attachRunner());
  }

  /** The worker to talk to: the page's controller, or the registration's active worker. */
  private get worker(): ServiceWorker {
    const worker = navigator.serviceWorker.controller ?? this.registration.active;
    if (!worker) throw new Error("The service worker is not active.");
    return worker;
  }

  private async previewServed(served: PreviewServedMessage, reply: MessagePort | undefined) {
    try {
      await this.options.previewServed(served);
    } finally {
      reply?.postMessage(this.options.previewConfig());
      reply?.close();
    }
  }

  /**
   * Ask the worker to keep these of the site's files (paths under its scope)
   * for a visit without the network; resolves with how many it added.
   */
  keepSite(paths: string[]): Promise<number> {
    return keepSite(this.worker, paths);
  }

  /** Tell the worker the preview's configuration changed. */
  sendPreviewConfig(preview: PreviewConfig): void {
    const message: PageToWorkerMessage = { type: "preview-config", preview };
    this.worker.postMessage(message);
  }

  /** The scope the service worker serves: the preview's root. */
  get scope(): string {
    return this.registration.scope;
  }

  /**
   * Give the service worker a port to the runner, and one to this page for
   * what it serves the preview; `replaced` when the runner is a new one
   * (with the request the old one was stopped in, if the limit stopped it).
   */
  attachRunner(replaced: { stopped: StoppedServe | null } | null = null): void {
    const port = this.options.connectRunner();
    const page = new MessageChannel();
    page.port1.onmessage = (event: MessageEvent<PreviewServedMessage>) => {
      void this.previewServed(event.data, event.ports[0]);
    };
    const message: PageToWorkerMessage = {
      type: "attach-runner",
      preview: this.options.previewConfig(),
      replaced,
    };
    this.worker.postMessage(message, [port, page.port2]);
  }
}
