/**
 * @module draft
 * A request as the panel edits it: every field the user can change, in
 * plain data (so it can be saved, shared and restored). `build.ts` turns a
 * draft into the bytes a client would send.
 */

/** One row of a name/value table (headers, params, form fields). */
export interface Row {
  id: string;
  name: string;
  value: string;
  enabled: boolean;
}

/** A file chosen from the user's disk, kept in memory. */
export interface FileData {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** A multipart/form-data field: text, or a file. */
export interface PartRow extends Row {
  kind: "text" | "file";
  file: FileData | null;
}

/** How the body is given. */
export type BodyMode = "none" | "raw" | "json" | "form" | "multipart" | "binary";

/** Every body mode's content, kept while the user switches between them. */
export interface BodyDraft {
  mode: BodyMode;
  raw: string;
  /** The Content-Type sent with a raw body. */
  rawType: string;
  json: string;
  form: Row[];
  parts: PartRow[];
  /** The multipart boundary; generated once, editable through a Content-Type override. */
  boundary: string;
  binarySource: "hex" | "file";
  hex: string;
  binaryFile: FileData | null;
}

/** The request being composed. */
export interface RequestDraft {
  method: string;
  /** The virtual host, `name[:port]`: sets Host, SERVER_NAME and SERVER_PORT. */
  host: string;
  /** Path and query, exactly as they go on the request line. */
  target: string;
  headers: Row[];
  body: BodyDraft;
  /** Send the cookie jar's cookies and store the ones responses set. */
  useCookieJar: boolean;
  /** Follow redirects as a browser would. */
  autoFollow: boolean;
  /** The request typed as raw text, sent as its bytes when `on`. */
  raw: RawDraft;
}

/** A raw request: text with escapes (see raw-text.ts), and what a typed line ends with. */
export interface RawDraft {
  on: boolean;
  text: string;
  lineEnd: "crlf" | "lf";
}

/** The virtual host of the seeds' `make_server('', 8000, app)`. */
export const DEFAULT_HOST = "localhost:8000";

/** The largest body the panel sends (50 MB), so a mistake cannot freeze the page. */
export const MAX_BODY_BYTES = 50 * 1024 * 1024;

let counter = 0;

/** A fresh row id. */
export function rowId(): string {
  counter += 1;
  return `r${Date.now().toString(36)}${counter.toString(36)}`;
}

/** An empty, enabled row. */
export function newRow(name = "", value = ""): Row {
  return { id: rowId(), name, value, enabled: true };
}

/** A multipart field row. */
export function newPart(kind: "text" | "file" = "text", name = "", value = ""): PartRow {
  return { ...newRow(name, value), kind, file: null };
}

/** A boundary like the ones browsers make. */
export function newBoundary(): string {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
  return `----WSGIPlaygroundBoundary${random}`;
}

/** A new body draft: no body, each mode empty. */
export function emptyBody(): BodyDraft {
  return {
    mode: "none",
    raw: "",
    rawType: "text/plain",
    json: "{\n  \n}",
    form: [newRow()],
    parts: [newPart()],
    boundary: newBoundary(),
    binarySource: "hex",
    hex: "",
    binaryFile: null,
  };
}

/** The request a new project starts with: `GET /` to the virtual host. */
export function defaultDraft(): RequestDraft {
  return {
    method: "GET",
    host: DEFAULT_HOST,
    target: "/",
    headers: [],
    body: emptyBody(),
    useCookieJar: true,
    autoFollow: false,
    raw: { on: false, text: "", lineEnd: "crlf" },
  };
}
