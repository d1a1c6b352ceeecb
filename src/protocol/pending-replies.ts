/**
 * @module pending-replies
 * The id-and-timeout bookkeeping every channel client shares: each request
 * gets an increasing id, its reply settles the matching promise, and a reply
 * that never comes rejects with a message that names the channel and says
 * what to try.
 */

import { Holds } from "./ask";

interface Pending<T> {
  resolve(value: T): void;
  reject(error: Error): void;
  cancel(): void;
}

/** Promises waiting for replies, keyed by request id. */
export class PendingReplies<T> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending<T>>();
  private readonly channel: string;
  /** The time-outs, held while the other side waits for a person (see `hold`). */
  private readonly holds = new Holds();

  constructor(channel: string) {
    this.channel = channel;
  }

  /** A fresh id and the promise its reply will settle. */
  open(timeoutMs: number): { id: number; reply: Promise<T> } {
    const id = this.nextId++;
    const reply = new Promise<T>((resolve, reject) => {
      const cancel = this.holds.timeout(() => {
        this.pending.delete(id);
        reject(
          new Error(
            `The ${this.channel} did not answer within ${Math.round(timeoutMs / 1000)} s. Reload the page if this keeps happening.`,
          ),
        );
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, cancel });
    });
    return { id, reply };
  }

  /** The other side waits for a person (the terminal): no reply times out until `release`. */
  hold(): void {
    this.holds.hold();
  }

  /** Replies time out again, each its whole time-out from now. */
  release(): void {
    this.holds.release();
  }

  /** Settle request `id` with a value; a late or unknown id is dropped. */
  resolve(id: number, value: T): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    entry.cancel();
    this.pending.delete(id);
    entry.resolve(value);
  }

  /** Fail request `id`. */
  reject(id: number, error: Error): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    entry.cancel();
    this.pending.delete(id);
    entry.reject(error);
  }

  /** Fail every request still waiting, e.g. when the other side was terminated. */
  rejectAll(error: Error): void {
    for (const id of [...this.pending.keys()]) this.reject(id, error);
  }
}
