/**
 * @module runner-client
 * The page's handle on the app runner Worker: load builds into it, send it
 * the request panel's requests, hand out ports to it for the preview's, and
 * replace it when it must be stopped. A replaced runner gets the last build
 * loaded again before anything else reaches it. The runner is the one for
 * the language of the build's entry file (see `runtimes`); a build in
 * another language replaces it.
 *
 * It keeps the time limit (`time-limit.ts`), the one place that does. A
 * load or a request sent here that runs past it is interrupted where it runs, when the
 * runtime can be (Python, on a page that shares memory with its Workers:
 * see `interrupt.ts`), and the runner answers for it with the line it was
 * running; otherwise, or when the app does not stop within a grace period,
 * the runner is replaced: the load fails with the reason, the request is
 * answered with the server's 504 record.
 * Requests that reach the runner over a port (the service worker's) never
 * pass through the page, so the runner says when each starts and ends; one
 * that runs past the limit gets the runner replaced too, and `onRestart`
 * gets that request's 504 record for the service worker to answer with.
 *
 * The user's jobs go first (the panel's requests, a build's load): the
 * playground's own requests (the checks', and the preview's over a port)
 * wait for those under way, and give way to one sent while they run
 * (`ServeOptions.background`, `interrupt.ts`).
 */
import { PendingReplies } from "../protocol/pending-replies";
import type {
  LoadResult,
  Program,
  RunnerReply,
  RunnerRequest,
  StartProgress,
} from "../protocol/runner";
import type { StoppedServe } from "../protocol/service-worker";
import type { TerminalChannel } from "../protocol/terminal-channel";
import type { TerminalNotice } from "../protocol/terminal";
import type { RequestRecord, ResponseRecord } from "../wsgi/records";
import type { ServeProgress } from "../wsgi/serve-progress";
import { stoppedResponse } from "../wsgi/stopped";
import { jobToken, type InterruptLine } from "./interrupt";
import { StoppedError, TimeLimit } from "./time-limit";
import { startRunner, takeEarly } from "./runner-start";
import type { AppRunner, Running, ServeOptions } from "./app-runner";
import { runtimeFor, type Runtime } from "./runtimes";
import { RunnerTerminal } from "./runner-terminal";

/**
 * How long a reply may take: past the longest time limit (60 s), so the
 * limit always fires first and the runner is replaced, not left running.
 */
const REPLY_TIMEOUT_MS = 65_000;

/** What the runner client is made with. */
export interface RunnerClientOptions {
  /** The runtime to start with; a build for another language replaces it. */
  runtime: Runtime;
  /** The time limit in ms, read when a request starts. */
  limitMs: () => number;
  /**
   * A new runner started (a stopped one replaced, or another language's):
   * give the service worker a port to it; `stopped` is the port request the
   * old one was stopped in, with its 504 record.
   */
  onRestart: (stopped: StoppedServe | null) => void;
  /** How the runtime of the runner in use is starting (Python's download, then start-up). */
  onStartProgress?: (progress: StartProgress) => void;
  /** The app began running something under the time limit (`Running`), or stopped (null). */
  onRunning?: (running: Running | null) => void;
  /** What the terminal shows: the app's output, who asks for a line, the ask over. */
  onTerminal?: (notice: TerminalNotice) => void;
}

/** A runner Worker, the runtime it runs, and its start (null once started, else why not). */
interface Runner {
  worker: Worker;
  runtime: Runtime;
  started: Promise<string | null>;
  /** The memory it shares with this page to be interrupted, when it can be. */
  line: InterruptLine | null;
  /** The memory its reads of standard input wait on, when it can share it. */
  channel: TerminalChannel | null;
}

