/**
 * @module ask
 * The one way a side of the playground asks another for an answer over
 * `postMessage`: a fresh MessageChannel per question, the reply on its
 * port, and a time-out that says which side did not answer and what to try.
 *
 * @example
 * const config = await ask<PreviewConfig>(page, message, 5_000, "the playground page");
 */

/** Anything with `postMessage(message, transfer)`: a Worker, a Client, a MessagePort. */
export interface Postable {
  postMessage(message: unknown, transfer: Transferable[]): void;
}

/** The other side did not answer in time. */
export class NoAnswerError extends Error {
  override name = "NoAnswerError";
}

/**
 * Time-outs that can be held together: while the other side waits for a
 * person (the app paused at the terminal), its silence is no fault.
 * Released, each starts its whole time-out again.
 */
export class Holds {
  private held = false;
  private readonly timers = new Map<
    () => void,
    { ms: number; timer?: ReturnType<typeof setTimeout> }
  >();

  /** Call `fire` after `ms`, unless held; answers the cancel. */
  timeout(fire: () => void, ms: number): () => void {
    const entry: { ms: number; timer?: ReturnType<typeof setTimeout> } = { ms };
    const once = () => {
      this.timers.delete(once);
      fire();
    };
    if (!this.held) entry.timer = setTimeout(once, ms);
    this.timers.set(once, entry);
    return () => {
      clearTimeout(entry.timer);
      this.timers.delete(once);
    };
  }

  hold(): void {
    this.held = true;
    for (const entry of this.timers.values()) clearTimeout(entry.timer);
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    for (const [fire, entry] of this.timers) entry.timer = setTimeout(fire, entry.ms);
  }
}

/**
 * Post `message` to `target` with a reply port as its last transferred
 * port, and resolve with the first message that comes back on it; its
 * time-out among `holds` when given.
 */
export function ask<T>(
  target: Postable,
  message: unknown,
  timeoutMs: number,
  who: string,
  transfer: Transferable[] = [],
  holds?: Holds,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const channel = new MessageChannel();
    const late = () => {
      channel.port1.close();
      reject(
        new NoAnswerError(
          `${who} did not answer within ${+(timeoutMs / 1000).toFixed(2)} s. Reload the page if this keeps happening.`,
        ),
      );
    };
    let cancel: () => void;
    if (holds) cancel = holds.timeout(late, timeoutMs);
    else {
      const timer = setTimeout(late, timeoutMs);
      cancel = () => clearTimeout(timer);
    }
    channel.port1.onmessage = (event: MessageEvent<T>) => {
      cancel();
      channel.port1.close();
      resolve(event.data);
    };
    target.postMessage(message, [...transfer, channel.port2]);
  });
}
