/**
 * @module util
 * Counterparts of `wsgiref.util`.
 */

import { IndexError } from "./errors";
import { BytesIO, StringIO } from "./io";
import { quote } from "./urllib";

const HOP_BY_HOP: ReadonlySet<string> = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailers",
  "transfer-encoding",
  "upgrade",
]);

/**
 * True when `header_name` is an HTTP/1.1 hop-by-hop header (`wsgiref.util.is_hop_by_hop`).
 * @example is_hop_by_hop("Connection") // true
 */
export function is_hop_by_hop(header_name: string): boolean {
  return HOP_BY_HOP.has(header_name.toLowerCase());
}

/** What `FileWrapper` reads from: anything with `read(size)` returning bytes. */
export interface FileLike {
  read(size?: number): Uint8Array;
  close?(): void;
}

/**
 * Iterate a file-like object in blocks (`wsgiref.util.FileWrapper`); `close()`
 * closes the file. This is what `environ["wsgi.file_wrapper"]` is.
 * @example return new FileWrapper(file, 8192);
 */
export class FileWrapper implements IterableIterator<Uint8Array> {
  /** How the inspector shows this class: by wsgiref's name for it. */
  static describe(): string {
    return "class 'wsgiref.util.FileWrapper'";
  }
  readonly filelike: FileLike;
  readonly blksize: number;
  close?: () => void;

  constructor(filelike: FileLike, blksize: number = 8192) {
    this.filelike = filelike;
    this.blksize = blksize;
    if (typeof filelike.close === "function") this.close = () => filelike.close?.();
  }

  /** `__iter__`: the wrapper is its own iterator, as in wsgiref. */
  [Symbol.iterator](): this {
    return this;
  }

  /** `__next__`: the next block read from the file, until a read returns nothing. */
  next(): IteratorResult<Uint8Array> {
    const data = this.filelike.read(this.blksize);
    if (data && data.length > 0) return { value: data, done: false };
    return { value: undefined, done: true };
  }
}

/** The environ keys these helpers read; any environ has them. */
type EnvironLike = Record<string, unknown>;

function text(environ: EnvironLike, key: string): string {
  const value = environ[key];
  return typeof value === "string" ? value : "";
}

/**
 * `"https"` when environ says HTTPS is on, else `"http"` (`wsgiref.util.guess_scheme`).
 * @example guess_scheme({ HTTPS: "on" }) // "https"
 */
export function guess_scheme(environ: EnvironLike): string {
  return ["yes", "on", "1"].includes(environ.HTTPS as string) ? "https" : "http";
}

/**
 * The app's base URI, without PATH_INFO or QUERY_STRING (`wsgiref.util.application_uri`).
 * @example application_uri(environ) // "http://localhost:8000/"
 */
export function application_uri(environ: EnvironLike): string {
  const scheme = environ["wsgi.url_scheme"] as string;
  let url = scheme + "://";
  if (text(environ, "HTTP_HOST")) {
    url += text(environ, "HTTP_HOST");
  } else {
    url += environ.SERVER_NAME as string;
    const port = environ.SERVER_PORT as string;
    if (scheme === "https" ? port !== "443" : port !== "80") url += ":" + port;
  }
  return url + quote(text(environ, "SCRIPT_NAME") || "/", "/", "latin1");
}

/**
 * The full request URI, with the query unless `include_query` is false (`wsgiref.util.request_uri`).
 * @example request_uri(environ) // "http://localhost:8000/search?q=wsgi"
 */
export function request_uri(environ: EnvironLike, include_query: boolean = true): string {
  let url = application_uri(environ);
  const pathInfo = quote(text(environ, "PATH_INFO"), "/;=,", "latin1");
  url += text(environ, "SCRIPT_NAME") ? pathInfo : pathInfo.slice(1);
  if (include_query && text(environ, "QUERY_STRING")) url += "?" + text(environ, "QUERY_STRING");
  return url;
}

/** `posixpath.normpath`. */
function normpath(path: string): string {
  if (!path) return ".";
  let initialSlashes = path.startsWith("/") ? 1 : 0;
  if (initialSlashes && path.startsWith("//") && !path.startsWith("///")) initialSlashes = 2;
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part !== ".." || (!initialSlashes && parts.length === 0) || parts.at(-1) === "..") {
      parts.push(part);
    } else if (parts.length) {
      parts.pop();
    }
  }
  return "/".repeat(initialSlashes) + parts.join("/") || ".";
}

/**
 * Move the next segment of PATH_INFO to SCRIPT_NAME and return it, or null
 * when PATH_INFO is empty (`wsgiref.util.shift_path_info`). Changes environ.
 * @example shift_path_info(environ) // "blog" for PATH_INFO "/blog/2024"
 */
export function shift_path_info(environ: EnvironLike): string | null {
  const pathInfo = text(environ, "PATH_INFO");
  if (!pathInfo) return null;
  const parts = pathInfo.split("/");
  if (parts.length < 2) throw new IndexError("list index out of range");
  const middle = parts.slice(1, -1).filter((p) => p && p !== ".");
  const rest = [parts[0]!, ...middle, parts.at(-1)!];
  const name = rest[1]!;
  rest.splice(1, 1);
  let scriptName = normpath(text(environ, "SCRIPT_NAME") + "/" + name);
  if (scriptName.endsWith("/")) scriptName = scriptName.slice(0, -1);
  if (!name && !scriptName.endsWith("/")) scriptName += "/";
  environ.SCRIPT_NAME = scriptName;
  environ.PATH_INFO = rest.join("/");
  return name === "." ? null : name;
}

function setdefault(environ: EnvironLike, key: string, value: unknown): void {
  if (!(key in environ)) environ[key] = value;
}

/**
 * Fill in the keys a WSGI environ must have, for tests, without replacing
 * any (`wsgiref.util.setup_testing_defaults`). Changes environ.
 * @example const environ = {}; setup_testing_defaults(environ); app(environ, start_response);
 */
export function setup_testing_defaults(environ: EnvironLike): void {
  setdefault(environ, "SERVER_NAME", "127.0.0.1");
  setdefault(environ, "SERVER_PROTOCOL", "HTTP/1.0");
  setdefault(environ, "HTTP_HOST", environ.SERVER_NAME);
  setdefault(environ, "REQUEST_METHOD", "GET");
  if (!("SCRIPT_NAME" in environ) && !("PATH_INFO" in environ)) {
    setdefault(environ, "SCRIPT_NAME", "");
    setdefault(environ, "PATH_INFO", "/");
  }
  setdefault(environ, "wsgi.version", [1, 0]);
  setdefault(environ, "wsgi.run_once", 0);
  setdefault(environ, "wsgi.multithread", 0);
  setdefault(environ, "wsgi.multiprocess", 0);
  setdefault(environ, "wsgi.input", new BytesIO());
  setdefault(environ, "wsgi.errors", new StringIO());
  setdefault(environ, "wsgi.url_scheme", guess_scheme(environ));
  if (environ["wsgi.url_scheme"] === "http") setdefault(environ, "SERVER_PORT", "80");
  else if (environ["wsgi.url_scheme"] === "https") setdefault(environ, "SERVER_PORT", "443");
}
