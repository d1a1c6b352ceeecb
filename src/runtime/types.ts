/**
 * @module types
 * The shapes of PEP 3333 as TypeScript sees them: the environ, the input and
 * error streams, `start_response` and the application itself. User code
 * imports these from `"wsgi"`; the server core implements them.
 */

/** `wsgi.input`: the request body, as a binary file (PEP 3333, "Input and Error Streams"). */
export interface InputStream extends Iterable<Uint8Array> {
  /** Read up to `size` bytes, or everything left when `size` is omitted or negative. */
  read(size?: number | null): Uint8Array;
  /** Read one line, up to and including `\n`, at most `size` bytes. */
  readline(size?: number | null): Uint8Array;
  /** Read lines until about `hint` bytes have been read (all of them without a hint). */
  readlines(hint?: number | null): Uint8Array[];
}

/** `wsgi.errors`: a text stream whose output lands in the playground's errors log. */
export interface ErrorStream {
  /** Write a string to the errors log. */
  write(text: string): void;
  /** Write every string of a sequence. */
  writelines(lines: Iterable<string>): void;
  /** Flush the stream (a no-op that PEP 3333 requires to exist). */
  flush(): void;
}

/** The `write()` callable that `start_response` returns: imperative output, kept for legacy apps. */
export type Write = (data: Uint8Array) => void;

/** A response header: `[name, value]`, both strings. */
export type Header = [name: string, value: string];

/** What `exc_info` holds: the caught error. */
export type ExcInfo = unknown;

/**
 * `start_response(status, response_headers, exc_info?)` (PEP 3333, "The
 * start_response() Callable"). `status` is `"200 OK"`; headers are pairs.
 */
export type StartResponse = (status: string, headers: Header[], exc_info?: ExcInfo) => Write;

/** The response body: any iterable of bytes; `close()` is called when it is done. */
export type ResponseBody = Iterable<Uint8Array> & { close?: () => void };

/** `wsgi.file_wrapper`: wraps a file-like object for efficient transmission. */
export type FileWrapperFactory = new (
  filelike: { read(size?: number): Uint8Array; close?(): void },
  blksize?: number,
) => ResponseBody;

/** The WSGI environ: CGI variables, HTTP_* headers and `wsgi.*` keys. */
export interface Environ {
  /** The HTTP method: `"GET"`, `"POST"`, … */
  REQUEST_METHOD: string;
  /** Where the app is mounted; `""` at the root. */
  SCRIPT_NAME: string;
  /** The rest of the path, percent-decoded, as bytes-as-latin-1. */
  PATH_INFO: string;
  /** Everything after `?`, raw (still percent-encoded). */
  QUERY_STRING: string;
  /** The request's Content-Type; wsgiref puts `text/plain` when none was sent. */
  CONTENT_TYPE: string;
  /** The request's Content-Length, or `""`. */
  CONTENT_LENGTH: string;
  SERVER_NAME: string;
  SERVER_PORT: string;
  /** `"HTTP/1.1"` or `"HTTP/1.0"`. */
  SERVER_PROTOCOL: string;
  SERVER_SOFTWARE: string;
  GATEWAY_INTERFACE: string;
  REMOTE_ADDR: string;
  REMOTE_HOST: string;
  "wsgi.version": [number, number];
  "wsgi.url_scheme": string;
  "wsgi.input": InputStream;
  "wsgi.errors": ErrorStream;
  "wsgi.multithread": boolean;
  "wsgi.multiprocess": boolean;
  "wsgi.run_once": boolean;
  "wsgi.file_wrapper": FileWrapperFactory;
  /** Request headers: `Accept-Language` arrives as `HTTP_ACCEPT_LANGUAGE`. */
  [header: `HTTP_${string}`]: string | undefined;
  [key: string]: unknown;
}

/** A WSGI application: `app(environ, start_response)` returns an iterable of bytes. */
export type WSGIApplication = (environ: Environ, start_response: StartResponse) => ResponseBody;
