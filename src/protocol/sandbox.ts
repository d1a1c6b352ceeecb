/**
 * @module sandbox
 * Playground page ↔ sandbox page. User code runs on an origin of its own:
 * the sandbox page (a cross-origin frame of the playground) owns the runner
 * Workers, the time limit, and the service worker that serves the live
 * preview; the playground keeps the user's projects, history and cookie
 * jar. They talk over one MessagePort, handed over once the sandbox says
 * it listens (`SandboxListening`, `ConnectSandbox`).
 *
 * A question carries its own reply port (see `ask`): the playground asks
 * the sandbox to load, serve, prepare and keep files; the sandbox asks the
 * playground to serve a preview request (through the jar and the history)
 * and to keep what one it served set. Notices go one way, unanswered.
 * Times cross as ages (`agoMs`): the two pages' clocks start apart.
 */
import type { RequestRecord, ResponseRecord } from "../wsgi/records";
import type { ServeProgress } from "../wsgi/serve-progress";
import type { Program, StartProgress } from "./runner";
import type { TerminalNotice } from "./terminal";
import type { LoadResult } from "./runner";
export type { LoadResult };
import type {
  PreviewConfig,
  PreviewInput,
  PreviewReply,
  PreviewServedMessage,
} from "./service-worker";

/** Sandbox → playground window, by `postMessage`: it listens for the port. */
export interface SandboxListening {
  type: "sandbox-loaded";
}

/** Playground → sandbox window, with the port (`ports[0]`). */
export interface ConnectSandbox {
  type: "connect-sandbox";
  /** The language to run first (the sandbox may have started it already, from its address). */
  language: "typescript" | "python";
  limitMs: number;
  preview: PreviewConfig;
}

/** Playground → sandbox, on the port. */
export type ToSandbox =
  /** Answered with a SandboxLoad. */
  | { type: "load"; buildId: number; program: Program; entry: string; limitMs: number }
  /**
   * Answered with `{ response }` or `{ error }`. With `progress`, the
   * sandbox tells the response as it goes on the port sent with it
   * (`ports[0]`, before the reply port).
   */
  | {
      type: "serve";
      request: RequestRecord;
      limitMs: number;
      progress: boolean;
      /** The playground's own request: the panel's go first (see `runner/runner-client.ts`). */
      background?: boolean;
    }
  /** Answered (with null) once the runtime `entry` needs is started. */
  | { type: "prepare"; entry: string }
  | { type: "stop-now" }
  /** The time limit changed (the preview's requests, served without the playground, use it too). */
  | { type: "time-limit"; limitMs: number }
  | { type: "hold-standby"; held: boolean }
  | { type: "preview-config"; preview: PreviewConfig }
  /**
   * The preview's frame (a frame of the playground, on the sandbox's
   * origin: only the sandbox page may reach into it): go back, forward,
   * reload, or say its address (answered with it, or null).
   */
  | { type: "preview-frame"; action: "back" | "forward" | "reload" | "href" }
  /** Answered with how many files the sandbox's service worker added. */
  | { type: "keep-site" }
  /** A line typed in the terminal: answered with a TypedLine. */
  | { type: "terminal-line"; line: string }
  /** Ctrl+D in the terminal. */
  | { type: "terminal-end" }
  /** Tab in the terminal: answered with the completions. */
  | { type: "terminal-complete"; text: string };

/** What the sandbox answers a `load` with: the result, or why the load failed outright (the time limit). */
export type SandboxLoad = LoadResult | { thrown: string };

/** What the sandbox answers a `serve` with. */
export type SandboxServed = { response: ResponseRecord } | { error: string };

/** A progress message of a `serve`, on its progress port. */
export interface SandboxServeProgress {
  progress: ServeProgress;
}

/** What the app runs under the time limit now (null: nothing), its start as an age. */
export interface SandboxRunning {
  what: string;
  limitMs: number;
  agoMs: number;
  /** It waits for the terminal: the limit does not count. */
  paused?: boolean;
}

/** Sandbox → playground, on the port. */
export type FromSandbox =
  /** Its service worker serves the preview from `scope` (null: it cannot, and `reason` says why). */
  | { type: "preview-ready"; scope: string | null; reason?: string }
  | { type: "start-progress"; progress: StartProgress }
  | { type: "running"; running: SandboxRunning | null }
  /** A performance mark the sandbox made, for the playground's timeline (the benchmark reads it there). */
  | { type: "mark"; name: string; agoMs: number; detail: unknown }
  /** Answered with a PreviewReply. */
  | { type: "serve-preview"; input: PreviewInput; scopePath: string }
  /** Answered with the PreviewConfig after it (null: unchanged). */
  | { type: "preview-served"; served: PreviewServedMessage }
  /** What the terminal shows (the runner's notice, passed on). */
  | { type: "terminal"; notice: TerminalNotice };

export type { PreviewReply };
