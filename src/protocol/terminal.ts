/**
 * @module terminal
 * Runner → page: what the terminal shows. The process's output as it is
 * written (each build's and request's marked where it starts), who asks
 * for a line when a read of standard input waits (the line itself goes
 * back through shared memory: `terminal-channel.ts`), and the answers to
 * what is typed at `>>>` between requests. The sandbox passes these on to
 * the playground unchanged.
 */

/** What a job the runner runs is, for the terminal's marker where its output starts. */
export type TerminalJobKind = "build" | "request" | "check" | "preview";

/** A job the runner runs, as its marker names it. */
export interface TerminalJob {
  job: TerminalJobKind;
  what: string;
}

/** One piece of the terminal's output. */
export type TerminalPiece =
  /** What the process wrote to stdout or stderr (a terminal shows both as one stream). */
  | { kind: "text"; text: string }
  /** A build or request begins, and prints something: a marker above its output. */
  | { kind: "job"; job: TerminalJobKind; what: string }
  /** The playground's own word (not the app's output): drawn apart. */
  | { kind: "note"; text: string };

/** Where pdb is paused: the frame's file (project-relative when it is the project's), line and function. */
export interface PausedAt {
  file: string;
  line: number;
  function: string;
  /** The file is one of the project's (the editor can show it). */
  inProject: boolean;
}

/** One of the paused frame's locals, as the Variables view shows it. */
export interface FrameVariable {
  name: string;
  type: string;
  repr: string;
  /** A dict's entries, key and value as reprs (the first 300). */
  entries?: [string, string][];
}

/**
 * Who waits for a line: pdb at a line of the code, a TypeScript `debugger;`
 * (an expression a line, `c` goes on), or a plain read (`input()`, `sys.stdin`).
 */
export type TerminalAsk =
  { kind: "input" } | { kind: "pdb" | "debugger"; at: PausedAt; variables: FrameVariable[] };

/** Runner → page notices for the terminal. */
export type TerminalNotice =
  | { type: "terminal-output"; pieces: TerminalPiece[] }
  /** A read of standard input waits for a line (the time limit stops counting), in `job`. */
  | { type: "terminal-ask"; ask: TerminalAsk; job: TerminalJob | null }
  /** The read got its line, end of input, or was interrupted: the app runs again. */
  | { type: "terminal-asked" };

/** Page → runner: a line typed at `>>>`, run in the build's `__main__`. */
export interface EvaluateMessage {
  type: "evaluate";
  id: number;
  line: string;
}

/** Page → runner: Tab at `>>>`: the names `text` may complete to. */
export interface CompleteMessage {
  type: "complete";
  id: number;
  text: string;
}

/** Runner → page: the line ran; `more` when the statement goes on (`...`). */
export interface EvaluatedReply {
  type: "evaluated";
  id: number;
  more: boolean;
}

/** Runner → page: the completions of a `complete`. */
export interface CompletedReply {
  type: "completed";
  id: number;
  matches: string[];
}

/** What became of a line typed in the terminal. */
export type TypedLine =
  /** A read was waiting: it has the line. */
  | { to: "read" }
  /** Run at `>>>`; `more`: the statement goes on. */
  | { to: "console"; more: boolean }
  /** Nothing could take it; `why` says what runs. */
  | { to: "refused"; why: string };
