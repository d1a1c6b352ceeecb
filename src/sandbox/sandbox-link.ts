/**
 * @module sandbox-link
 * The playground's side of the sandbox (see `sandbox-main.ts`): the hidden
 * frame on the sandbox origin, and the app runner and preview relay the
 * page uses, carried over its port. Everything above keeps the interfaces
 * it had when the runner ran in this page (`AppRunner`): a load, a request,
 * Stop; what the sandbox asks back (a preview request served through the
 * jar and the history) is answered with the page's own functions.
 */
import type { FrameReach } from "../app/preview-frame";
import { ask, Holds } from "../protocol/ask";
import { answerPreview, type RelayOptions } from "../sw/relay";
import type { Program, StartProgress } from "../protocol/runner";
import type {
  ConnectSandbox,
  FromSandbox,
  LoadResult,
  SandboxLoad,
  SandboxListening,
  SandboxRunning,
  SandboxServed,
  SandboxServeProgress,
  ToSandbox,
} from "../protocol/sandbox";
import type { PreviewConfig } from "../protocol/service-worker";
import type { AppRunner, Running, ServeOptions, TerminalControl } from "../runner/app-runner";
import type { TerminalNotice, TypedLine } from "../protocol/terminal";
import type { Language } from "../runner/runtimes";
import type { RequestRecord, ResponseRecord } from "../wsgi/records";
import type { ServeProgress } from "../wsgi/serve-progress";

/** How long a load or a request may take, past the longest time limit (60 s). */
const JOB_TIMEOUT_MS = 70_000;
/** How long CPython's start may take before a prepare gives up waiting (its own start timeout is longer). */
const PREPARE_TIMEOUT_MS = 180_000;
/** How long the sandbox may take to keep its files (tens of MB on a first visit). */
const KEEP_TIMEOUT_MS = 300_000;

/** The sandbox page's address: its origin, the playground's folder, who may connect, what to start. */
export function sandboxPageUrl(sandboxOrigin: string, language: Language | null): string {
  const folder = new URL(import.meta.env.BASE_URL, location.href).pathname;
  const url = new URL(`${folder}sandbox.html`, sandboxOrigin);
  url.searchParams.set("playground", location.origin);
  if (language) url.searchParams.set("language", language);
  return url.href;
}

/**
 * What the page says when its sandbox frame never said it listens: nothing
 * this page may frame is served at the sandbox's origin (the page was opened
 * at an address whose next port serves nothing, or a host serves the
 * playground without its sandbox).
 */
export function sandboxSilent(sandboxOrigin: string, timeoutMs: number): string {
  return (
    `Nothing answered within ${timeoutMs / 1000} s from ${sandboxOrigin}, the sandbox where this ` +
    "page runs user code. Open the playground at the address npm start prints first (Local), " +
    `not the sandbox's; a host of your own serves the same files at ${sandboxOrigin} too.`
  );
}

/** The sandbox frame, and its saying that it listens. */
let frame: { element: HTMLIFrameElement; listening: Promise<void> } | null = null;

/**
 * The hidden sandbox frame, made once (the page's first script makes it,
 * to start the runtime early: see `start-early.ts`), and when it has said
 * it listens (heard from the start: it may say so before the page's main
 * code has loaded).
 */
export function sandboxFrame(
  sandboxOrigin: string,
  language: Language | null,
): { element: HTMLIFrameElement; listening: Promise<void> } {
  if (frame) return frame;
  const element = document.createElement("iframe");
  element.src = sandboxPageUrl(sandboxOrigin, language);
  element.title = "Sandbox";
  element.hidden = true;
  element.tabIndex = -1;
  element.setAttribute("aria-hidden", "true");
  // Its Workers share memory with it (the interrupt): it must be cross-origin isolated too.
  element.allow = "cross-origin-isolated";
  // Scripts on its own origin (its storage, its service worker); no navigating the playground, no popups, no forms.
  element.setAttribute("sandbox", "allow-scripts allow-same-origin");
  const listening = new Promise<void>((resolve) => {
    const listen = (event: MessageEvent<SandboxListening>) => {
      if (event.origin !== sandboxOrigin || event.source !== element.contentWindow) return;
      if (event.data?.type !== "sandbox-loaded") return;
      removeEventListener("message", listen);
      resolve();
    };
    addEventListener("message", listen);
  });
  document.body.append(element);
  frame = { element, listening };
  return frame;
}

/** What the playground answers the sandbox with, and hears from it. */
export interface SandboxPage extends Pick<RelayOptions, "servePreview" | "previewServed"> {
  /** The first language to run. */
  language: Language;
  limitMs: () => number;
  previewConfig: () => PreviewConfig;
  onStartProgress: (progress: StartProgress) => void;
  onRunning: (running: Running | null) => void;
  /** The sandbox's service worker serves the preview from `scope`, or cannot (`reason`). */
  onPreview: (scope: string | null, reason?: string) => void;
  /** What the terminal shows. */
  onTerminal: (notice: TerminalNotice) => void;
}

/** The sandbox, connected: its runner, and what its service worker keeps. */
export class SandboxLink implements AppRunner {
  private readonly port: MessagePort;
  private readonly page: SandboxPage;
  private running: Running | null = null;
  /** The time-outs of the jobs asked (loads, requests, lines typed), held while the app waits for the terminal. */
  private readonly jobs = new Holds();

  /**
   * The link to the sandbox frame on `sandboxOrigin`: what is asked of it
   * waits on the port until the frame says it listens and the port is
   * handed over. `connected` rejects when it has not said so within
   * `timeoutMs` (no sandbox is served there).
   */
  readonly connected: Promise<void>;

