/**
 * @module http-request
 * Request bytes read the way CPython reads them:
 * `http.server.BaseHTTPRequestHandler.parse_request` for the request line,
 * `http.client.parse_headers` (`_read_headers` and the `email` feed parser
 * with the compat32 policy) for the header block, and
 * `wsgiref.simple_server.WSGIRequestHandler.handle` around them. A request
 * either parses, or gets http.server's own error reply (`send_error`), or
 * gets nothing at all (an empty request line). Every line is given a fate,
 * for the inspector: what it became, or why it was dropped.
 *
 * The function names follow CPython's, so the two can be read side by side.
 */
import { pyRepr } from "../runtime/repr";
import { latin1 } from "./bytes";
import type { Finding } from "./records";

/** `http.client._MAXLINE`: the longest line `readline(65537)` accepts. */
export const MAX_LINE = 65536;
/** `http.client._MAXHEADERS`: lines in the header block, counting its blank line. */
export const MAX_HEADERS = 100;

/** What became of one line (or stretch) of the request bytes. */
export interface ByteFate {
  /** Offsets in the request bytes, end exclusive. */
  start: number;
  end: number;
  kind: "request-line" | "header" | "continuation" | "end" | "dropped" | "body" | "unread";
  /** What it became, or why it was dropped, in words. */
  note: string;
  /** The header's name and value as the email parser gave them (headers only). */
  header?: [string, string];
}

/** A request line and header block that parsed. */
export interface ParsedRequest {
  kind: "request";
  /** The request line, decoded as latin-1, CR and LF stripped from its end (for the log). */
  requestLine: string;
  method: string;
  /** The request target as sent. */
  target: string;
  /** The target after http.server collapses a leading `//`. */
  path: string;
  /** `HTTP/1.1`, or `HTTP/0.9` for a request line of two words. */
  version: string;
  /** The headers as `email.message.Message.items()` gives them. */
  headers: [string, string][];
  /** The fate of each header's first line, in the order of `headers`. */
  headerFates: ByteFate[];
  /** Everything after the header block (wsgi.input reads from here). */
  body: Uint8Array;
  /** Where the body starts in the request bytes. */
  bodyStart: number;
  /** False when the bytes ran out before the blank line that ends the headers. */
  headersEnded: boolean;
  fates: ByteFate[];
}

/** A request http.server refused with `send_error`. */
export interface RefusedRequest {
  kind: "refused";
  requestLine: string;
  /** `self.command` when the error was sent (`HEAD` leaves the body out). */
  command: string | null;
  /** `self.request_version`: `HTTP/0.9` sends no status line and no headers. */
  version: string;
  code: number;
  message: string;
  explain: string;
  fates: ByteFate[];
}

/** An empty request line: http.server closes without a word. */
export interface EmptyRequest {
  kind: "empty";
  requestLine: string;
  fates: ByteFate[];
}

export type HttpRequest = ParsedRequest | RefusedRequest | EmptyRequest;

/** `BaseHTTPRequestHandler.responses` for the codes http.server sends itself. */
export const ERROR_RESPONSES: Record<number, [string, string]> = {
  400: ["Bad Request", "Bad request syntax or unsupported method"],
  414: ["Request-URI Too Long", "URI is too long"],
  431: [
    "Request Header Fields Too Large",
    "The server is unwilling to process the request because its header fields are too large",
  ],
  505: ["HTTP Version Not Supported", "Cannot fulfill request"],
};

// Python's str.isspace() over latin-1: what str.split() and str.strip() cut at.
const PY_SPACE_CHARS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0";
// eslint-disable-next-line no-control-regex -- these control characters are the point
const PY_SPACE_RUN = /[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0]+/;
// The email parser's line ends (`StringIO(newline="").readlines()`): CR LF, LF, and CR alone.
const LINE_ENDS = /\r\n|\r|\n/g;
// `email.feedparser.headerRE`: a header line, a continuation, or a Unix "From ".
const HEADER_RE = /^(From |[\x21-\x39\x3b-\x7e]*:|[\t ])/;

/** Python's `str.split()` with no arguments. */
export function pySplit(text: string): string[] {
  return text.split(PY_SPACE_RUN).filter(Boolean);
}

