/**
 * @module records
 * The two records that cross every channel: what the client sent, and what
 * the server made of it. Both are plain, structured-clone-safe data so they
 * travel between the page, the service worker and the runner unchanged, and
 * both are language-neutral so another runner (Pyodide) can sit behind them.
 */
import type { ByteFate } from "./http-request";
import type { Layer } from "./layers";
import type { ServerChoice } from "../servers/choice";

/** An HTTP request exactly as a client put it on the wire, parsed into parts. */
export interface RequestRecord {
  /** The method token, as sent (`GET`, `POST`, `PURGE`, …). */
  method: string;
  /** The request target: path and query, raw, as sent (`/a%2Fb?x=1`). */
  target: string;
  /** The protocol of the request line, `HTTP/1.1` or `HTTP/1.0`. */
  httpVersion: string;
  /** Header lines in the order sent; names keep their case, duplicates stay. */
  headers: [string, string][];
  /** The body bytes as sent (a chunked body's content: its chunks joined, as a client reads it). */
  body: Uint8Array;
  /** The interim responses sent before this one, by status line (`"HTTP/1.1 100 Continue"`). */
  interim?: string[];
  /** For a body sent with `Transfer-Encoding: chunked`: each chunk's size, in order. */
  chunks?: number[];
  /** For a body sent chunked: the bytes as they went on the wire, chunk sizes and all. */
  wireBody?: Uint8Array;
  /** Where the client connects from; wsgiref's REMOTE_ADDR. */
  remoteAddr?: string;
  /** The virtual server the request is addressed to (`localhost:8000`). */
  server?: { name: string; port: string };
  /** `https` when the virtual server speaks TLS; sets HTTPS and wsgi.url_scheme. */
  urlScheme?: "http" | "https";
  /** Where the app is mounted (SCRIPT_NAME); `""` at the root. */
  scriptName?: string;
  /**
   * The exact bytes on the wire, for a request typed raw. When set, they are
   * what the server reads; method, target, version, headers and body above
   * are a best reading of them for the history and the title.
   */
  raw?: Uint8Array;
  /**
   * Serve it through each of these servers too, each running the module
   * afresh (the Servers tab, Python only): the response's `comparisons`.
   */
  servers?: ServerChoice[];
}

/** A JSON-safe picture of one environ value, for the inspector. */
export type EnvironValue = string | number | boolean | null | EnvironValue[] | { repr: string };

/** One step of the WSGI conversation, in the order it happened. */
export type TraceEvent = (
  | { kind: "call"; at: number }
  | { kind: "return"; at: number; result: string }
  | {
      kind: "start_response";
      at: number;
      status: string;
      headers: string;
      excInfo: string | null;
    }
  | { kind: "write"; at: number; size: number }
  | { kind: "chunk"; at: number; size: number }
  | { kind: "headers-sent"; at: number }
  | { kind: "close"; at: number }
  | { kind: "exception"; at: number; message: string }
) & {
  /** The layer of a stack whose code made the event (stacks of two layers or more). */
  layer?: string | null;
};

/** Where a finding or an error points to in the user's source. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  /** Where the marked stretch ends on the same line (1-based, past its last character), when known. */
  endColumn?: number;
}

/** The line a stopped app was running: the innermost of the project's files (Python: from the interrupt's traceback). */
export interface RunningLine extends SourceLocation {
  /** The function it was in (`application`, `<module>`). */
  function: string;
  /** The line's source, stripped. */
  text: string;
}

/** A place where the app (or the request) broke PEP 3333. */
export interface Finding {
  /**
   * `error`: wsgiref's server itself rejected it and the response failed;
   * `warning`: wsgiref.validate would reject it (or warns), the server let it pass.
   */
  severity: "error" | "warning";
  /**
   * Which part makes this check: wsgiref's server, wsgiref.validate, the
   * playground's own limits, or the layers view (between two layers of a stack).
   */
  source: "handlers" | "validate" | "playground" | "layers";
  /** Same meaning as CPython's message for the same fault. */
  message: string;
  /** The PEP 3333 section the rule comes from (an anchor of the PEP). */
  pep?: string;
  /** One line that says how to fix it. */
  fix?: string;
  location?: SourceLocation;
  /** The JavaScript stack where it happened, before source mapping. */
  stack?: string;
}

