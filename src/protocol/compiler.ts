/**
 * @module compiler
 * Page ↔ compiler worker. The page sends the project's files and the entry;
 * the worker bundles them with esbuild-wasm into one CommonJS script whose
 * `require("wsgi")` the runner answers with the runtime library. Every
 * request carries an id; the page drops replies to superseded ids.
 */

/** A diagnostic from esbuild, pointing into the user's files. */
export interface CompileMessage {
  text: string;
  /** Project path of the file (`app.ts`), when the message has a location. */
  file?: string;
  /** 1-based line. */
  line?: number;
  /** 0-based column, in UTF-16 code units. */
  column?: number;
  /** Length of the marked range. */
  length?: number;
  /** The source line, for display. */
  lineText?: string;
}

/** Bundle the files, starting from `entry`. */
export interface CompileRequest {
  type: "compile";
  id: number;
  /** Project files by path (`app.ts`, `lib/util.ts`). */
  files: Record<string, string>;
  entry: string;
}

/** The bundle, ready for the runner. */
export interface CompileSuccess {
  type: "compiled";
  id: number;
  /** CommonJS script with an inline source map. */
  code: string;
  warnings: CompileMessage[];
  /** Milliseconds spent in esbuild. */
  time: number;
}

/** The files did not compile. */
export interface CompileFailure {
  type: "compile-failed";
  id: number;
  errors: CompileMessage[];
  warnings: CompileMessage[];
}

export type CompilerReply = CompileSuccess | CompileFailure;