/** Owns the runner Worker. */
export class RunnerClient implements AppRunner {
  private worker!: Worker;
  private line: InterruptLine | null = null;
  private runtime: Runtime;
  private readonly pending = new PendingReplies<RunnerReply>("app runner");
  private lastBuild: { buildId: number; program: Program; entry: string } | null = null;
  private readonly onRestart: (stopped: StoppedServe | null) => void;
  private readonly onStartProgress: (progress: StartProgress) => void;
  /** The user's jobs under way (panel requests, loads): the playground's own requests wait for them (see `serve`). */
  private readonly userJobs = new Set<Promise<unknown>>();
  /** Each load or request under way, by its id: its code starts running (and its time limit with it). */
  private readonly runningOf = new Map<number, () => void>();
  /** Who hears the progress of each panel request under way, by its id. */
  private readonly progressOf = new Map<number, (progress: ServeProgress) => void>();
  /** The time limit over what this client's runner runs. */
  private readonly limit: TimeLimit;
  /** The runtime's start: null when it started, else why not. */
  private started!: Promise<string | null>;
  /** A second runner, started and idle, that replaces a stopped one at once (see `Runtime.standby`). */
  private standby: Runner | null = null;
  private standbyPlanned = false;
  /** No standby starts while held (the benchmark's memory with one runtime). */
  private standbyHeld = false;
  /** A replaced runner getting the last build again: requests wait for it. */
  private reloading: Promise<unknown> = Promise.resolve();
  /** The terminal: where a typed line goes, and the holds while a read waits for one. */
  readonly terminal: RunnerTerminal;

  constructor(options: RunnerClientOptions) {
    const { runtime, limitMs, onRestart, onStartProgress, onRunning, onTerminal } = options;
    this.onRestart = onRestart;
    this.onStartProgress = onStartProgress ?? (() => undefined);
    this.terminal = new RunnerTerminal({
      onTerminal: onTerminal ?? (() => undefined),
      hold: () => {
        this.limit.pause();
        this.pending.hold();
      },
      release: () => {
        this.limit.resume();
        this.pending.release();
      },
      running: () => this.limit.what(),
      runtime: () => ({ language: this.runtime.language, loaded: this.lastBuild !== null }),
      ask: (message, what) => this.job(message, what),
    });
    this.limit = new TimeLimit({
      limitMs,
      line: () => this.line,
      replace: (stopped) => void this.restart(stopped),
      onRunning: onRunning ?? (() => undefined),
    });
    this.runtime = runtime;
    this.spawn();
  }

