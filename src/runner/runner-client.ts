/**
 * @module runner-client
 * The page's handle on the app runner Worker: load builds into it, hand out
 * ports to it, and replace it when it must be stopped. A replaced runner
 * gets the last build loaded again before anything else reaches it.
 *
 * It keeps the time limit, the one place that does. A load or a request
 * sent here that runs past it gets the runner replaced: the load fails with
 * the reason, the request is answered with the server's 504 record.
 * Requests that reach the runner over a port (the service worker's) never
 * pass through the page, so the runner says when each starts and ends; one
 * that runs past the limit gets the runner replaced too, and the new one is
 * attached saying which request was stopped (the service worker answers it).
 */
import { PendingReplies } from "../protocol/pending-replies";
import type { RunnerMessage, RunnerReply, RunnerRequest } from "../protocol/runner";
import type { StoppedServe } from "../protocol/service-worker";
import type { RequestRecord, ResponseRecord } from "../wsgi/records";
import { stoppedMessage, stoppedResponse } from "../wsgi/stopped";

/**
 * How long a reply may take: past the longest time limit (60 s), so the
 * limit always fires first and the runner is replaced, not left running.
 */
const REPLY_TIMEOUT_MS = 65_000;

/** The app ran past the time limit and its runner was replaced. */
export class StoppedError extends Error {
  override name = "StoppedError";
  /** The limit that fired, in milliseconds. */
  readonly afterMs: number;

  constructor(message: string, afterMs: number) {
    super(message);
    this.afterMs = afterMs;
  }
}

/** A build that loaded, or the reason it did not. */
export type LoadResult = { ok: true; buildId: number } | { ok: false; error: string };

/** Owns the runner Worker. */
export class RunnerClient {
  private worker!: Worker;
  private readonly pending = new PendingReplies<RunnerReply>("app runner");
  private lastBuild: { buildId: number; code: string; entry: string } | null = null;
  /** The time limit in ms, read when a request starts. */
  private readonly limitMs: () => number;
  /** The port request being served, and its time limit. */
  private serving: { id: number; timer: ReturnType<typeof setTimeout> } | null = null;
  /** Called each time a new runner starts (with the request the old one was stopped in). */
  onRestart: ((stopped: StoppedServe | null) => void) | null = null;

  constructor(limitMs: () => number) {
    this.limitMs = limitMs;
    this.spawn();
  }

  private spawn() {
    this.worker = new Worker(new URL("./runner.worker.ts", import.meta.url), {
      type: "module",
      name: "app-runner",
    });
    this.worker.onmessage = (event: MessageEvent<RunnerMessage>) => {
      const message = event.data;
      if (message.type === "serving") this.watch(message.id);
      else if (message.type === "serve-ended") this.unwatch(message.id);
      else this.pending.resolve(message.id, message);
    };
  }

  /** Past the limit: replace the runner (the stopped port request named, if it was one). */
  private stop(stopped: StoppedServe | null) {
    performance.mark("wsgi:limit-fired");
    void this.restart(stopped);
  }

  /** A port request started: stop it at the limit. */
  private watch(id: number) {
    this.unwatch(this.serving?.id);
    const afterMs = this.limitMs();
    const timer = setTimeout(() => {
      this.serving = null;
      this.stop({ id, afterMs });
    }, afterMs);
    this.serving = { id, timer };
  }

  /** `work` sent from here (`what` it is, for the message), failing with StoppedError at the limit. */
  private async limited<T>(work: Promise<T>, what: string): Promise<T> {
    const afterMs = this.limitMs();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Settle first: the restart fails everything still waiting on the old runner.
        reject(new StoppedError(stoppedMessage(afterMs, what), afterMs));
        this.stop(null);
      }, afterMs);
    });
    try {
      return await Promise.race([work, limit]);
    } finally {
      clearTimeout(timer);
    }
  }

  private unwatch(id: number | undefined) {
    if (this.serving === null || this.serving.id !== id) return;
    clearTimeout(this.serving.timer);
    this.serving = null;
  }

  private post(message: RunnerRequest, transfer: Transferable[] = []) {
    this.worker.postMessage(message, transfer);
  }

  /** Load a build; resolves when the app is ready to answer (StoppedError past the limit). */
  async load(buildId: number, code: string, entry: string): Promise<LoadResult> {
    const { id, reply } = this.pending.open(REPLY_TIMEOUT_MS);
    this.post({ type: "load", id, buildId, code, entry });
    const answer = await this.limited(reply, "its module's top level");
    if (answer.type === "loaded") {
      this.lastBuild = { buildId, code, entry };
      return { ok: true, buildId };
    }
    return { ok: false, error: answer.type === "load-failed" ? answer.error : "Unexpected reply." };
  }

  /**
   * Serve a request directly (the preview while its code is being built,
   * and the panel where no service worker runs); past the limit, the
   * server's 504 record.
   */
  async serve(request: RequestRecord): Promise<ResponseRecord> {
    const { id, reply } = this.pending.open(REPLY_TIMEOUT_MS);
    this.post({ type: "serve", id, request });
    let answer: RunnerReply;
    try {
      answer = await this.limited(reply, `${request.method} ${request.target}`);
    } catch (error) {
      if (!(error instanceof StoppedError)) throw error;
      return stoppedResponse(request, error.afterMs, error.message);
    }
    if (answer.type === "served") return answer.response;
    throw new Error(
      answer.type === "serve-failed" ? answer.error : "Unexpected reply from the app runner.",
    );
  }

  /** A new port on which the runner answers `serve` messages. */
  connect(): MessagePort {
    const channel = new MessageChannel();
    this.post({ type: "attach" }, [channel.port1]);
    return channel.port2;
  }

  /**
   * Stop the runner (whatever it is doing) and start a fresh one with the
   * last build; `stopped` names the port request it was stopped in.
   */
  async restart(stopped: StoppedServe | null = null): Promise<void> {
    this.worker.terminate();
    this.unwatch(this.serving?.id);
    this.pending.rejectAll(new Error("The app runner was restarted."));
    this.spawn();
    if (this.lastBuild) {
      const { buildId, code, entry } = this.lastBuild;
      await this.load(buildId, code, entry).catch(() => undefined);
    }
    // Then the service worker gets a port to it, and sends it what was waiting on the old one.
    this.onRestart?.(stopped);
  }
}
