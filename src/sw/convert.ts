/**
 * @module convert
 * The preview's HTTP layer, as pure functions: a browser `Request` from the
 * preview frame becomes a request record addressed to the virtual host, and
 * a response record becomes the `Response` the frame receives. Cookies are
 * not carried by these objects (the browser's jar never sees the app's
 * cookies); the page's cookie jar adds and keeps them.
 */
import type { PreviewInput } from "../protocol/service-worker";
import { parseHost } from "../request/validate";
import type { RequestRecord, ResponseRecord } from "../wsgi/records";

/** Where the app is mounted in the preview, and the host it believes it serves. */
export interface PreviewMount {
  /** The service worker's scope path: "/" at the root of an origin, "/sub/path/" under a sub-path. */
  scopePath: string;
  /** The virtual host, "localhost:8000". */
  host: string;
}

/** SCRIPT_NAME for a scope: "" at the root, else the scope path without its last slash. */
export function scriptNameFor(scopePath: string): string {
  return scopePath === "/" ? "" : scopePath.replace(/\/$/, "");
}

// Headers the browser adds that the app should see as the virtual host's.
const REWRITE_ORIGIN = new Set(["referer", "origin"]);

/** Read a preview `Request` (its body included). */
export async function readPreviewRequest(request: Request): Promise<PreviewInput> {
  const headers: [string, string][] = [];
  request.headers.forEach((value, name) => headers.push([name, value]));
  const body =
    request.method === "GET" || request.method === "HEAD"
      ? new Uint8Array()
      : new Uint8Array(await request.arrayBuffer());
  return { method: request.method, url: request.url, headers, body };
}

/**
 * The record the server gets for a preview request: addressed to the
 * virtual host (parsed as the request panel parses its Host field, so the
 * same request gives the same environ either way), mounted at the scope.
 * Throws a RequestError naming the Host when it is not a host.
 */
export function previewRecord(input: PreviewInput, mount: PreviewMount): RequestRecord {
  const url = new URL(input.url);
  const server = parseHost(mount.host);
  const virtualOrigin = `http://${mount.host}`;
  const headers: [string, string][] = [["Host", mount.host]];
  for (const [name, value] of input.headers) {
    if (name === "host" || name === "cookie" || name === "content-length") continue;
    headers.push([
      name,
      REWRITE_ORIGIN.has(name) ? value.replace(url.origin, virtualOrigin) : value,
    ]);
  }
  if (input.body.length > 0 || !["GET", "HEAD", "OPTIONS"].includes(input.method)) {
    headers.push(["Content-Length", String(input.body.length)]);
  }
  return {
    method: input.method,
    target: url.pathname + url.search,
    httpVersion: "HTTP/1.1",
    headers,
    body: input.body,
    server,
    scriptName: scriptNameFor(mount.scopePath),
  };
}

/** A preview request as the record the server core takes. */
export async function requestToRecord(
  request: Request,
  mount: PreviewMount,
): Promise<RequestRecord> {
  return previewRecord(await readPreviewRequest(request), mount);
}

/**
 * The page is cross-origin isolated (see vite.config.ts), so a frame in it
 * must say it embeds nothing that did not agree to it, and, served from
 * the sandbox's origin, that the playground may frame it: every preview
 * response carries these unless the app's own headers set them.
 */
export const PREVIEW_POLICIES: readonly [string, string][] = [
  ["Cross-Origin-Embedder-Policy", "credentialless"],
  ["Cross-Origin-Resource-Policy", "cross-origin"],
];

const NULL_BODY = new Set([101, 103, 204, 205, 304]);
// What the Response constructor refuses, or a browser must not be handed.
const DROP = new Set([
  "set-cookie",
  "set-cookie2",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
]);

/** What a frame can be given for a response's head: the status, its reason, the headers. */
export interface PreviewHead {
  init: ResponseInit;
  /** A status (204, 304 …) or method (HEAD) that has no body. */
  noBody: boolean;
}

/**
 * The head a frame is given for a status and headers, or null when a
 * browser cannot be shown that status (not a number from 200 to 599).
 */
export function previewHead(
  status: string,
  recordHeaders: readonly (readonly [string, string])[],
  method: string,
): PreviewHead | null {
  const code = Number(status.slice(0, 3));
  if (!status || !Number.isInteger(code) || code < 200 || code > 599) return null;
  const headers = new Headers();
  for (const [name, value] of recordHeaders) {
    if (DROP.has(name.toLowerCase())) continue;
    try {
      headers.append(name, value);
    } catch {
      // A header a browser cannot hold (a bad name or value); the findings report it.
    }
  }
  for (const [name, value] of PREVIEW_POLICIES) if (!headers.has(name)) headers.set(name, value);
  const statusText = status.slice(4).replace(/[^\t\x20-\x7e\x80-\xff]/g, "");
  return {
    init: { status: code, statusText, headers },
    noBody: NULL_BODY.has(code) || method === "HEAD",
  };
}

/** The Response the preview frame receives for a response record. */
export function recordToResponse(record: ResponseRecord, method: string): Response {
  const head = record.incomplete ? null : previewHead(record.status, record.headers, method);
  if (!head) {
    const why = record.incomplete
      ? "The server stopped in the middle of the headers (one could not be sent), so a browser gets a broken response."
      : record.status
        ? `The app answered with status "${record.status}", which a browser cannot show.`
        : "The app failed before it sent a status line.";
    return new Response(`${why}\n\n${record.errors}`, {
      status: 502,
      statusText: "Bad Gateway",
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "X-WSGI-Playground": "preview-error",
        ...Object.fromEntries(PREVIEW_POLICIES),
      },
    });
  }
  // A Blob reaches the frame faster than the same bytes as a buffer (Chromium hands it over whole).
  const body = head.noBody ? null : new Blob([record.body as Uint8Array<ArrayBuffer>]);
  return new Response(body, head.init);
}
