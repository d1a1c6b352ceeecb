/**
 * @module time-limit
 * The time limit of the app runner, kept in the page that owns the Worker
 * (the one place that keeps it: see `runner-client.ts`).
 *
 * A job the page sent (a load, a request) is limited from when the runner
 * says it begins; a request that came over a port (the preview's, from the
 * service worker) from when the runner says it is serving it. Past the
 * limit, or on Stop, the job is interrupted where it runs when the runner
 * can be (`interrupt.ts`), and the runner answers for it with the line it
 * was on; when it cannot be, or the app does not stop within a grace
 * period, the runner is replaced. A job that is no longer the one running
 * when its limit fires ended just then (it finished, or gave way to a
 * user's job): its answer gets the same grace, not a new runner.
 */
import type { StoppedServe } from "../protocol/service-worker";
import type { RequestRecord } from "../wsgi/records";
import { stoppedByUserMessage, stoppedMessage, stoppedResponse } from "../wsgi/stopped";
import type { Running } from "./app-runner";
import { jobToken, type InterruptLine } from "./interrupt";

/**
 * How long an interrupted app has to stop before its runner is replaced.
 * CPython takes the signal between instructions, not inside one C call: an
 * app growing by 8 MB a step took 0.8 s to stop on two busy cores, so one
 * second was too tight.
 */
const INTERRUPT_GRACE_MS = 2_500;

/** The app ran past the time limit and its runner was replaced. */
export class StoppedError extends Error {
  override name = "StoppedError";
  /** The limit that fired, in milliseconds. */
  readonly afterMs: number;

  /** The user pressed Stop (else the limit fired). */
  readonly byUser: boolean;

  constructor(message: string, afterMs: number, byUser = false) {
    super(message);
    this.afterMs = afterMs;
    this.byUser = byUser;
  }
}

/** What the time limit needs of the runner client. */
export interface TimeLimitOptions {
  /** The limit in ms, read when a job begins. */
  limitMs: () => number;
  /** The line to the runner in use, where it can be interrupted. */
  line: () => InterruptLine | null;
  /** Replace the runner (`stopped`: the port request it was stopped in, with its 504 record). */
  replace: (stopped: StoppedServe | null) => void;
  /** The app began running something under the limit, or stopped (null). */
  onRunning: (running: Running | null) => void;
}

/** The time limit over the jobs of one runner client. */
export class TimeLimit {
  private readonly options: TimeLimitOptions;
  /** What runs under the limit now, how to stop it before the limit (Stop), and to hold its clock. */
  private running: {
    what: string;
    startedAt: number;
    stop: () => void;
    clock: PausableTimer;
  } | null = null;
  /** The port request being served, its time limit, and the grace after an interrupt. */
  private serving: {
    id: number;
    timer: PausableTimer;
    grace?: ReturnType<typeof setTimeout>;
    done: () => void;
  } | null = null;

  constructor(options: TimeLimitOptions) {
    this.options = options;
  }

  /** Past the limit: replace the runner (the stopped port request named, if it was one). */
  private stop(stopped: StoppedServe | null) {
    performance.mark("wsgi:limit-fired");
    this.options.replace(stopped);
  }

  /** Say what runs now under the limit (null: nothing), how Stop stops it, and the clock that limits it. */
  private run(what: string, stop: () => void, clock: PausableTimer): () => void {
    const startedAt = performance.now();
    const running = { what, startedAt, stop, clock };
    this.running = running;
    this.options.onRunning({ what, startedAt, limitMs: this.options.limitMs() });
    return () => {
      if (this.running !== running) return;
      this.running = null;
      this.options.onRunning(null);
    };
  }

  /** Interrupt job `token` where it runs, if the runner can be and is on it. */
  private interrupt(token: number, byUser: boolean, afterMs: number): boolean {
    if (!this.options.line()?.stop(token, byUser ? "user" : "limit", afterMs)) return false;
    performance.mark("wsgi:limit-fired");
    return true;
  }

  /** A port request started: stop it at the limit, and answer it with the 504 record. */
  watch(id: number, request: RequestRecord): void {
    this.unwatch(this.serving?.id);
    const afterMs = this.options.limitMs();
    const what = `${request.method} ${request.target}`;
    const stopWith = (byUser: boolean) => {
      const ms = byUser ? Math.round(timer.elapsed()) : afterMs;
      const replace = () => {
        const message = byUser ? stoppedByUserMessage(ms, what) : stoppedMessage(afterMs, what);
        this.unwatch(id);
        this.stop({ id, response: stoppedResponse(request, ms, message, new Date(), byUser) });
      };
      // Interrupted, the runner answers the service worker itself and says so (`serve-ended`);
      // one that ended as the limit fired says so too, within the grace period.
      const interrupted = this.interrupt(jobToken(id, true), byUser, ms);
      if ((interrupted || this.options.line()) && this.serving?.id === id) {
        clearTimeout(this.serving.grace);
        this.serving.grace = setTimeout(replace, INTERRUPT_GRACE_MS);
      } else replace();
    };
    const timer = new PausableTimer(() => stopWith(false), afterMs);
    const done = this.run(what, () => stopWith(true), timer);
    this.serving = { id, timer, done };
  }

