/**
 * @module environ
 * The one function that turns a request into a WSGI environ, for the panel
 * and the preview alike. It follows CPython's `wsgiref.simple_server`
 * (`WSGIServer.setup_environ`, `WSGIRequestHandler.get_environ`) and
 * `wsgiref.handlers.BaseHandler.setup_environ`, key for key and in the same
 * order, except that no operating-system environment is copied in.
 */
import type { Environ, FileWrapperFactory } from "../runtime/types";
import { latin1, utf8 } from "./bytes";
import type { RequestRecord } from "./records";
import { BytesIO, StringIO } from "../runtime/io";
import { FileWrapper } from "../runtime/util";

/** What wsgiref's simple_server calls itself in SERVER_SOFTWARE. */
export const SERVER_VERSION = "WSGIServer/0.2";

/** The defaults of a request that leaves them out. */
export const DEFAULT_SERVER = { name: "localhost", port: "8000" } as const;

// Python's str.isspace() over the latin-1 range: what str.strip() removes.
// eslint-disable-next-line no-control-regex -- these control characters are the point
const PY_SPACE = /^[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0]+|[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0]+$/g;

/** Text as a client puts it on the wire (UTF-8), read back as latin-1 by the server. */
export function wireText(text: string): string {
  return latin1(utf8(text));
}

/** `urllib.parse.unquote(path, 'iso-8859-1')`: each %XX becomes the byte XX. */
export function unquoteLatin1(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/** The request target as `http.server` keeps it: a leading `//` collapses (gh-87389). */
export function normalizeTarget(target: string): string {
  return target.startsWith("//") ? "/" + target.replace(/^\/+/, "") : target;
}

/** Look up a header the way `email.message.Message.get` does: first match, any case. */
export function headerValue(
  headers: readonly [string, string][],
  name: string,
): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}

/** The streams and factories the environ refers to. */
export interface EnvironParts {
  input: BytesIO;
  errors: StringIO;
  fileWrapper: FileWrapperFactory;
}

/** A header's name as CGI spells it: `X-Name` → `X_NAME` (wsgiref prefixes `HTTP_`). */
export function cgiName(header: string): string {
  return header.replace(/-/g, "_").toUpperCase();
}

/** The environ for `request` with the server's own streams: its body as wsgi.input. */
export function environFor(request: RequestRecord, errors: StringIO = new StringIO()): Environ {
  return buildEnviron(request, {
    input: new BytesIO(inputBytes(request)),
    errors,
    fileWrapper: FileWrapper,
  });
}

/** Build the environ CPython's wsgiref would give the app for this request. */
export function buildEnviron(request: RequestRecord, parts: EnvironParts): Environ {
  const server = request.server ?? DEFAULT_SERVER;
  const headers = request.headers.map(
    ([name, value]) => [wireText(name), wireText(value)] as [string, string],
  );
  const env: Record<string, unknown> = {
    SERVER_NAME: server.name,
    GATEWAY_INTERFACE: "CGI/1.1",
    SERVER_PORT: server.port,
    REMOTE_HOST: "",
    CONTENT_LENGTH: "",
    SCRIPT_NAME: "",
  };
  if (request.urlScheme === "https") env.HTTPS = "on";
  env.SERVER_PROTOCOL = request.httpVersion;
  env.SERVER_SOFTWARE = SERVER_VERSION;
  env.REQUEST_METHOD = request.method;

  const target = normalizeTarget(wireText(request.target));
  const q = target.indexOf("?");
  const rawPath = q === -1 ? target : target.slice(0, q);
  env.QUERY_STRING = q === -1 ? "" : target.slice(q + 1);
  let path = unquoteLatin1(rawPath);
  const mount = request.scriptName ?? "";
  if (mount && (path === mount || path.startsWith(mount + "/"))) {
    env.SCRIPT_NAME = mount;
    path = path.slice(mount.length);
  }
  // Insert PATH_INFO before QUERY_STRING, as get_environ does.
  const ordered: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key === "QUERY_STRING") ordered.PATH_INFO = path;
    ordered[key] = value;
  }
  ordered.REMOTE_ADDR = request.remoteAddr ?? "127.0.0.1";
  ordered.CONTENT_TYPE = headerValue(headers, "content-type") ?? "text/plain";
  const length = headerValue(headers, "content-length");
  if (length) ordered.CONTENT_LENGTH = length;

  for (const [name, value] of headers) {
    const key = cgiName(name);
    const text = value.replace(PY_SPACE, "");
    if (key in ordered) continue; // Content-Type, Content-Length, and any CGI name
    const httpKey = "HTTP_" + key;
    ordered[httpKey] = httpKey in ordered ? `${ordered[httpKey] as string},${text}` : text;
  }

  ordered["wsgi.input"] = parts.input;
  ordered["wsgi.errors"] = parts.errors;
  ordered["wsgi.version"] = [1, 0];
  ordered["wsgi.run_once"] = false;
  ordered["wsgi.url_scheme"] = ["yes", "on", "1"].includes(String(ordered.HTTPS ?? ""))
    ? "https"
    : "http";
  ordered["wsgi.multithread"] = false;
  ordered["wsgi.multiprocess"] = false;
  ordered["wsgi.file_wrapper"] = parts.fileWrapper;
  return ordered as Environ;
}

/** The body the app can read: the bytes sent, cut at a valid CONTENT_LENGTH. */
export function inputBytes(request: RequestRecord): Uint8Array {
  const length = headerValue(request.headers, "content-length")?.trim();
  if (length && /^\d+$/.test(length)) {
    const n = Number(length);
    if (n < request.body.length) return request.body.subarray(0, n);
  }
  return request.body;
}
