/**
 * @module run
 * The state of builds and requests: what compiled, what answered, what failed.
 */
import type { Running } from "../runner/app-runner";
import { create } from "zustand";
import type { CompileMessage } from "../protocol/compiler";
import type { ComposedRequest } from "../request/compose";
import type { RequestDraft } from "../request/draft";
import type { ResponseRecord, TraceEvent } from "../wsgi/records";

/** Where the latest build stands. */
export type BuildState =
  | { phase: "idle" }
  | { phase: "held" }
  | { phase: "compiling"; buildId: number }
  | { phase: "ready"; buildId: number; compileTime: number | null }
  | { phase: "failed"; buildId: number; errors: CompileMessage[] }
  | { phase: "crashed"; buildId: number; error: string };

/** How the runtime is starting, while it is (Python: CPython's download, then its start-up). */
export interface RuntimeStart {
  phase: "download" | "start-up";
  loaded: number;
  total: number;
  /** A framework's stack coming ("Flask"), when it is not the runtime itself. */
  name?: string;
}

/** A response still being made, as far as it has come (see wsgi/serve-progress). */
export interface Streaming {
  status: string | null;
  headers: [string, string][] | null;
  /** The body so far. */
  chunks: Uint8Array[];
  size: number;
  trace: TraceEvent[];
}

/** Builds, the last response, and errors along the way. */
export interface RunState {
  build: BuildState;
  /** The runtime's start, while one is under way; null otherwise. */
  runtimeStart: RuntimeStart | null;
  /** The panel's response while it is still coming (only once it takes more than a moment). */
  streaming: Streaming | null;
  /** What the app runs now under the time limit (a request, a module's top level), for Stop. */
  running: Running | null;
  /** Diagnostics of the latest build, for editor markers. */
  diagnostics: CompileMessage[];
  sending: boolean;
  /** The last response received; kept while later builds fail. */
  response: ResponseRecord | null;
  /** Counts the responses received, so a view (or a test) can tell a new one from the last. */
  responseSeq: number;
  /** Milliseconds from Send to the response record. */
  roundTrip: number | null;
  /** Why the last send did not produce a response. */
  sendError: string | null;
  /** Which request field the send error is about ("Method", "Headers", …). */
  sendErrorField: string | null;
  /** The request that produced `response`, as sent, and its draft. */
  sent: { composed: ComposedRequest; draft: RequestDraft } | null;
  /** The redirects followed on the way to `response`: each status and Location. */
  redirects: { status: string; location: string }[];
  /** The address the loaded build's code says it serves at (see `request/served-address`), if it printed one. */
  servedAt: string | null;
}

/** The run store. */
export const useRun = create<RunState>(() => ({
  build: { phase: "idle" },
  runtimeStart: null,
  streaming: null,
  running: null,
  diagnostics: [],
  sending: false,
  response: null,
  responseSeq: 0,
  roundTrip: null,
  sendError: null,
  sendErrorField: null,
  sent: null,
  servedAt: null,
  redirects: [],
}));

/** Change some fields of the run state. */
export function updateRun(change: Partial<RunState>): void {
  useRun.setState(change);
}
