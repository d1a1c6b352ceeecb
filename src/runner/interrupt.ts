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
 * Two more slots let the user's own jobs go first (issue 36): a request
 * from the panel, and a build's load. The playground's requests (its
 * checks, the preview's) are background jobs. The page counts each user
 * job it posts (WAITING) and interrupts a background job that runs (reason
 * "yield"); the runner answers a yielded job, and a background job it is
 * about to begin while a user job waits, with "yielded", and the one who
 * asked sends it again, to run after. The runner takes one off the count
 * as it takes a user job.
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
/** 1 while the job running is a background one (a check's, the preview's), which yields to the user's. */
const BACKGROUND = 4;
/** The user's jobs (panel requests, loads) the page has posted and the runner has not yet taken. */
const WAITING = 5;
const SLOTS = 6;
const SIGINT = 2;
/** The REASON slot's values. */
const LIMIT = 1;
const USER = 2;
const YIELD = 3;

/** The token of a runner job: a message's id, negative for one that came over a port. */
export function jobToken(id: number, overPort: boolean): number {
  return overPort ? -id : id;
}

/** Whether this page may share memory with its Workers (it is cross-origin isolated). */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer !== "undefined" && globalThis.crossOriginIsolated === true;
}

/** Why and when a job was stopped, as the runner reads it after the job. */
export interface JobStop {
  byUser: boolean;
  afterMs: number;
  /** It was a background job, stopped for a user job: it runs again after it. */
  yielded?: boolean;
}

/** What {@link InterruptLine.run} gives for a background job stopped for a user job. */
export const YIELDED = Symbol("yielded");

/** The shared buffer between the page and one runner Worker. */
export class InterruptLine {
  readonly buffer: Int32Array;

  constructor(buffer: Int32Array) {
    this.buffer = buffer;
  }

  /** A new line, or null where memory cannot be shared (the page is not cross-origin isolated). */
  static create(): InterruptLine | null {
    return canShareMemory() ? InterruptLine.shared() : null;
  }

  /** A new line in shared memory, whether or not a Worker may be given it (Node, the tests). */
  static shared(): InterruptLine {
    return new InterruptLine(
      new Int32Array(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT)),
    );
  }

  /** Page: interrupt job `token` if it is the one running; false when it is not (it ended). */
  stop(token: number, reason: "limit" | "user", afterMs: number): boolean {
    if (Atomics.load(this.buffer, JOB) !== token) return false;
    Atomics.store(this.buffer, AFTER, Math.round(afterMs));
    Atomics.store(this.buffer, REASON, reason === "user" ? USER : LIMIT);
    Atomics.store(this.buffer, SIGNAL, SIGINT);
    return true;
  }

  /**
   * Page: a user job (a panel request, a load) is posted. A background job running now is
   * interrupted to run again after it; one not begun yet yields when the
   * runner reaches it. True when a running job was interrupted.
   */
  userJobSent(): boolean {
    Atomics.add(this.buffer, WAITING, 1);
    if (Atomics.load(this.buffer, JOB) === 0 || Atomics.load(this.buffer, BACKGROUND) !== 1)
      return false;
    if (Atomics.load(this.buffer, REASON) !== 0) return false;
    Atomics.store(this.buffer, REASON, YIELD);
    Atomics.store(this.buffer, SIGNAL, SIGINT);
    return true;
  }

  /** Runner: the page has stopped the job running (the limit, Stop, or to yield): it is on its way out. */
  stopping(): boolean {
    return Atomics.load(this.buffer, JOB) !== 0 && Atomics.load(this.buffer, REASON) !== 0;
  }

  /** Runner: a user job is taken (answered or begun): one fewer waits. */
  userJobTaken(): void {
    if (Atomics.sub(this.buffer, WAITING, 1) <= 0) Atomics.store(this.buffer, WAITING, 0);
  }

  /** Runner: a user job waits, so a background job yields instead of beginning. */
  userJobWaiting(): boolean {
    return Atomics.load(this.buffer, WAITING) > 0;
  }

  /** Runner: job `token` begins (`background`: a check's or the preview's, which yields to the panel's). */
  begin(token: number, background = false): void {
    Atomics.store(this.buffer, REASON, 0);
    Atomics.store(this.buffer, SIGNAL, 0);
    Atomics.store(this.buffer, BACKGROUND, background ? 1 : 0);
    Atomics.store(this.buffer, JOB, token);
  }

  /**
   * Runner: run `job` as job `token` (`background`: see `begin`): its answer
   * and how the page stopped it (null: it did not), or YIELDED for a
   * background job stopped for a user job, even one whose interrupt came
   * out of `job` as an exception (CPython took it in the server's own code,
   * where nothing catches a KeyboardInterrupt, not in the app's). Any other
   * exception is the job's, thrown on.
   */
  run<T>(
    token: number,
    background: boolean,
    job: () => T,
  ): { answer: T; stop: JobStop | null } | typeof YIELDED {
    this.begin(token, background);
    let answer: T;
    try {
      answer = job();
    } catch (error) {
      if (this.end()?.yielded) return YIELDED;
      throw error;
    }
    const stop = this.end();
    return stop?.yielded ? YIELDED : { answer, stop };
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
    Atomics.store(this.buffer, BACKGROUND, 0);
    if (reason === 0 || !taken) return null;
    return reason === YIELD
      ? { byUser: false, afterMs, yielded: true }
      : { byUser: reason === USER, afterMs };
  }
}
