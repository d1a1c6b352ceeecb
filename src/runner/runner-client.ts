/**
 * @module runner-client
 * The page's handle on the app runner Worker: load builds into it, hand out
 * ports to it, and replace it when it must be stopped. A replaced runner
 * gets the last build loaded again before anything else reaches it.
 */
import { PendingReplies } from "../protocol/pending-replies";
import type { RunnerReply, RunnerRequest } from "../protocol/runner";
import type { RequestRecord, ResponseRecord } from "../wsgi/records";

const LOAD_TIMEOUT_MS = 10_000;
const SERVE_TIMEOUT_MS = 60_000;

/** A build that loaded, or the reason it did not. */
export type LoadResult = { ok: true; buildId: number } | { ok: false; error: string };

/** Owns the runner Worker. */
export class RunnerClient {
  private worker!: Worker;
  private readonly pending = new PendingReplies<RunnerReply>("app runner");
  private lastBuild: { buildId: number; code: string; entry: string } | null = null;
  /** Called with a fresh port each time a new runner starts. */
  onRestart: (() => void) | null = null;

  constructor() {
    this.spawn();
  }

  private spawn() {
    this.worker = new Worker(new URL("./runner.worker.ts", import.meta.url), {
      type: "module",
      name: "app-runner",
    });
    this.worker.onmessage = (event: MessageEvent<RunnerReply>) => {
      this.pending.resolve(event.data.id, event.data);
    };
  }

  private post(message: RunnerRequest, transfer: Transferable[] = []) {
    this.worker.postMessage(message, transfer);
  }

  /** Load a build; resolves when the app is ready to answer. */
  async load(buildId: number, code: string, entry: string): Promise<LoadResult> {
    const { id, reply } = this.pending.open(LOAD_TIMEOUT_MS);
    this.post({ type: "load", id, buildId, code, entry });
    const answer = await reply;
    if (answer.type === "loaded") {
      this.lastBuild = { buildId, code, entry };
      return { ok: true, buildId };
    }
    return { ok: false, error: answer.type === "load-failed" ? answer.error : "Unexpected reply." };
  }

  /** Serve a request directly (the preview, and the panel where no service worker runs). */
  async serve(request: RequestRecord): Promise<ResponseRecord> {
    const { id, reply } = this.pending.open(SERVE_TIMEOUT_MS);
    this.post({ type: "serve", id, request });
    const answer = await reply;
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

  /** Stop the runner (whatever it is doing) and start a fresh one with the last build. */
  async restart(): Promise<void> {
    this.worker.terminate();
    this.pending.rejectAll(new Error("The app runner was restarted."));
    this.spawn();
    // Anything still waiting on the old Worker's ports is answered by the new one from now on.
    this.onRestart?.();
    if (this.lastBuild) {
      const { buildId, code, entry } = this.lastBuild;
      await this.load(buildId, code, entry).catch(() => undefined);
    }
  }
}