  constructor(sandboxOrigin: string, page: SandboxPage, timeoutMs: number) {
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.page = page;
    this.port.onmessage = (event: MessageEvent<FromSandbox>) => this.heard(event.data, event.ports);
    const { element, listening } = sandboxFrame(sandboxOrigin, page.language);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(sandboxSilent(sandboxOrigin, timeoutMs))),
        timeoutMs,
      );
    });
    this.connected = Promise.race([listening, late]).then(() => {
      clearTimeout(timer);
      const connect: ConnectSandbox = {
        type: "connect-sandbox",
        language: page.language,
        limitMs: page.limitMs(),
        preview: page.previewConfig(),
      };
      element.contentWindow!.postMessage(connect, sandboxOrigin, [channel.port2]);
    });
  }

  /**
   * Ask the sandbox; fails at once, with the reason, when the sandbox never
   * connected. A job's question (`holds`) does not time out while the
   * app waits for the terminal.
   */
  private ask<T>(
    message: ToSandbox,
    timeoutMs: number,
    transfer: Transferable[] = [],
    holds?: Holds,
  ): Promise<T> {
    const answer = ask<T>(this.port, message, timeoutMs, "The sandbox", transfer, holds);
    return Promise.race([answer, this.connected.then(() => answer)]);
  }

  private tell(message: ToSandbox): void {
    this.port.postMessage(message);
  }

  private heard(message: FromSandbox, ports: readonly MessagePort[]): void {
    const reply = ports.at(-1);
    switch (message.type) {
      case "preview-ready":
        this.page.onPreview(message.scope, message.reason);
        return;
      case "start-progress":
        this.page.onStartProgress(message.progress);
        return;
      case "running":
        this.running = message.running && fromAge(message.running);
        this.page.onRunning(this.running);
        return;
      case "mark":
        performance.mark(message.name, {
          startTime: Math.max(0, performance.now() - message.agoMs),
          detail: message.detail,
        });
        return;
      case "serve-preview":
        if (reply)
          void answerPreview(this.page.servePreview, message.input, message.scopePath, reply);
        return;
      case "terminal":
        this.heardTerminal(message.notice);
        return;
      case "preview-served":
        void this.page.previewServed(message.served).finally(() => {
          reply?.postMessage(this.page.previewConfig());
        });
        return;
    }
  }

  /** A notice for the terminal; while a read waits, a job's answer may take as long as the person does. */
  private heardTerminal(notice: TerminalNotice): void {
    if (notice.type === "terminal-ask") this.jobs.hold();
    else if (notice.type === "terminal-asked") this.jobs.release();
    this.page.onTerminal(notice);
  }

  /** The terminal, in the sandbox's runner. */
  readonly terminal: TerminalControl = {
    typeLine: (line) =>
      this.ask<TypedLine>({ type: "terminal-line", line }, JOB_TIMEOUT_MS, [], this.jobs),
    endInput: () => this.tell({ type: "terminal-end" }),
    complete: (text) =>
      this.ask<string[]>({ type: "terminal-complete", text }, 10_000).catch(() => []),
  };

  async load(buildId: number, program: Program, entry: string): Promise<LoadResult> {
    const message: ToSandbox = {
      type: "load",
      buildId,
      program,
      entry,
      limitMs: this.page.limitMs(),
    };
    const loaded = await this.ask<SandboxLoad>(message, JOB_TIMEOUT_MS, [], this.jobs);
    if ("thrown" in loaded) throw new Error(loaded.thrown);
    return loaded;
  }

  async serve(
    request: RequestRecord,
    onProgress?: (progress: ServeProgress) => void,
    options: ServeOptions = {},
  ): Promise<ResponseRecord> {
    const message: ToSandbox = {
      type: "serve",
      request,
      limitMs: this.page.limitMs(),
      progress: onProgress !== undefined,
      ...(options.background ? { background: true } : {}),
    };
    let transfer: Transferable[] = [];
    if (onProgress) {
      const progress = new MessageChannel();
      progress.port1.onmessage = (event: MessageEvent<SandboxServeProgress>) =>
        onProgress(event.data.progress);
      transfer = [progress.port2];
    }
    const served = await this.ask<SandboxServed>(message, JOB_TIMEOUT_MS, transfer, this.jobs);
    if ("error" in served) throw new Error(served.error);
    return served.response;
  }

  async prepare(entry: string): Promise<void> {
    await this.ask<null>({ type: "prepare", entry }, PREPARE_TIMEOUT_MS);
  }

  stopNow(): boolean {
    if (!this.running) return false;
    this.tell({ type: "stop-now" });
    return true;
  }

  holdStandby(held: boolean): void {
    this.tell({ type: "hold-standby", held });
  }

  /** Tell the sandbox the time limit changed. */
  sendTimeLimit(limitMs: number): void {
    this.tell({ type: "time-limit", limitMs });
  }

  /** Tell the sandbox's service worker the preview's configuration changed. */
  sendPreviewConfig(preview: PreviewConfig): void {
    this.tell({ type: "preview-config", preview });
  }

  /** How the Preview pane reaches its frame, a document of the sandbox's origin: through the sandbox page. */
  readonly frameReach: FrameReach = {
    act: (_frame, action) => this.tell({ type: "preview-frame", action }),
    href: () =>
      this.ask<string | null>({ type: "preview-frame", action: "href" }, 5_000).catch(() => null),
  };

  /** Have the sandbox's service worker keep what the sandbox loaded (Python's runtime, if it ran). */
  keepSite(): Promise<number> {
    return this.ask<number>({ type: "keep-site" }, KEEP_TIMEOUT_MS);
  }
}

/** A running job the sandbox told of, on this page's clock. */
function fromAge({ what, limitMs, agoMs, paused }: SandboxRunning): Running {
  return { what, limitMs, startedAt: performance.now() - agoMs, ...(paused ? { paused } : {}) };
}
