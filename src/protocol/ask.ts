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
 * Post `message` to `target` with a reply port as its last transferred
 * port, and resolve with the first message that comes back on it.
 */
export function ask<T>(
  target: Postable,
  message: unknown,
  timeoutMs: number,
  who: string,
  transfer: Transferable[] = [],
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => {
      channel.port1.close();
      reject(
        new NoAnswerError(
          `${who} did not answer within ${+(timeoutMs / 1000).toFixed(2)} s. Reload the page if this keeps happening.`,
        ),
      );
    }, timeoutMs);
    channel.port1.onmessage = (event: MessageEvent<T>) => {
      clearTimeout(timer);
      channel.port1.close();
      resolve(event.data);
    };
    target.postMessage(message, [...transfer, channel.port2]);
  });
}
