/**
 * @module server-handler
 * Runs one request through a WSGI application the way CPython's
 * `wsgiref.simple_server.ServerHandler` (a `wsgiref.handlers.BaseHandler`)
 * does: `run()` calls the app, `finish_response()` iterates the body and
 * writes each chunk, headers go out at the first write, Content-Length is
 * added when the body is a one-element list, Date and Server are added to the
 * preamble, and an exception before the headers are sent becomes wsgiref's
 * 500 response while its traceback goes to the errors log. The method names
 * below are wsgiref's, so the two can be read side by side.
 *
 * Everything that happens is recorded for the inspector in a
 * {@link ResponseRecord}.
 */
import type { Environ, StartResponse, Write } from "../runtime/types";
import { is_hop_by_hop } from "../runtime/util";
import {
  check_content_type,
  check_environ,
  check_exc_info,
  check_headers,
  check_iterator,
  check_status,
  ErrorWrapper,
  InputWrapper,
  RULES,
  StopCheck,
  type Reporter,
  type RuleId,
} from "../runtime/validate";
import { concatBytes } from "./bytes";
import { environOf, requestBytes, type Connection } from "./environ";
import { bodyFates, keptBytes, parseHttpRequest, type ParsedRequest } from "./http-request";
import { refusedResponse } from "./refused";
import { logLine } from "./server-log";
import { formatDateTime, SOFTWARE_VERSION } from "./server-identity";
import { snapshotEnviron } from "./environ-snapshot";
import { AssertionError, exceptionLine, formatTraceback, PyTypeError, ValueError } from "./errors";
import { NAME_DISALLOWED, VALUE_DISALLOWED } from "../runtime/headers";
import { encodeLatin1 } from "../runtime/latin1";
import type { Finding, RequestRecord, ResponseRecord, TraceEvent } from "./records";
import { ProgressTeller, type ServeProgress } from "./serve-progress";
import { pyRepr, pyTypeName } from "../runtime/repr";
import { StringIO } from "../runtime/io";
import { LayerWatch } from "./layer-watch";
import { watchingLayers } from "./layer-hooks";
import { tagTrace } from "./layers";

const ERROR_STATUS = "500 Internal Server Error";
const ERROR_HEADERS: [string, string][] = [["Content-Type", "text/plain"]];
const ERROR_BODY = new TextEncoder().encode(
  "A server error occurred.  Please contact the administrator.",
);
/** The largest response body the playground keeps (the page must hold it). */
export const RESPONSE_LIMIT = 100 * 1024 * 1024;

/** The body passed {@link RESPONSE_LIMIT}: the server stopped sending it. */
export class ResponseTooLarge extends Error {
  override name = "ResponseTooLarge";
}

export { formatDateTime, SOFTWARE_VERSION };

/** Options of one {@link serve} call. */
export interface ServeOptions {
  /** The clock; tests fix it. */
  now?: () => Date;
  /** Recorded in the response, to show which build answered. */
  buildId?: number;
  /** Formats an exception for the errors log (the runner maps it to the user's source). */
  traceback?: (error: unknown) => string;
  /** The largest body sent before the response is stopped; {@link RESPONSE_LIMIT} unless set. */
  responseLimit?: number;
  /** Told as the response goes: the head once sent, then the body and the trace (throttled). */
  onProgress?: (progress: ServeProgress) => void;
}