  /** The port request `id` ended (or any, when `id` is undefined and one is watched). */
  unwatch(id: number | undefined): void {
    if (this.serving === null || this.serving.id !== id) return;
    this.serving.timer.clear();
    clearTimeout(this.serving.grace);
    this.serving.done();
    this.serving = null;
  }

  /** The runner is replaced: no port request of its is watched any more. */
  unwatchAll(): void {
    this.unwatch(this.serving?.id);
  }

  /**
   * `work` sent from here as job `token` (`what` it is, for the message),
   * failing with StoppedError at the limit or on Stop, unless the runner,
   * interrupted, answers for it within the grace period. The limit counts
   * from when `begins` resolves (when the runner reaches the job; a load's,
   * once its downloads are in).
   */
  async limited<T>(
    work: Promise<T>,
    what: string,
    token: number,
    begins: Promise<void> = Promise.resolve(),
  ): Promise<T> {
    const afterMs = this.options.limitMs();
    let timer: PausableTimer | undefined;
    let grace: ReturnType<typeof setTimeout> | undefined;
    let done = () => {};
    let settled = false;
    const limit = new Promise<never>((_, reject) => {
      // Settle first: the restart fails everything still waiting on the old runner.
      const replace = (error: StoppedError) => {
        reject(error);
        this.stop(null);
      };
      const stopWith = (error: StoppedError) => {
        // A job that is not the one running has begun, so it ended: its answer is on its way
        // (it yielded, or finished as the limit fired). Either way the grace period waits for it.
        if (!this.interrupt(token, error.byUser, error.afterMs) && !this.options.line())
          return replace(error);
        clearTimeout(grace);
        grace = setTimeout(() => replace(error), INTERRUPT_GRACE_MS);
      };
      void begins.then(() => {
        if (settled) return;
        const clock = new PausableTimer(
          () => stopWith(new StoppedError(stoppedMessage(afterMs, what), afterMs)),
          afterMs,
        );
        timer = clock;
        done = this.run(
          what,
          () => {
            clock.clear();
            const ms = Math.round(clock.elapsed());
            stopWith(new StoppedError(stoppedByUserMessage(ms, what), ms, true));
          },
          clock,
        );
      });
    });
    try {
      return await Promise.race([work, limit]);
    } finally {
      settled = true;
      timer?.clear();
      clearTimeout(grace);
      done();
    }
  }

  /** What runs under the limit now ("GET /"), or null. */
  what(): string | null {
    return this.running?.what ?? null;
  }

  /**
   * What runs waits for the terminal (a read of standard input, pdb's
   * prompt): its limit stops counting until `resume`. A Stop still stops it.
   */
  pause(): void {
    const running = this.running;
    if (!running || running.clock.paused) return;
    running.clock.pause();
    this.options.onRunning({
      what: running.what,
      startedAt: running.startedAt,
      limitMs: this.options.limitMs(),
      paused: true,
    });
  }

  /** What runs goes on after the wait: its limit counts again, from where it stopped. */
  resume(): void {
    const running = this.running;
    if (!running || !running.clock.paused) return;
    const heldMs = running.clock.resume();
    // The countdown shown goes on from where it stopped.
    running.startedAt += heldMs;
    this.options.onRunning({
      what: running.what,
      startedAt: running.startedAt,
      limitMs: this.options.limitMs(),
    });
  }

  /** Stop what the app is running now, before the limit (the Stop button). False when nothing runs. */
  stopNow(): boolean {
    if (!this.running) return false;
    this.running.stop();
    return true;
  }
}

/** A timer that can be held (the job waits for the terminal) and goes on with the time it had left. */
export class PausableTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly fire: () => void;
  private left: number;
  private armedAt = performance.now();
  /** The time it ran, holds left out. */
  private ran = 0;
  private heldAt: number | null = null;
  private cleared = false;

  constructor(fire: () => void, ms: number) {
    this.fire = fire;
    this.left = ms;
    this.timer = setTimeout(fire, ms);
  }

  get paused(): boolean {
    return this.heldAt !== null;
  }

  /** Hold it: it does not fire until `resume`. */
  pause(): void {
    if (this.heldAt !== null) return;
    clearTimeout(this.timer);
    const now = performance.now();
    this.ran += now - this.armedAt;
    this.left -= now - this.armedAt;
    this.heldAt = now;
  }

  /** Go on with the time left; answers how long it was held. */
  resume(): number {
    if (this.heldAt === null) return 0;
    const now = performance.now();
    const held = now - this.heldAt;
    this.heldAt = null;
    this.armedAt = now;
    if (!this.cleared) this.timer = setTimeout(this.fire, Math.max(0, this.left));
    return held;
  }

  /** How long it has run, holds left out. */
  elapsed(): number {
    return this.ran + (this.heldAt === null ? performance.now() - this.armedAt : 0);
  }

  /** Never fire (the job ended, or was stopped). */
  clear(): void {
    clearTimeout(this.timer);
    this.cleared = true;
  }
}