/** Python's `str.strip()` with no arguments. */
export function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && PY_SPACE_CHARS.includes(text[start])) start++;
  while (end > start && PY_SPACE_CHARS.includes(text[end - 1])) end--;
  return text.slice(start, end);
}

/** `rfile.readline(limit)`: up to and including the next LF, at most `limit` bytes. */
function readline(bytes: Uint8Array, at: number, limit = MAX_LINE + 1): number {
  const stop = Math.min(bytes.length, at + limit);
  const lf = bytes.subarray(at, stop).indexOf(0x0a);
  return lf === -1 ? stop : at + lf + 1;
}

function describeVersion(version: string): string {
  return version === "HTTP/0.9"
    ? "HTTP/0.9: the answer is the body alone, with no status line and no headers"
    : `SERVER_PROTOCOL ${pyRepr(version)}`;
}

/**
 * Parse request bytes as `WSGIRequestHandler.handle` does, up to the point
 * where it builds the environ.
 */
export function parseHttpRequest(bytes: Uint8Array): HttpRequest {
  const fates: ByteFate[] = [];
  const lineEnd = readline(bytes, 0);
  const refuse = (
    code: number,
    state: { requestLine: string; command: string | null; version: string },
    message?: string,
    explain?: string,
  ): RefusedRequest => {
    const [short, long] = ERROR_RESPONSES[code];
    return {
      kind: "refused",
      ...state,
      code,
      message: message ?? short,
      explain: explain ?? long,
      fates,
    };
  };
  if (lineEnd > MAX_LINE) {
    fates.push({
      start: 0,
      end: lineEnd,
      kind: "dropped",
      note: `The request line is longer than ${MAX_LINE.toLocaleString("en")} bytes: 414, and the rest is never read.`,
    });
    unread(fates, bytes, lineEnd);
    return refuse(414, { requestLine: "", command: "", version: "" });
  }

  // parse_request()
  const requestLine = latin1(bytes.subarray(0, lineEnd)).replace(/[\r\n]+$/, "");
  const words = pySplit(requestLine);
  let version = "HTTP/0.9";
  const state = () => ({ requestLine, command: null, version });
  if (words.length === 0) {
    fates.push({
      start: 0,
      end: lineEnd,
      kind: "dropped",
      note: "The request line is empty: the server closes the connection without an answer.",
    });
    unread(fates, bytes, lineEnd);
    return { kind: "empty", requestLine, fates };
  }
  const lineFate = (note: string, kind: ByteFate["kind"] = "dropped") =>
    fates.push({ start: 0, end: lineEnd, kind, note });
  if (words.length >= 3) {
    const candidate = words[words.length - 1];
    const numbers = candidate.startsWith("HTTP/") ? candidate.slice(5).split(".") : [];
    if (numbers.length !== 2 || !numbers.every((part) => /^\d{1,10}$/.test(part))) {
      lineFate(`The version ${pyRepr(candidate)} is not HTTP/<digits>.<digits>: 400.`);
      unread(fates, bytes, lineEnd);
      return refuse(400, state(), `Bad request version (${pyRepr(candidate)})`);
    }
    if (Number(numbers[0]) >= 2) {
      lineFate(`http.server speaks HTTP/1.x only: 505.`);
      unread(fates, bytes, lineEnd);
      return refuse(505, state(), `Invalid HTTP version (${candidate.slice(5)})`);
    }
    version = candidate;
  }
  if (words.length < 2 || words.length > 3) {
    lineFate(
      `A request line is two or three words (method, target, version); this one has ${words.length}: 400.`,
    );
    unread(fates, bytes, lineEnd);
    return refuse(400, state(), `Bad request syntax (${pyRepr(requestLine)})`);
  }
  const [command, target] = words;
  if (words.length === 2 && command !== "GET") {
    lineFate(`HTTP/0.9 has GET only: 400.`);
    unread(fates, bytes, lineEnd);
    return refuse(400, state(), `Bad HTTP/0.9 request type (${pyRepr(command)})`);
  }
  const path = target.startsWith("//") ? "/" + target.replace(/^\/+/, "") : target;
  const collapsed = path === target ? "" : `; the leading "//" is collapsed to "/"`;
  lineFate(
    `REQUEST_METHOD ${pyRepr(command)}, the target ${pyRepr(target)} (PATH_INFO and QUERY_STRING${collapsed}), ${describeVersion(version)}`,
    "request-line",
  );

  // http.client.parse_headers(): _read_headers(), then email's feed parser.
  const lines: [number, number][] = [];
  let at = lineEnd;
  let headersEnded = true;
  for (;;) {
    const end = readline(bytes, at);
    if (end - at > MAX_LINE) {
      fates.push({
        start: at,
        end,
        kind: "dropped",
        note: `A header line longer than ${MAX_LINE.toLocaleString("en")} bytes: 431.`,
      });
      unread(fates, bytes, end);
      return refuse(
        431,
        { requestLine, command, version },
        "Line too long",
        `got more than ${MAX_LINE} bytes when reading header line`,
      );
    }
    lines.push([at, end]);
    if (lines.length > MAX_HEADERS) {
      fates.push({
        start: lines[0][0],
        end,
        kind: "dropped",
        note: `More than ${MAX_HEADERS} lines in the header block (its blank line counts): 431.`,
      });
      unread(fates, bytes, end);
      return refuse(
        431,
        { requestLine, command, version },
        "Too many headers",
        `got more than ${MAX_HEADERS} headers`,
      );
    }
    const line = bytes.subarray(at, end);
    at = end;
    if (line.length === 0) {
      headersEnded = false;
      break;
    }
    if (
      (line.length === 1 && line[0] === 0x0a) ||
      (line.length === 2 && line[0] === 0x0d && line[1] === 0x0a)
    ) {
      break;
    }
  }
  const headerStart = lineEnd;
  const { headers, headerFates } = parseHeaderBlock(
    latin1(bytes.subarray(headerStart, at)),
    headerStart,
    fates,
  );
  const body = bytes.subarray(at);
  return {
    kind: "request",
    requestLine,
    method: command,
    target,
    path,
    version,
    headers,
    headerFates,
    body,
    bodyStart: at,
    headersEnded,
    fates,
  };
}

