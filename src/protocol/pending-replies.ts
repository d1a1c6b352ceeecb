/**
 * @module pending-replies
 * The id-and-timeout bookkeeping every channel client shares: each request
 * gets an increasing id, its reply settles the matching promise, and a reply
 * that never comes rejects with a message that names the channel and says
 * what to try.
 */

interface Pending<T> {
  resolve(value: T): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/** Promises waiting for replies, keyed by request id. */
export class PendingReplies<T> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending<T>>();
  private readonly channel: string;

  constructor(channel: string) {
    this.channel = channel;
  }

  /** A fresh id and the promise its reply will settle. */
  open(timeoutMs: number): { id: number; reply: Promise<T> } {
    const id = this.nextId++;
    const reply = new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new Error(
            `The ${this.channel} did not answer within ${Math.round(timeoutMs / 1000)} s. Reload the page if this keeps happening.`,
          ),
        );
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
    });
    return { id, reply };
  }

  /** Settle request `id` with a value; a late or unknown id is dropped. */
  resolve(id: number, value: T): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(id);
    entry.resolve(value);
  }

  /** Fail request `id`. */
  reject(id: number, error: Error): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(id);
    entry.reject(error);
  }

  /** Fail every request still waiting, e.g. when the other side was terminated. */
  rejectAll(error: Error): void {
    for (const id of [...this.pending.keys()]) this.reject(id, error);
  }
}