/** What the server sent back, and how it came to send it. */
/** The server that answered a request (see playground_servers.describe). */
export interface AnsweringServer {
  /** Its name: `wsgiref`, `Paste`, `Werkzeug`, `Waitress`, `Gunicorn`. */
  name: string;
  /** Its class, module and all (`app.MyServer` for the user's own subclass). */
  class: string;
  /** `code`: the module started it (at `at`); `chosen`: the project's Server choice; `default`: the module only named its app. */
  how: "code" | "chosen" | "default";
  at?: SourceLocation;
}

/** One server's answer in a comparison: its response, or why the module would not load under it. */
export interface ServerAnswer {
  server: ServerChoice;
  response?: ResponseRecord;
  error?: string;
}

export interface ResponseRecord {
  /** The status line's protocol, as wsgiref writes it (`HTTP/1.0`); `""` when no status line went out. */
  httpVersion: string;
  /** `"200 OK"`, as the app gave it (or the server's own on error). */
  status: string;
  /** Header lines in the order they went on the wire. */
  headers: [string, string][];
  /** Lower-cased names of the headers the server added (Date, Server, Content-Length). */
  serverHeaders: string[];
  /** The body bytes as sent (a chunked body's content: its chunks joined, as a client reads it). */
  body: Uint8Array;
  /** The interim responses sent before this one, by status line (`"HTTP/1.1 100 Continue"`). */
  interim?: string[];
  /** For a body sent with `Transfer-Encoding: chunked`: each chunk's size, in order. */
  chunks?: number[];
  /** For a body sent chunked: the bytes as they went on the wire, chunk sizes and all. */
  wireBody?: Uint8Array;
  /**
   * What went on the wire: absent for a status line, headers and body;
   * `body-only` for an HTTP/0.9 request (no status line, no headers: status
   * and headers then say what the server held); `nothing` when the server
   * closed the connection without a byte (an empty request line).
   */
  sent?: "body-only" | "nothing";
  /** What the server made of the request bytes, line by line, for the inspector. */
  fates?: ByteFate[];
  /** The request's bytes as the server read them (a body cut after 4 KB), for the inspector. */
  requestBytes?: Uint8Array;
  /** True when the app failed after the headers were sent: the body stops short. */
  truncated: boolean;
  /**
   * True when the server failed half-way through the header block (a header
   * it could not encode): the client got the status line and some headers,
   * then the connection closed. A browser shows that as an error.
   */
  incomplete?: boolean;
  /** The environ the app received, as it was when the app was called. */
  environ: Record<string, EnvironValue>;
  /** Every WSGI call in order. */
  trace: TraceEvent[];
  /** Everything written to wsgi.errors, tracebacks and the access log line. */
  errors: string;
  findings: Finding[];
  /** The stack's layers, outermost first, where the runtime finds them (Python). */
  layers?: Layer[];
  /** Milliseconds spent in the app (call and iteration). */
  appTime: number;
  /** Which build of the user's code answered. */
  buildId?: number;
  /** Which server answered, and why (Python: the one the code started, the one chosen, or the default). */
  server?: AnsweringServer;
  /** The same request through each server asked for (the request's `servers`): the Servers tab. */
  comparisons?: ServerAnswer[];
  /** Set when the app ran past the time limit (or the user pressed Stop) and its runner was stopped. */
  stopped?: {
    afterMs: number;
    byUser?: true;
    /** Where it was running, when the runtime could stop it there (Python's KeyboardInterrupt). */
    at?: RunningLine;
    /** How much its runtime's memory grew while it ran, when that much is worth saying. */
    grewBytes?: number;
  };
}