function unread(fates: ByteFate[], bytes: Uint8Array, from: number): void {
  if (from < bytes.length) {
    fates.push({
      start: from,
      end: bytes.length,
      kind: "unread",
      note: "Never read: the server answered before it got here.",
    });
  }
}

/**
 * `email.parser.Parser(_class=HTTPMessage).parsestr(text)`, headers only:
 * lines end at CR LF, LF or a CR alone; the first line
 * that is neither `Name:`, a continuation nor "From " ends the headers; a
 * continuation line (obs-fold) is kept in the value with its line break.
 */
function parseHeaderBlock(
  text: string,
  offset: number,
  fates: ByteFate[],
): { headers: [string, string][]; headerFates: ByteFate[] } {
  const lines: { text: string; start: number; end: number }[] = [];
  let last = 0;
  for (const match of text.matchAll(LINE_ENDS)) {
    const end = match.index + match[0].length;
    lines.push({ text: text.slice(last, end), start: offset + last, end: offset + end });
    last = end;
  }
  if (last < text.length) {
    lines.push({ text: text.slice(last), start: offset + last, end: offset + text.length });
  }
  let count = 0;
  while (count < lines.length && HEADER_RE.test(lines[count].text)) count++;
  const headers: [string, string][] = [];
  const headerFates: ByteFate[] = [];
  let current: { lines: string[]; start: number; end: number; fate: ByteFate } | null = null;
  const finish = () => {
    if (!current) return;
    const [first, ...rest] = current.lines;
    const colon = first.indexOf(":");
    const name = first.slice(0, colon);
    const value = (first.slice(colon + 1).replace(/^[ \t]+/, "") + rest.join("")).replace(
      /[\r\n]+$/,
      "",
    );
    headers.push([name, value]);
    headerFates.push(current.fate);
    current.fate.header = [name, value];
    current = null;
  };
  for (let index = 0; index < count; index++) {
    const line = lines[index];
    if (line.text[0] === " " || line.text[0] === "\t") {
      if (!current) {
        fates.push({
          ...span(line),
          kind: "dropped",
          note: "A continuation line with no header before it: the email parser drops it.",
        });
        continue;
      }
      current.lines.push(line.text);
      fates.push({
        ...span(line),
        kind: "continuation",
        note: "obs-fold: continues the header above; its line break stays in the value.",
      });
      continue;
    }
    finish();
    if (line.text.startsWith("From ")) {
      fates.push({
        ...span(line),
        kind: "dropped",
        note:
          index === 0
            ? `A Unix "From " line first: the email parser keeps it as the envelope, not a header.`
            : `A "From " line among the headers: the email parser drops it.`,
      });
      if (index === count - 1 && index > 0) break;
      continue;
    }
    if (line.text.indexOf(":") === 0) {
      fates.push({ ...span(line), kind: "dropped", note: "A header line with no name: dropped." });
      continue;
    }
    const fate: ByteFate = { ...span(line), kind: "header", note: "" };
    fates.push(fate);
    current = { lines: [line.text], start: line.start, end: line.end, fate };
  }
  finish();
  for (let index = count; index < lines.length; index++) {
    const line = lines[index];
    const blank = /^(\r\n|\r|\n)$/.test(line.text);
    fates.push({
      ...span(line),
      kind: blank && index === count ? "end" : "dropped",
      note:
        index > count
          ? "After the end of the headers as the email parser sees it: not a header."
          : blank
            ? "The blank line: the end of the headers."
            : `Not a header line (no "Name:" before a colon, or a space or byte outside ASCII in the name): the email parser stops reading headers here.`,
    });
  }
  return { headers, headerFates };
}

