/**
 * @module wait
 * Waits that must not last forever: for what may never come (a frame's
 * first message, a service worker that never activates, a network that
 * hangs), a bound on the wait.
 */

/** `promise`'s value, or undefined once `ms` have passed without it (the wait just ends). */
export function atMost<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, new Promise<undefined>((wake) => setTimeout(wake, ms))]);
}

/** `promise`, or an Error saying `${what} within N s` once `ms` have passed without it. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
