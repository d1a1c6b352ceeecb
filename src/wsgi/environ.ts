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
import type { Finding, RequestRecord } from "./records";
import { BytesIO, StringIO } from "../runtime/io";
import { FileWrapper } from "../runtime/util";
import {
  bodyFates,
  parseHttpRequest,
  pyStrip,
  type ByteFate,
  type ParsedRequest,
} from "./http-request";
import { serializeRequest } from "./raw-request";

/** What wsgiref's simple_server calls itself in SERVER_SOFTWARE. */
export const SERVER_VERSION = "WSGIServer/0.2";

/** The defaults of a request that leaves them out. */
export const DEFAULT_SERVER = { name: "localhost", port: "8000" } as const;

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

/** The request's bytes on the wire: the raw ones typed, or the record's own. */
export function requestBytes(request: RequestRecord): Uint8Array {
  return request.raw ?? serializeRequest(request);
}

/**
 * The environ for `request` with the server's own streams (its body as
 * wsgi.input), or null when http.server refuses the request before any app
 * is called.
 */
export function environFor(
  request: RequestRecord,
  errors: StringIO = new StringIO(),
): Environ | null {
  const parsed = parseHttpRequest(requestBytes(request));
  return parsed.kind === "request" ? environOf(parsed, request, errors) : null;
}

/** The environ for a parsed request, with its body as wsgi.input. */
export function environOf(
  parsed: ParsedRequest,
  connection: Connection,
  errors: StringIO = new StringIO(),
): Environ {
  return buildEnviron(parsed, connection, {
    input: new BytesIO(inputBytes(parsed)),
    errors,
    fileWrapper: FileWrapper,
  });
}

/** Where the request arrives: what the bytes do not say. */
export type Connection = Pick<RequestRecord, "remoteAddr" | "server" | "urlScheme" | "scriptName">;

/**
 * Build the environ CPython's wsgiref would give the app for this request
 * (`WSGIServer.setup_environ` + `WSGIRequestHandler.get_environ`), and note
 * in each header line's fate which key it became.
 */
export function buildEnviron(
  parsed: ParsedRequest,
  connection: Connection,
  parts: EnvironParts,
): Environ {
  const server = connection.server ?? DEFAULT_SERVER;
  const { headers } = parsed;
  const env: Record<string, unknown> = {
    SERVER_NAME: server.name,
    GATEWAY_INTERFACE: "CGI/1.1",
    SERVER_PORT: server.port,
    REMOTE_HOST: "",
    CONTENT_LENGTH: "",
    SCRIPT_NAME: "",
  };
  if (connection.urlScheme === "https") env.HTTPS = "on";
  env.SERVER_PROTOCOL = parsed.version;
  env.SERVER_SOFTWARE = SERVER_VERSION;
  env.REQUEST_METHOD = parsed.method;

  const target = parsed.path;
  const q = target.indexOf("?");
  const rawPath = q === -1 ? target : target.slice(0, q);
  let path = unquoteLatin1(rawPath);
  const mount = connection.scriptName ?? "";
  if (mount && (path === mount || path.startsWith(mount + "/"))) {
    env.SCRIPT_NAME = mount;
    path = path.slice(mount.length);
  }
  env.PATH_INFO = path;
  env.QUERY_STRING = q === -1 ? "" : target.slice(q + 1);
  env.REMOTE_ADDR = connection.remoteAddr ?? "127.0.0.1";
  const type = headerValue(headers, "content-type");
  env.CONTENT_TYPE = type ?? "text/plain";
  const length = headerValue(headers, "content-length");
  if (length) env.CONTENT_LENGTH = length;

  headers.forEach(([name, value], index) => {
    const fate = parsed.headerFates[index];
    const key = cgiName(name);
    const text = pyStrip(value);
    if (key in env) {
      const first = headers.findIndex(([other]) => other.toLowerCase() === name.toLowerCase());
      fate.note =
        (key === "CONTENT_TYPE" || key === "CONTENT_LENGTH") && first === index
          ? `${key}, as sent (not stripped)`
          : key === "CONTENT_TYPE" || key === "CONTENT_LENGTH"
            ? `Skipped: ${key} takes the first ${name} header only`
            : `Skipped: its CGI name ${key} is the server's own`;
      return;
    }
    const httpKey = "HTTP_" + key;
    if (httpKey in env) {
      env[httpKey] = `${env[httpKey] as string},${text}`;
      fate.note = `${httpKey}, joined to the earlier value with a comma`;
    } else {
      env[httpKey] = text;
      fate.note = httpKey;
    }
  });

  env["wsgi.input"] = parts.input;
  env["wsgi.errors"] = parts.errors;
  env["wsgi.version"] = [1, 0];
  env["wsgi.run_once"] = false;
  env["wsgi.url_scheme"] = ["yes", "on", "1"].includes(String(env.HTTPS ?? "")) ? "https" : "http";
  env["wsgi.multithread"] = false;
  env["wsgi.multiprocess"] = false;
  env["wsgi.file_wrapper"] = parts.fileWrapper;
  return env as Environ;
}

/**
 * The body the app can read: the bytes after the header block, cut at a
 * valid CONTENT_LENGTH (where a real socket would hand over the next
 * request's bytes, or wait).
 */
export function inputBytes(parsed: ParsedRequest): Uint8Array {
  const length = headerValue(parsed.headers, "content-length")?.trim();
  if (length && /^\d+$/.test(length)) {
    const n = Number(length);
    if (n < parsed.body.length) return parsed.body.subarray(0, n);
  }
  return parsed.body;
}

/**
 * What became of each line of a parsed request (which environ key each
 * header became) and of its body, with the findings about the body: for a
 * server that read the bytes itself (CPython), told by its twin here.
 */
export function describeRequest(
  parsed: ParsedRequest,
  connection: Connection,
): { fates: ByteFate[]; findings: Finding[] } {
  environOf(parsed, connection);
  const body = bodyFates(parsed);
  return { fates: [...parsed.fates, ...body.fates], findings: body.findings };
}
