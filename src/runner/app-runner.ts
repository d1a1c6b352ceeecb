/**
 * @module app-runner
 * What the page asks of the app runner, wherever it runs: in this page
 * (`RunnerClient`, which owns the Worker) or in the sandbox page, over its
 * port (`sandbox/sandbox-link.ts`).
 */
import type { LoadResult, Program } from "../protocol/runner";
import type { TypedLine } from "../protocol/terminal";
import type { RequestRecord, ResponseRecord } from "../wsgi/records";
import type { ServeProgress } from "../wsgi/serve-progress";

export type { LoadResult };

/** How a request is served. */
export interface ServeOptions {
  /**
   * The playground's own request (a check's, the preview's served by the
   * page): the panel's go first (see `runner-client.ts`).
   */
  background?: boolean;
}

/** What the app is running under the time limit, for a countdown and a Stop button. */
export interface Running {
  /** What it runs: "GET /spin", "its module's top level". */
  what: string;
  /** `performance.now()` when it began. */
  startedAt: number;
  /** The time limit, in ms. */
  limitMs: number;
  /** It waits for the terminal (a read, pdb's prompt): the limit does not count the wait. */
  paused?: boolean;
}

/** What the page asks of the app runner, wherever it runs (here, or in the sandbox page). */
export interface AppRunner {
  /** Load a build; resolves when the app is ready to answer, or with why not. */
  load(buildId: number, program: Program, entry: string): Promise<LoadResult>;
  /** Serve a request; past the limit, the server's 504 record. */
  serve(
    request: RequestRecord,
    onProgress?: (progress: ServeProgress) => void,
    options?: ServeOptions,
  ): Promise<ResponseRecord>;
  /** Have the runtime `entry` needs started, running no code. */
  prepare(entry: string): Promise<void>;
  /** Stop what the app is running now (the Stop button); false when nothing runs. */
  stopNow(): boolean;
  /** Hold the standby runner back, or let it start. */
  holdStandby(held: boolean): void;
  /** The terminal: lines typed to the app's reads or `>>>`. */
  readonly terminal: TerminalControl;
}

/** What the terminal asks of the runner. */
export interface TerminalControl {
  /** A line typed: to the read that waits, to `>>>` when nothing runs, or refused. */
  typeLine(line: string): Promise<TypedLine>;
  /** Ctrl+D: end of input for the read that waits (nothing when none waits). */
  endInput(): void;
  /** Tab at `>>>`: the names of the build's `__main__` that `text` may complete to. */
  complete(text: string): Promise<string[]>;
}
