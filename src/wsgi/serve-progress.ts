/**
 * @module serve-progress
 * A response told while it is being made, for a body that comes over time
 * (a generator that sleeps between chunks, a slow page): the status and
 * headers once they are sent, then the body and the call trace as they
 * grow. The runner tells the page with {@link ProgressTeller}: the first
 * news at once, then at most one message per {@link PROGRESS_EVERY_MS}, so
 * an app that yields a million small chunks costs a few dozen messages.
 * The page shows them only if the response is still not done a moment
 * later: a quick response is drawn once, whole.
 */
import { concatBytes } from "./bytes";
import type { TraceEvent } from "./records";

/** The least time between two progress messages of one response. */
export const PROGRESS_EVERY_MS = 30;

/** What a response has sent since the last progress message. */
export interface ServeProgress {
  /** The status, once the headers are sent (in the first message after they are). */
  status?: string;
  /** The headers sent, with the server's (Date, Server, Content-Length). */
  headers?: [string, string][];
  /** Body bytes since the last message. */
  chunk: Uint8Array;
  /** Call-trace events since the last message. */
  trace: TraceEvent[];
}

/** Where a response stands, as the server sees it, for {@link ProgressTeller.tick}. */
export interface ResponseSoFar {
  trace: readonly TraceEvent[];
  chunks: readonly Uint8Array[];
  /** Null until the headers are sent. */
  head: { status: string; headers: [string, string][] } | null;
}

/** Tells a response's progress, throttled (see the module's comment). */
export class ProgressTeller {
  private readonly tell: (progress: ServeProgress) => void;
  private readonly clock: () => number;
  private last = -Infinity;
  private traceTold = 0;
  private chunksTold = 0;
  private headTold = false;

  constructor(
    tell: (progress: ServeProgress) => void,
    clock: () => number = () => performance.now(),
  ) {
    this.tell = tell;
    this.clock = clock;
  }

  /** The response moved on: tell it, unless the last message was too recent. */
  tick(so: ResponseSoFar): void {
    const now = this.clock();
    if (now - this.last < PROGRESS_EVERY_MS) return;
    this.last = now;
    this.flush(so);
  }

  /** Tell what is new, whatever the time (nothing when nothing is). */
  flush(so: ResponseSoFar): void {
    const fresh = so.chunks.slice(this.chunksTold);
    const trace = so.trace.slice(this.traceTold);
    const head = !this.headTold && so.head ? so.head : null;
    if (!fresh.length && !trace.length && !head) return;
    this.chunksTold = so.chunks.length;
    this.traceTold = so.trace.length;
    const progress: ServeProgress = { chunk: concatBytes(fresh), trace };
    if (head) {
      this.headTold = true;
      progress.status = head.status;
      progress.headers = head.headers;
    }
    this.tell(progress);
  }
}
