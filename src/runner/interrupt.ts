/**
 * @module interrupt
 * Stopping a runaway app where it runs, instead of killing its Worker.
 *
 * CPython compiled for the web cannot be sent a signal: nothing preempts
 * it. What it does instead (Pyodide's `setInterruptBuffer`, CPython's
 * `_Py_CheckEmscriptenSignals`) is read one shared integer every 50
 * instructions; a 2 there (SIGINT) raises KeyboardInterrupt in the code
 * running, with its traceback. The page and its runner Worker share that
 * integer in a SharedArrayBuffer, which a browser gives only to a
 * cross-origin isolated page (see vite.config.ts).
 *
 * The same buffer carries three more slots, so that a stop reaches only the
 * job it was meant for. The runner writes the job it is on (its message's
 * token) before each load or request and clears it after; the page stops a
 * job only while that job is the one running, and says why (the time limit
 * or Stop) and after how long. When the job ends, the runner reads the
 * reason, turns what CPython answered into the playground's record of a
 * stopped job, and clears the buffer. (A stop checked against a job in the
 * microsecond before that job ends and the next begins could still reach
 * the next one: there is no single atomic step for "if this job, signal".) If the app does not stop (it caught
 * KeyboardInterrupt, or sits in one long C call), the page falls back to
 * terminating the Worker after a grace period.
 *
 * @example
 * // page: const line = InterruptLine.create(); worker.postMessage({ interrupt: line.buffer })
 * line.stop(token, "limit", 5000); // true when that job was running
 * // worker: line.begin(token); …run…; const stop = line.end(); // { byUser, afterMs } | null
 */

/** Pyodide's slot: 2 (SIGINT) raises KeyboardInterrupt; CPython sets it back to 0. */
const SIGNAL = 0;
/** The job the runner is on (see {@link jobToken}); 0 when idle. */
const JOB = 1;
/** Why the page stopped the job: 0 not stopped, 1 the time limit, 2 the user's Stop. */
const REASON = 2;
/** After how many milliseconds it was stopped. */
const AFTER = 3;
const SIGINT = 2;

/** The token of a runner job: a message's id, negative for one that came over a port. */
export function jobToken(id: number, overPort: boolean): number {
  return overPort ? -id : id;
}

/** Why and when a job was stopped, as the runner reads it after the job. */
export interface JobStop {
  byUser: boolean;
  afterMs: number;
}

/** The shared buffer between the page and one runner Worker. */
export class InterruptLine {
  readonly buffer: Int32Array;

  constructor(buffer: Int32Array) {
    this.buffer = buffer;
  }

  /** A new line, or null where memory cannot be shared (the page is not cross-origin isolated). */
  static create(): InterruptLine | null {
    if (typeof SharedArrayBuffer === "undefined" || !globalThis.crossOriginIsolated) return null;
    return new InterruptLine(
      new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT)),
    );
  }

  /** Page: interrupt job `token` if it is the one running; false when it is not (it ended). */
  stop(token: number, reason: "limit" | "user", afterMs: number): boolean {
    if (Atomics.load(this.buffer, JOB) !== token) return false;
    Atomics.store(this.buffer, AFTER, Math.round(afterMs));
    Atomics.store(this.buffer, REASON, reason === "user" ? 2 : 1);
    Atomics.store(this.buffer, SIGNAL, SIGINT);
    return true;
  }

  /** Runner: job `token` begins. */
  begin(token: number): void {
    Atomics.store(this.buffer, REASON, 0);
    Atomics.store(this.buffer, SIGNAL, 0);
    Atomics.store(this.buffer, JOB, token);
  }

  /**
   * Runner: the job ended; how the page stopped it, when CPython took the
   * signal (a job that ended before CPython read it ran to its end), and
   * the line cleared for the next.
   */
  end(): JobStop | null {
    Atomics.store(this.buffer, JOB, 0);
    const reason = Atomics.load(this.buffer, REASON);
    const afterMs = Atomics.load(this.buffer, AFTER);
    const taken = Atomics.exchange(this.buffer, SIGNAL, 0) === 0;
    Atomics.store(this.buffer, REASON, 0);
    return reason === 0 || !taken ? null : { byUser: reason === 2, afterMs };
  }
}
