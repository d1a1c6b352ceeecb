/**
 * @module environ-docs
 * One line on each standard environ key (PEP 3333, "environ Variables"),
 * and the groups the inspector shows them in.
 */
import type { EnvironValue } from "../wsgi/records";

/** What each standard key means. */
export const ENVIRON_DOCS: Record<string, string> = {
  REQUEST_METHOD: 'The HTTP method: "GET", "POST", … Always present.',
  SCRIPT_NAME:
    "Where the app is mounted: the start of the URL path the server routed to the app. Empty at the root.",
  PATH_INFO: "The rest of the URL path, after SCRIPT_NAME: percent-decoded, as bytes-as-latin-1.",
  QUERY_STRING: "The part of the URL after '?', still percent-encoded. May be empty.",
  CONTENT_TYPE: "The request's Content-Type. wsgiref puts text/plain when the client sent none.",
  CONTENT_LENGTH: "The request's Content-Length, as a string; empty when absent.",
  SERVER_NAME:
    "The server's host name; with SERVER_PORT, rebuilds the URL when HTTP_HOST is absent.",
  SERVER_PORT: "The server's port, as a string.",
  SERVER_PROTOCOL: 'The request line\'s protocol: "HTTP/1.0" or "HTTP/1.1".',
  SERVER_SOFTWARE: "The server's name and version (wsgiref: WSGIServer/0.2).",
  GATEWAY_INTERFACE: "The CGI version, CGI/1.1.",
  REMOTE_ADDR: "The client's IP address.",
  REMOTE_HOST: "The client's host name; wsgiref leaves it empty.",
  HTTPS: 'Set to "on" by servers that received the request over TLS.',
  "wsgi.version": "The WSGI version, (1, 0).",
  "wsgi.url_scheme": '"http" or "https": the scheme of the URL the app was called with.',
  "wsgi.input": "The request body: a binary stream to read CONTENT_LENGTH bytes from.",
  "wsgi.errors": "A text stream for errors; here it is the errors log.",
  "wsgi.multithread": "True when another thread may call the app at the same time.",
  "wsgi.multiprocess": "True when another process may call the app at the same time.",
  "wsgi.run_once": "True when the app will be called only once in this process (CGI).",
  "wsgi.file_wrapper":
    "A class that wraps a file for efficient sending: return environ['wsgi.file_wrapper'](f).",
};

/** The explanation of a key: the standard ones, and HTTP_* generically. */
export function describeKey(key: string): string {
  if (key in ENVIRON_DOCS) return ENVIRON_DOCS[key]!;
  if (key.startsWith("HTTP_")) {
    const header = key
      .slice(5)
      .split("_")
      .map((part) => part.charAt(0) + part.slice(1).toLowerCase())
      .join("-");
    return `The request's ${header} header (dashes become underscores; repeated headers are joined with commas).`;
  }
  if (key.startsWith("wsgi.")) return "A WSGI key the server added.";
  return "A variable the server added.";
}

/** The inspector's groups, in display order. */
export type EnvironGroup = "CGI variables" | "HTTP headers" | "wsgi.*" | "Other";

/** Which group a key belongs to. */
export function groupOf(key: string): EnvironGroup {
  if (key.startsWith("HTTP_")) return "HTTP headers";
  if (key.startsWith("wsgi.")) return "wsgi.*";
  if (key in ENVIRON_DOCS || /^[A-Z_]+$/.test(key)) return "CGI variables";
  return "Other";
}

/** The environ as the Python dict literal CPython would print for it. */
export function environAsPython(environ: Record<string, EnvironValue>): string {
  const value = (v: EnvironValue): string => {
    if (v === null) return "None";
    if (typeof v === "boolean") return v ? "True" : "False";
    if (typeof v === "number") return String(v);
    if (typeof v === "string") return pyString(v);
    if (Array.isArray(v)) return `(${v.map(value).join(", ")}${v.length === 1 ? "," : ""})`;
    return v.repr;
  };
  const lines = Object.entries(environ).map(([k, v]) => `    ${pyString(k)}: ${value(v)},`);
  return `{\n${lines.join("\n")}\n}`;
}

function pyString(text: string): string {
  const body = text
    .replace(/\\/g, "\\\\")
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t")
    // eslint-disable-next-line no-control-regex -- control characters are escaped, as repr() does
    .replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => "\\x" + c.charCodeAt(0).toString(16).padStart(2, "0"));
  return text.includes("'") && !text.includes('"') ? `"${body}"` : `'${body.replace(/'/g, "\\'")}'`;
}