  /**
   * A runner Worker of the current runtime, starting (the one the page
   * started early, when it is for this runtime); its messages come here.
   */
  private makeRunner(): Runner {
    const starting = takeEarly(this.runtime) ?? startRunner(this.runtime);
    const { worker, runtime, line, channel } = starting;
    starting.listen((message) => {
      // A standby never serves: only the runner in use reaches this.
      if (
        message.type === "terminal-output" ||
        message.type === "terminal-ask" ||
        message.type === "terminal-asked"
      ) {
        if (worker === this.worker) this.terminal.heard(message);
      } else if (message.type === "start-progress") {
        // A standby starting in idle time is nobody's wait.
        if (worker === this.worker) this.onStartProgress(message);
      } else if (message.type === "load-running" || message.type === "serve-running") {
        this.runningOf.get(message.id)?.();
      } else if (message.type === "serve-progress") {
        this.progressOf.get(message.id)?.(message.progress);
      } else if (message.type === "serving") this.limit.watch(message.id, message.request);
      else if (message.type === "serve-ended") this.limit.unwatch(message.id);
      else this.pending.resolve(message.id, message);
    });
    const started = starting.reply.then(
      (answer) => {
        if (answer.report) {
          // For the benchmark: where the runtime came from and what its start cost.
          performance.mark("wsgi:runtime-started", {
            detail: { ...answer.report, standby: worker !== this.worker },
          });
          if (answer.report.notRestored)
            console.warn(`Python started without its snapshot: ${answer.report.notRestored}`);
        }
        return answer.error;
      },
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    return { worker, runtime, started, line, channel };
  }

  /**
   * Put a runner of the current runtime in use: the standby if it has one
   * (already started), else a new one. The next standby starts after a
   * build has loaded (see `keepStandby`).
   */
  private spawn() {
    const standby = this.standby?.runtime === this.runtime ? this.standby : null;
    if (this.standby && !standby) this.standby.worker.terminate();
    this.standby = null;
    const runner = standby ?? this.makeRunner();
    this.worker = runner.worker;
    this.line = runner.line;
    this.started = runner.started;
    this.terminal.use(runner.channel);
  }

  /**
   * For a runtime that keeps one, start a standby runner, once a build has
   * loaded and the page is idle: starting CPython takes every core for a
   * few seconds, and must not slow the build or the requests that follow.
   */
  private keepStandby() {
    if (!this.runtime.standby || this.standby || this.standbyPlanned || this.standbyHeld) return;
    this.standbyPlanned = true;
    const runtime = this.runtime;
    requestIdleCallback(
      () => {
        this.standbyPlanned = false;
        if (this.runtime === runtime && !this.standby) this.standby = this.makeRunner();
      },
      { timeout: 3000 },
    );
  }

  /** Hold the standby back (true), or let it start once a build has loaded (false). */
  holdStandby(held: boolean): void {
    this.standbyHeld = held;
    if (!held && this.lastBuild) this.keepStandby();
  }

  /** Stop what the app is running now, before the limit (the Stop button). False when nothing runs. */
  stopNow(): boolean {
    return this.limit.stopNow();
  }

  private post(message: RunnerRequest, transfer: Transferable[] = []) {
    this.worker.postMessage(message, transfer);
  }

  /**
   * Load a build; resolves when the app is ready to answer (StoppedError
   * past the limit). A build in another language than the runner's gets a
   * runner of its own first.
   */
  async load(buildId: number, program: Program, entry: string): Promise<LoadResult> {
    const runtime = runtimeFor(entry);
    if ("error" in runtime) return { ok: false, error: runtime.error };
    await this.prepare(entry);
    // The runtime starts outside the time limit: it is the app's, not CPython's.
    const notStarted = await this.started;
    if (notStarted !== null) return { ok: false, error: notStarted };
    this.terminal.endForBuild();
    const { id, reply } = this.pending.open(REPLY_TIMEOUT_MS);
    const running = new Promise<void>((resolve) => this.runningOf.set(id, resolve));
    // A build is the user's: the checks and the preview give way to it, as to the panel's requests.
    this.line?.userJobSent();
    this.post({ type: "load", id, buildId, program, entry });
    this.userJob(reply);
    let answer: RunnerReply;
    try {
      answer = await this.limit.limited(
        reply,
        "its module's top level",
        jobToken(id, false),
        running,
      );
    } finally {
      this.runningOf.delete(id);
    }
    if (answer.type === "loaded") {
      this.lastBuild = { buildId, program, entry };
      this.keepStandby();
      return { ok: true, buildId, ...(answer.printed ? { printed: answer.printed } : {}) };
    }
    if (answer.type !== "load-failed") return { ok: false, error: "Unexpected reply." };
    const { error, location, summary } = answer;
    return { ok: false, error, ...(location ? { location } : {}), ...(summary ? { summary } : {}) };
  }

  /**
   * Have the runtime `entry` needs started, running no code: CPython
   * downloads and starts while a link's project waits for Run.
   */
  async prepare(entry: string): Promise<void> {
    const runtime = runtimeFor(entry);
    if ("error" in runtime || runtime === this.runtime) return;
    this.runtime = runtime;
    this.lastBuild = null;
    await this.restart();
  }

  /**
   * Serve a request (the request panel's, and the preview's when the page
   * serves it); past the limit, the server's 504 record. A `background`
   * one (the playground's own: a check's) goes after the panel's: it waits
   * for those under way, and one running when the panel sends is stopped
   * and sent again after it (see `interrupt.ts`).
   */
  async serve(
    request: RequestRecord,
    onProgress?: (progress: ServeProgress) => void,
    options: ServeOptions = {},
  ): Promise<ResponseRecord> {
    const background = options.background === true;
    for (;;) {
      if (background) while (this.userJobs.size) await Promise.allSettled(this.userJobs);
      const served = this.serveOnce(request, onProgress, background);
      if (!background) this.userJob(served);
      const answer = await served;
      if (answer !== "yielded") return answer;
    }
  }

  /** Count `job` as the user's until it settles. */
  private userJob(job: Promise<unknown>): void {
    this.userJobs.add(job);
    void job.finally(() => this.userJobs.delete(job)).catch(() => undefined);
  }

  /** One try of `serve`: "yielded" when a background request gave way to the panel's. */
  private async serveOnce(
    request: RequestRecord,
    onProgress: ((progress: ServeProgress) => void) | undefined,
    background: boolean,
  ): Promise<ResponseRecord | "yielded"> {
    // A new runner answers once it has the build (CPython may still be starting).
    await this.reloading;
    const { id, reply } = this.pending.open(REPLY_TIMEOUT_MS);
    if (onProgress) this.progressOf.set(id, onProgress);
    const begins = new Promise<void>((resolve) => this.runningOf.set(id, resolve));
    if (!background) this.line?.userJobSent();
    this.post({
      type: "serve",
      id,
      request,
      ...(onProgress ? { progress: true } : {}),
      ...(background ? { background } : {}),
    });
    let answer: RunnerReply;
    try {
      const what = `${request.method} ${request.target}`;
      answer = await this.limit.limited(reply, what, jobToken(id, false), begins);
    } catch (error) {
      if (!(error instanceof StoppedError)) throw error;
      return stoppedResponse(request, error.afterMs, error.message, new Date(), error.byUser);
    } finally {
      this.progressOf.delete(id);
      this.runningOf.delete(id);
    }
    if (answer.type === "served") return answer.response;
    if (answer.type === "yielded") return "yielded";
    throw new Error(
      answer.type === "serve-failed" ? answer.error : "Unexpected reply from the app runner.",
    );
  }

  /**
   * Ask the runner `message` (made with its id); `what` it runs, under the
   * time limit and as the user's job (null: a question that runs no code).
   */
  private async job(
    message: (id: number) => RunnerRequest,
    what: string | null,
  ): Promise<RunnerReply> {
    await this.reloading;
    const { id, reply } = this.pending.open(REPLY_TIMEOUT_MS);
    if (what === null) {
      this.post(message(id));
      return reply;
    }
    const begins = new Promise<void>((resolve) => this.runningOf.set(id, resolve));
    this.line?.userJobSent();
    this.post(message(id));
    this.userJob(reply);
    try {
      return await this.limit.limited(reply, what, jobToken(id, false), begins);
    } finally {
      this.runningOf.delete(id);
    }
  }

  /** A new port on which the runner answers `serve` messages. */
  connect(): MessagePort {
    const channel = new MessageChannel();
    this.post({ type: "attach" }, [channel.port1]);
    return channel.port2;
  }

  /**
   * Stop the runner (whatever it is doing) and start a fresh one with the
   * last build; `stopped` names the port request it was stopped in.
   */
  async restart(stopped: StoppedServe | null = null): Promise<void> {
    this.worker.terminate();
    this.limit.unwatchAll();
    this.pending.rejectAll(new Error("The app runner was restarted."));
    this.spawn();
    if (this.lastBuild) {
      const { buildId, program, entry } = this.lastBuild;
      this.reloading = this.load(buildId, program, entry).catch(() => undefined);
      await this.reloading;
    }
    // Then the service worker gets a port to it, and sends it what was waiting on the old one.
    this.onRestart(stopped);
  }
}
