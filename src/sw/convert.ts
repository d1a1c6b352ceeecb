/**
 * @module convert
 * The preview's HTTP layer, as pure functions: a browser `Request` from the
 * preview frame becomes a request record addressed to the virtual host, and
 * a response record becomes the `Response` the frame receives. Cookies are
 * not carried by these objects (the browser's jar never sees the app's
 * cookies); the page's cookie jar adds and keeps them.
 */
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

/** A preview request as the record the server core takes. */
export async function requestToRecord(
  request: Request,
  mount: PreviewMount,
): Promise<RequestRecord> {
  const url = new URL(request.url);
  const virtualOrigin = `http://${mount.host}`;
  const headers: [string, string][] = [["Host", mount.host]];
  request.headers.forEach((value, name) => {
    if (name === "host" || name === "cookie" || name === "content-length") return;
    headers.push([
      name,
      REWRITE_ORIGIN.has(name) ? value.replace(url.origin, virtualOrigin) : value,
    ]);
  });
  const body =
    request.method === "GET" || request.method === "HEAD"
      ? new Uint8Array()
      : new Uint8Array(await request.arrayBuffer());
  if (body.length > 0 || !["GET", "HEAD", "OPTIONS"].includes(request.method)) {
    headers.push(["Content-Length", String(body.length)]);
  }
  const [host = "localhost", port = "80"] = mount.host.split(":");
  return {
    method: request.method,
    target: url.pathname + url.search,
    httpVersion: "HTTP/1.1",
    headers,
    body,
    server: { name: host, port },
    scriptName: scriptNameFor(mount.scopePath),
  };
}

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

/** The Response the preview frame receives for a response record. */
export function recordToResponse(record: ResponseRecord, method: string): Response {
  const code = Number(record.status.slice(0, 3));
  if (!record.status || !Number.isInteger(code) || code < 200 || code > 599 || record.incomplete) {
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
      },
    });
  }
  const headers = new Headers();
  for (const [name, value] of record.headers) {
    if (DROP.has(name.toLowerCase())) continue;
    try {
      headers.append(name, value);
    } catch {
      // A header a browser cannot hold (a bad name or value); the findings report it.
    }
  }
  const reason = record.status.slice(4).replace(/[^\t\x20-\x7e\x80-\xff]/g, "");
  const noBody = NULL_BODY.has(code) || method === "HEAD";
  // A Blob reaches the frame faster than the same bytes as a buffer (Chromium hands it over whole).
  return new Response(noBody ? null : new Blob([record.body as Uint8Array<ArrayBuffer>]), {
    status: code,
    statusText: reason,
    headers,
  });
}