/** `1.5 MB`, `100 MB`, `512 bytes`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [size, unit] = bytes < 1024 * 1024 ? [bytes / 1024, "KB"] : [bytes / 1024 / 1024, "MB"];
  return `${Number.isInteger(size) ? size : size.toFixed(1)} ${unit}`;
}

function hasHeader(headers: readonly [string, string][], name: string): boolean {
  const lower = name.toLowerCase();
  return headers.some(([key]) => key.toLowerCase() === lower);
}

function unpackPair(item: unknown): [unknown, unknown] {
  if (!Array.isArray(item) && !(item && typeof item === "object" && Symbol.iterator in item)) {
    throw new PyTypeError(`cannot unpack non-iterable ${pyTypeName(item)} object`);
  }
  const values = Array.from(item as Iterable<unknown>);
  if (values.length > 2) throw new PyTypeError("too many values to unpack (expected 2)");
  if (values.length < 2) {
    throw new PyTypeError(`not enough values to unpack (expected 2, got ${values.length})`);
  }
  return [values[0], values[1]];
}

class ServerHandler {
  private status: string | null = null;
  private headers: [string, string][] | null = null;
  private headersSent = false;
  private bytesSent = 0;
  /** Body bytes kept so far, against the response limit. */
  private bodyBytes = 0;
  private result: unknown = null;
  private readonly wire: {
    status: string;
    headers: [string, string][];
    added: string[];
    /** The header block was begun and never ended (the blank line never went out). */
    incomplete: boolean;
  } = { status: "", headers: [], added: [], incomplete: false };
  private readonly chunks: Uint8Array[] = [];
  readonly trace: TraceEvent[] = [];
  readonly findings: Finding[] = [];
  private readonly started = performance.now();
  private readonly request: ParsedRequest;
  private readonly connection: Connection;
  /** `client_is_modern()`: false for HTTP/0.9, which gets the body alone. */
  private readonly modern: boolean;
  private readonly errors: StringIO;
  private readonly now: () => Date;
  readonly environ: Environ;
  private truncated = false;
  /** True while the server sends its own 500: not the app's call, not linted. */
  private handlingError = false;

  private readonly traceback: (error: unknown) => string;

  private readonly responseLimit: number;

  constructor(
    request: ParsedRequest,
    connection: Connection,
    now: () => Date,
    traceback: (error: unknown) => string,
    responseLimit = RESPONSE_LIMIT,
    onProgress?: (progress: ServeProgress) => void,
  ) {
    this.progress = onProgress ? new ProgressTeller(onProgress) : null;
    this.request = request;
    this.connection = connection;
    this.now = now;
    this.traceback = traceback;
    this.responseLimit = responseLimit;
    this.errors = new StringIO();
    this.environ = environOf(request, connection, this.errors);
    this.modern = String(this.environ.SERVER_PROTOCOL).toUpperCase() !== "HTTP/0.9";
    this.layers = new LayerWatch(this.startResponse as (...args: unknown[]) => unknown, () =>
      this.at(),
    );
  }

  private at(): number {
    return performance.now() - this.started;
  }

  /** Tells the page how a slow response is going (panel requests only). */
  private readonly progress: ProgressTeller | null;

  /**
   * Record an error finding. `stack` is taken by the caller (`new Error().stack`),
   * so the frames the runner maps to the user's line stay within the stack's limit.
   */
  private report(
    message: string,
    advice: { pep?: string; fix: string },
    stack: string | undefined,
    source: Finding["source"] = "handlers",
  ): void {
    this.findings.push({ severity: "error", source, message, ...advice, stack });
  }

  /** Record a fault wsgiref's server rejects, then raise it as wsgiref does. */
  private fail(rule: RuleId, message: string, error: Error = new AssertionError(message)): never {
    this.report(message, RULES[rule], new Error().stack);
    throw error;
  }

  /** wsgiref.validate's checks, recorded as findings instead of raised. */
  private readonly lint: Reporter = (rule, severity, message) => {
    const known = this.findings.some((f) => f.message === message);
    if (!known) {
      this.findings.push({
        severity: "warning",
        source: "validate",
        message: severity === "error" ? message : `WSGIWarning: ${message}`,
        pep: RULES[rule].pep,
        fix: RULES[rule].fix,
        stack: new Error().stack,
      });
    }
    if (severity === "error") throw new StopCheck(message);
  };

  /** The stack's layers, as the instrumented bundle reports them (none for a plain function). */
  private readonly layers: LayerWatch;

  /** `BaseHandler.run()`, with the stack's layers watched from the app's call to its close. */
  run(application: unknown): void {
    watchingLayers(this.layers, () => this.runApp(application));
  }

  private runApp(application: unknown): void {
    try {
      if (typeof application !== "function") {
        throw new PyTypeError(`'${pyTypeName(application)}' object is not callable`);
      }
      try {
        check_environ(this.environ, this.lint);
      } catch (error) {
        // validate's own int() of CONTENT_LENGTH raises: a finding, not the response's end.
        if (!(error instanceof StopCheck)) {
          this.findings.push({
            severity: "warning",
            source: "validate",
            message: error instanceof Error ? error.message : String(error),
            pep: RULES.environ.pep,
            fix: RULES.environ.fix,
          });
        }
      }
      const environ = { ...this.environ };
      environ["wsgi.input"] = new InputWrapper(environ["wsgi.input"], this.lint);
      environ["wsgi.errors"] = new ErrorWrapper(environ["wsgi.errors"], this.lint);
      this.trace.push({ kind: "call", at: this.at() });
      this.result = application(environ, this.startResponse);
      this.layers.servedResult(this.result);
      this.trace.push({ kind: "return", at: this.at(), result: pyTypeName(this.result) });
      if (this.result === null || this.result === undefined || this.result === false) {
        this.lint(
          "iterator",
          "error",
          "The application must return an iterator, if only an empty list",
        );
      }
      check_iterator(this.result, this.lint);
      this.finishResponse();
    } catch (error) {
      try {
        this.handleError(error);
      } catch (fatal) {
        // wsgiref closes and lets the exception end the connection.
        this.truncated = true;
        this.errors.write(this.traceback(fatal));
        this.close();
      }
    }
  }

  /** `BaseHandler.start_response()`; a bound arrow so the app may call it unbound. */
  private readonly startResponse: StartResponse = (status, headers, excInfo) => {
    this.trace.push({
      kind: "start_response",
      at: this.at(),
      layer: this.layers.innermost(),
      status: typeof status === "string" ? status : pyRepr(status),
      headers: pyRepr(headers),
      excInfo: excInfo ? exceptionLine(excInfo) : null,
    });
    if (!this.handlingError) {
      check_status(status, this.lint);
      check_headers(headers, this.lint);
      if (Array.isArray(headers)) check_content_type(status, headers, this.lint);
      check_exc_info(excInfo ?? null, this.lint);
    }
    if (excInfo) {
      if (this.headersSent) throw excInfo;
    } else if (this.headers !== null) {
      this.fail("start-response", "Headers already set!");
    }
    this.status = status as string;
    if (!Array.isArray(headers)) {
      this.fail(
        "headers",
        "Headers must be a list of name/value tuples",
        new PyTypeError("Headers must be a list of name/value tuples"),
      );
    }
    // `Headers(headers)`: each name, then its value, a str free of control
    // characters (CPython since gh-143916); on a fault no headers are set.
    for (const item of headers) {
      unpackPair(item).forEach((part, index) => {
        if (typeof part !== "string") {
          this.fail("headers", `Header names/values must be of type str (got ${pyRepr(part)})`);
        }
        if ((index === 0 ? NAME_DISALLOWED : VALUE_DISALLOWED).test(part)) {
          this.fail(
            "control-characters",
            "Control characters not allowed in headers",
            new ValueError("Control characters not allowed in headers"),
          );
        }
      });
    }
    this.headers = headers;
    if (typeof status !== "string")
      this.fail("status", `Status must be of type str (got ${pyRepr(status)})`);
    if (NAME_DISALLOWED.test(status)) {
      this.fail(
        "control-characters",
        "Control characters are not allowed in status",
        new ValueError("Control characters are not allowed in status"),
      );
    }
    if (status.length < 4) this.fail("status", "Status must be at least 4 characters");
    if (!/^\d{3}/.test(status)) this.fail("status", "Status message must begin w/3-digit code");
    if (status[3] !== " ") this.fail("status", "Status message must have a space after code");
    for (const [name, value] of headers) {
      if (is_hop_by_hop(name))
        this.fail("headers", `Hop-by-hop header, '${name}: ${value}', not allowed`);
    }
    return this.appWrite;
  };

  private readonly appWrite: Write = (data) => {
    this.write(data, "write", this.layers.innermost());
  };

  /** `BaseHandler.write()`. */
  private write(data: unknown, kind: "write" | "chunk", layer?: string | null): void {
    this.trace.push({
      kind,
      at: this.at(),
      size: data instanceof Uint8Array ? data.length : 0,
      ...(layer ? { layer } : {}),
    });
    if (!(data instanceof Uint8Array)) {
      const what = kind === "write" ? "write() was given" : "The body yielded";
      const shown = pyRepr(
        typeof data === "string" && data.length > 40 ? data.slice(0, 40) + "…" : data,
      );
      this.report(
        `${what} ${pyTypeName(data)} ${shown}, not bytes: write() argument must be a bytes instance`,
        {
          pep: "unicode-issues",
          fix: "Send bytes: wrap text in the b`` tag (b`Hello`) or encode it with new TextEncoder().encode(text).",
        },
        new Error().stack,
      );
      throw new AssertionError("write() argument must be a bytes instance");
    }
    if (!this.status) this.fail("start-response", "write() before start_response()");
    if (this.bodyBytes + data.length > this.responseLimit) {
      const limit = formatSize(this.responseLimit);
      this.report(
        `The response body passed the playground's ${limit} limit after ${this.bodyBytes.toLocaleString("en")} bytes, and was stopped there.`,
        {
          fix: "Send less (a real client would wait for all of it), or stream a large file in parts with Range requests.",
        },
        new Error().stack,
        "playground",
      );
      throw new ResponseTooLarge(`The response body passed the playground's ${limit} limit`);
    }
    if (!this.headersSent) {
      this.bytesSent = data.length;
      this.sendHeaders();
    } else {
      this.bytesSent += data.length;
    }
    this.chunks.push(data.slice());
    this.bodyBytes += data.length;
    this.progress?.tick(this.soFar());
  }

  /** Where the response stands, for its progress. */
  private soFar() {
    const sent = this.headersSent && !this.wire.incomplete;
    return {
      trace: this.trace,
      chunks: this.chunks,
      head: sent ? { status: this.wire.status, headers: this.wire.headers } : null,
    };
  }

  /** `BaseHandler.finish_response()`. */
  private finishResponse(): void {
    try {
      for (const data of this.iterateResult()) this.write(data, "chunk");
      this.finishContent();
    } catch (error) {
      this.closeResult();
      throw error;
    }
    this.close();
  }

  private iterateResult(): Iterable<unknown> {
    const result = this.result;
    if (
      result instanceof Promise ||
      (result && typeof result === "object" && Symbol.asyncIterator in result)
    ) {
      this.findings.push({
        severity: "error",
        source: "handlers",
        message:
          "The application returned a Promise or an async iterable. WSGI is synchronous: the server iterates the body without awaiting.",
        pep: "specification-details",
        fix: "Remove `async` from the app and return an array or a generator of bytes.",
      });
    }
    if (
      result === null ||
      result === undefined ||
      typeof (result as Iterable<unknown>)[Symbol.iterator] !== "function"
    ) {
      throw new PyTypeError(`'${pyTypeName(result)}' object is not iterable`);
    }
    return result as Iterable<unknown>;
  }

  /** `BaseHandler.finish_content()`. */
  private finishContent(): void {
    if (!this.headersSent) {
      if (this.headers === null) {
        this.findings.push({
          severity: "error",
          source: "handlers",
          message: "The application returned without calling start_response().",
          pep: "the-start-response-callable",
          fix: 'Call start_response("200 OK", [["Content-Type", "text/plain"]]) before returning the body.',
        });
        throw new AssertionError("'NoneType' object has no attribute 'setdefault'");
      }
      if (!hasHeader(this.headers, "Content-Length")) this.headers.push(["Content-Length", "0"]);
      this.sendHeaders();
    }
  }

  /** `BaseHandler.send_headers()` with `cleanup_headers()` and `send_preamble()`. */
  private sendHeaders(): void {
    const headers = this.headers ?? [];
    if (!hasHeader(headers, "Content-Length")) {
      const result = this.result;
      if (Array.isArray(result) && result.length === 1) {
        headers.push(["Content-Length", String(this.bytesSent)]);
        this.wire.added.push("content-length");
      }
    }
    this.headersSent = true;
    this.trace.push({ kind: "headers-sent", at: this.at() });
    const status = this.status ?? "";
    if (!this.modern) {
      // HTTP/0.9: no status line, no headers; the record keeps what was held.
      this.wire.status = status;
      this.wire.headers = headers.map(([k, v]) => [k, v] as [string, string]);
      return;
    }
    this.toLatin1(`HTTP/1.0 ${status}\r\n`, "The status");
    this.wire.status = status;
    const preamble: [string, string][] = [];
    if (!hasHeader(headers, "Date")) {
      preamble.push(["Date", formatDateTime(this.now())]);
      this.wire.added.push("date");
    }
    if (!hasHeader(headers, "Server")) {
      preamble.push(["Server", SOFTWARE_VERSION]);
      this.wire.added.push("server");
    }
    // The status line, Date and Server are on the wire before the headers are encoded.
    this.wire.headers = preamble;
    this.wire.incomplete = true;
    const lines = headers.map(([k, v]) => `${k}: ${v}\r\n`).join("");
    this.toLatin1(`${lines}\r\n`, "A header");
    this.wire.headers = [...preamble, ...headers.map(([k, v]) => [k, v] as [string, string])];
    this.wire.incomplete = false;
    // Headers(...) checked the list at start_response; what the app added to it later goes out unchecked.
    const late = headers.find(([k, v]) => NAME_DISALLOWED.test(k) || VALUE_DISALLOWED.test(v));
    if (late) {
      this.report(
        `The header ${pyRepr(late[0])} holds a control character and was added to the list after start_response() checked it: wsgiref sent it as it was, which splits the response (a browser refuses it).`,
        RULES["control-characters"],
        new Error().stack,
      );
    }
  }

  /** `text.encode('iso-8859-1')` as send_preamble and send_headers do it. */
  private toLatin1(text: string, what: string): void {
    try {
      encodeLatin1(text);
    } catch (error) {
      this.report(
        `${what} cannot be sent: ${exceptionLine(error)}. HTTP headers are bytes, and wsgiref writes them as latin-1.`,
        {
          pep: "unicode-issues",
          fix: "Keep the status and header values latin-1: percent-encode other text, e.g. Content-Disposition: attachment; filename*=UTF-8''%E2%82%AC.txt (RFC 6266).",
        },
        new Error().stack,
      );
      throw error;
    }
  }

  /** `BaseHandler.handle_error()`: log, then wsgiref's 500 if nothing was sent yet. */
  private handleError(error: unknown): void {
    this.trace.push({ kind: "exception", at: this.at(), message: exceptionLine(error) });
    this.errors.write(this.traceback(error));
    if (!this.headersSent) {
      this.startResponse(
        ERROR_STATUS,
        ERROR_HEADERS.map(([k, v]) => [k, v]),
        error,
      );
      this.result = [ERROR_BODY];
      this.finishResponse();
    } else {
      this.truncated = true;
      this.close();
    }
  }

  private closeResult(): void {
    const result = this.result as { close?: unknown; return?: unknown } | null;
    if (!result || typeof result !== "object") return;
    if (typeof result.close === "function") {
      this.trace.push({ kind: "close", at: this.at() });
      (result.close as () => void).call(result);
    } else if (
      typeof result.return === "function" &&
      typeof (result as Iterator<unknown>).next === "function"
    ) {
      // A generator's return() is what Python's generator.close() is.
      this.trace.push({ kind: "close", at: this.at() });
      (result.return as () => void).call(result);
    }
  }

  /** `ServerHandler.close()`: close the result, then write the access-log line. */
  private close(): void {
    try {
      this.closeResult();
    } finally {
      const code = (this.status ?? "").split(" ", 1)[0];
      this.errors.write(
        logLine(
          this.connection.remoteAddr,
          this.now(),
          `"${this.request.requestLine}" ${code} ${this.bytesSent}`,
        ),
      );
      this.result = null;
    }
  }

  /** The record of everything that happened. */
  record(environ: ResponseRecord["environ"], buildId?: number): ResponseRecord {
    const layers = this.layers.found ? this.layers.report() : null;
    if (layers) {
      for (const { message, location, fix } of this.layers.findings()) {
        this.findings.push({
          severity: "warning",
          source: "layers",
          message,
          fix,
          ...(location ? { location } : {}),
        });
      }
    }
    return {
      httpVersion: this.modern ? "HTTP/1.0" : "",
      status: this.wire.status,
      headers: this.wire.headers,
      serverHeaders: this.wire.added,
      body: concatBytes(this.chunks),
      truncated: this.truncated,
      ...(this.wire.incomplete ? { incomplete: true } : {}),
      ...(this.modern ? {} : { sent: "body-only" as const }),
      environ,
      trace: tagTrace(this.trace, layers ?? []),
      errors: this.errors.getvalue(),
      findings: this.findings,
      appTime: performance.now() - this.started,
      buildId,
      ...(layers ? { layers } : {}),
    };
  }
}

/**
 * Serve one request with a WSGI application, as wsgiref's simple_server would.
 * @example serve(app, { method: "GET", target: "/", httpVersion: "HTTP/1.1", headers: [], body: new Uint8Array() })
 */
export function serve(
  application: unknown,
  request: RequestRecord,
  options: ServeOptions = {},
): ResponseRecord {
  const now = options.now ?? (() => new Date());
  const raw = requestBytes(request);
  const parsed = parseHttpRequest(raw);
  if (parsed.kind !== "request") {
    return { ...refusedResponse(parsed, request, now()), requestBytes: keptBytes(raw, parsed) };
  }
  const handler = new ServerHandler(
    parsed,
    request,
    now,
    options.traceback ?? formatTraceback,
    options.responseLimit,
    options.onProgress,
  );
  const environ = snapshotEnviron(handler.environ);
  handler.run(application);
  const record = handler.record(environ, options.buildId);
  // The handler's environ already wrote each header's note: only the body's are left.
  const notes = bodyFates(parsed);
  record.fates = [...parsed.fates, ...notes.fates];
  record.requestBytes = keptBytes(raw, parsed);
  record.findings.unshift(...notes.findings);
  return record;
}
