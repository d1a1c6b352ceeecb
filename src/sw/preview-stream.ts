/**
 * @module preview-stream
 * A preview response sent as the app makes it. A slow HTML page, an event
 * stream or a generator that sleeps between chunks reaches the frame chunk
 * by chunk, as from a real server: the status and headers when the app's
 * server sent them, then each piece of body the runner tells of. The
 * response record that ends the request has the whole body; what it holds
 * past the bytes already streamed (the last few milliseconds of chunks,
 * told with the record rather than before it) is sent, and the stream
 * closes. A record that contradicts the head already sent (the request was
 * stopped at the time limit: the page answers for it with a 504) ends the
 * stream with an error, as a browser sees a connection that drops.
 */
import type { ResponseRecord } from "../wsgi/records";
import type { PreviewHead } from "./convert";

/** A response whose body is still coming; `push` what comes, `end` with the record. */
export class PreviewStream {
  /** What the frame receives: the head now, the body as it is pushed. */
  readonly response: Response;
  private readonly status: string;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private sent = 0;
  private done = false;

  /** A stream for the head the server sent (`status` as the app gave it). */
  constructor(status: string, head: PreviewHead) {
    this.status = status;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
      },
      cancel: () => {
        this.done = true;
      },
    });
    this.response = new Response(body, head.init);
  }

  /** Body bytes the app's server just sent. */
  push(chunk: Uint8Array): void {
    if (this.done || chunk.length === 0) return;
    this.sent += chunk.length;
    this.controller.enqueue(chunk);
  }

  /** The request is over: send what the record has past what was pushed, and close. */
  end(record: ResponseRecord): void {
    if (this.done) return;
    if (record.stopped || record.status !== this.status) {
      this.fail(`The response was cut short: ${record.status || "no status"}.`);
      return;
    }
    // A copy: the record's body buffer is handed on to the page (transferred) afterwards.
    if (record.body.length > this.sent) this.push(record.body.slice(this.sent));
    this.done = true;
    this.controller.close();
  }

  /** The request failed (no record will come): the frame sees the connection drop. */
  fail(reason: string): void {
    if (this.done) return;
    this.done = true;
    this.controller.error(new Error(reason));
  }
}