function span(line: { start: number; end: number }): { start: number; end: number } {
  return { start: line.start, end: line.end };
}

/** The first value of a header, any case, as `Message.get` finds it. */
function firstHeader(headers: readonly [string, string][], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}

/**
 * What becomes of the bytes after the header block: what wsgi.input gives
 * the app, what it never sees, and what a real server would wait for.
 */
export function bodyFates(parsed: ParsedRequest): {
  fates: ByteFate[];
  findings: Finding[];
} {
  const fates: ByteFate[] = [];
  const findings: Finding[] = [];
  if (!parsed.headersEnded) {
    findings.push({
      severity: "warning",
      source: "playground",
      message:
        "The headers never end (no blank line after them): a real server would wait for the rest; here the request ends where the bytes do, and the app is called.",
      fix: "End the headers with an empty line (CR LF), even when there is no body.",
    });
  }
  const start = parsed.bodyStart;
  const size = parsed.body.length;
  const length = firstHeader(parsed.headers, "content-length")?.trim();
  const chunked = /chunked/i.test(firstHeader(parsed.headers, "transfer-encoding") ?? "");
  const chunkNote = chunked
    ? " wsgiref does not decode Transfer-Encoding: chunked: the chunk sizes are in it too."
    : "";
  if (length !== undefined && !/^\d+$/.test(length)) {
    findings.push({
      severity: "warning",
      source: "playground",
      message: `Content-Length ${pyRepr(length)} is not a number: wsgiref passes it on as CONTENT_LENGTH, and an app that calls int() on it fails.`,
      fix: "Send Content-Length as the body's size in bytes, digits only.",
    });
  }
  if (length === undefined || !/^\d+$/.test(length)) {
    if (size > 0) {
      fates.push({
        start,
        end: start + size,
        kind: "body",
        note: `wsgi.input: ${size} bytes, all that follows the headers (with no usable Content-Length, a real server's read() would wait until the client closes).${chunkNote}`,
      });
    }
    return { fates, findings };
  }
  const wanted = Number(length);
  const given = Math.min(wanted, size);
  if (given > 0) {
    fates.push({
      start,
      end: start + given,
      kind: "body",
      note: `wsgi.input: ${given} of Content-Length ${wanted} bytes.${chunkNote}`,
    });
  }
  if (size > wanted) {
    fates.push({
      start: start + wanted,
      end: start + size,
      kind: "unread",
      note: "Past Content-Length: not the app's (on a kept-alive connection these would start the next request).",
    });
  }
  if (size < wanted) {
    findings.push({
      severity: "warning",
      source: "playground",
      message: `The body is ${wanted - size} bytes short of its Content-Length (${size} of ${wanted}): a real server would wait for the rest, and here wsgi.input ends early.`,
      fix: "Make Content-Length the body's size in bytes.",
    });
  }
  return { fates, findings };
}

/** The request's bytes the inspector keeps: the whole head, and 4 KB of the body at most. */
export function keptBytes(raw: Uint8Array, parsed: HttpRequest): Uint8Array {
  const head = parsed.kind === "request" ? parsed.bodyStart : raw.length;
  return raw.slice(0, Math.min(raw.length, head + 4096));
}
