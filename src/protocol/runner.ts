/**
 * @module runner
 * Page/service worker ↔ app runner. The page owns the runner Worker: it loads
 * builds into it (`load`), sends the request panel's requests to it
 * (`serve`), and hands it MessagePorts (`attach`) over which the service
 * worker sends the preview's. Requests and responses are language-neutral
 * records: every runtime (TypeScript today) answers the same messages.
 */
import type { RequestRecord, ResponseRecord, SourceLocation } from "../wsgi/records";
import type { ServeProgress } from "../wsgi/serve-progress";
import type { ServerChoice } from "../servers/choice";
import type {
  CompletedReply,
  CompleteMessage,
  EvaluatedReply,
  EvaluateMessage,
  TerminalNotice,
} from "./terminal";

/** What a runner runs: TypeScript's compiled bundle, or Python's sources as they are (and the server chosen for them). */
export type Program =
  | { kind: "bundle"; code: string }
  | { kind: "sources"; files: Record<string, string>; server?: ServerChoice };

/** Load a program and make its app the one that answers. */
export interface LoadMessage {
  type: "load";
  id: number;
  buildId: number;
  program: Program;
  /** Path of the entry file: Python runs it as `__main__`; both name it in messages. */
  entry: string;
}

/**
 * Start the language's runtime (Python: load CPython), before any load; not
 * under the time limit, which is the app's, not the runtime's. The answer,
 * a `StartedReply`, comes on the port sent with it (see `ask`).
 */
export interface StartMessage {
  type: "start";
  /** The playground's own URL, where a runtime finds its files (Python: `pyodide/<version>/`). */
  siteURL: string;
  /**
   * Memory shared with the page, through which it interrupts a job that runs
   * past the limit (see `runner/interrupt.ts`); absent where the page cannot
   * share memory (not cross-origin isolated) or the runtime cannot be
   * interrupted (TypeScript).
   */
  interrupt?: Int32Array;
  /**
   * Memory shared with the page through which a read of standard input
   * gets the line typed in the terminal (see `terminal-channel.ts`); absent
   * where memory cannot be shared: a read gets end of input, with a note.
   */
  terminal?: SharedArrayBuffer;
}

/** Listen for `serve` messages on the port transferred with this message. */
export interface AttachMessage {
  type: "attach";
}

/** Run one request through the loaded app. */
export interface ServeMessage {
  type: "serve";
  id: number;
  request: RequestRecord;
  /** Tell the response as it goes (`ServeProgressReply`s before the `served`): the panel's requests. */
  progress?: boolean;
  /**
   * The playground's own request (a check's), not the panel's: it yields to
   * a user job, a panel request or a build's load (`YieldedReply`). One over
   * a port (the preview's) is always one.
   */
  background?: boolean;
}

export type RunnerRequest =
  StartMessage | LoadMessage | AttachMessage | ServeMessage | EvaluateMessage | CompleteMessage;

/** The runtime is ready for a load, or could not start (`error` says why). */
export interface StartedReply {
  error: string | null;
  /** How a start that took time went (Python's), for the console and the benchmark. */
  report?: StartReport;
}

/** Where a runtime came from and what each part of its start cost, in ms of the runner's clock. */
export interface StartReport {
  /** Restored from the build's memory snapshot, or started (no snapshot, or one that would not restore). */
  from: "snapshot" | "start";
  /** Why the snapshot was not restored, when there was one. */
  notRestored?: string;
  /** From the start message to ready. */
  totalMs: number;
  /**
   * Each file read: its name, from request to last byte, its bytes, and
   * where from: the site (through the browser's HTTP cache), or the
   * service worker's kept copy (then `ms` is the time to find it, and
   * `bytes` its Content-Length: its reader reads it as it needs it).
   */
  files: { name: string; ms: number; bytes: number; from: "kept" | "site" }[];
  /** Loading the runtime: its files' fetch, WebAssembly compile, CPython's start or restore. */
  runtimeMs: number;
  /** The playground's server on top: its modules written (and imported, without a snapshot). */
  setupMs: number;
}

/**
 * The load's own code starts now (Python: its framework stacks are in, and
 * its module's top level runs): the time limit starts here, since a
 * download is the network's time, not the app's.
 */
export interface LoadRunningReply {
  type: "load-running";
  /** The `load` message's id. */
  id: number;
}

/**
 * A request the page sent begins now, after what was before it in the
 * runner's queue: its time limit starts here.
 */
export interface ServeRunningReply {
  type: "serve-running";
  /** The `serve` message's id. */
  id: number;
}

/** A build that loaded, or the reason it did not (what the runner client's `load` resolves with). */
export type LoadResult =
  | { ok: true; buildId: number; printed?: string }
  | { ok: false; error: string; location?: SourceLocation; summary?: string };

/** The build is loaded. */
export interface LoadedReply {
  type: "loaded";
  id: number;
  buildId: number;
  /** What its top level printed (Python: Werkzeug's "Running on http://127.0.0.1:5000"). */
  printed?: string;
}

/** The build threw while loading, or has no app to export. */
export interface LoadFailedReply {
  type: "load-failed";
  id: number;
  /** The whole message: the traceback (or stack) and any fixes. */
  error: string;
  /** Where in the project's files it failed, for an editor marker. */
  location?: SourceLocation;
  /** The error in one line (`ModuleNotFoundError: No module named 'routes'`), for the marker. */
  summary?: string;
}

/** The response record for a `serve`. */
export interface ServedReply {
  type: "served";
  id: number;
  response: ResponseRecord;
}

/** A slow response so far: its head once sent, then its body and trace as they grow. */
export interface ServeProgressReply {
  type: "serve-progress";
  /** The `serve` message's id. */
  id: number;
  progress: ServeProgress;
}

/** No app could answer (nothing loaded yet). */
export interface ServeFailedReply {
  type: "serve-failed";
  id: number;
  error: string;
}

/**
 * A background request stopped, or not begun, for a user job (a panel
 * request, a load) that waits: send it again, to run after that one (see
 * `runner/interrupt.ts`).
 */
export interface YieldedReply {
  type: "yielded";
  id: number;
}

export type RunnerReply =
  | YieldedReply
  | ServeRunningReply
  | LoadRunningReply
  | LoadedReply
  | LoadFailedReply
  | ServedReply
  | ServeFailedReply
  | ServeProgressReply
  | EvaluatedReply
  | CompletedReply;

/**
 * Runner → page, for a `serve` that came over a port (from the service
 * worker): the app started on it, and it finished. The page owns the
 * Worker, so it keeps the time limit for requests it never sees.
 */
export type ServeNotice =
  | {
      type: "serving";
      /** The `serve` message's id (the service worker's). */
      id: number;
      /** The request without its body: if it is stopped, the page answers for it (the 504 record). */
      request: RequestRecord;
    }
  | { type: "serve-ended"; id: number };

/**
 * Runner → page, while its runtime starts (Python: CPython's files
 * download, then it starts up): what to show instead of a bare wait.
 */
export interface StartProgress {
  type: "start-progress";
  /** "download": `loaded` of `total` bytes are in; "start-up": the runtime is starting; "done". */
  phase: "download" | "start-up" | "done";
  loaded: number;
  total: number;
  /** What is coming when it is not the runtime itself: a framework's stack ("Flask"). */
  name?: string;
}

/** Everything the runner posts to the page. */
export type RunnerMessage = RunnerReply | ServeNotice | StartProgress | TerminalNotice;
