/**
 * @module raw-cases
 * Test support: raw requests that cover what http.server does with bytes
 * (the request line, versions, HTTP/0.9, the line and header limits, the
 * email parser's ways with header lines, bodies), and the helpers that
 * compare what two servers put on the wire.
 */
import { concatBytes, latin1 } from "../bytes";
import type { ResponseRecord } from "../records";

/** A string of byte values (each character one byte) as bytes. */
export const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const CRLF = "\r\n";
const HOST = "Host: localhost:8000\r\n";
const headers = (count: number) =>
  Array.from({ length: count }, (_, i) => `X-H${i}: ${i}\r\n`).join("");

export const RAW_CASES: [string, string][] = [
  ["a plain HTTP/1.1 GET", `GET /hello?x=1 HTTP/1.1\r\n${HOST}\r\n`],
  ["HTTP/1.0 with no Host", "GET /old HTTP/1.0\r\n\r\n"],
  ["a raw 0x80 byte in the path (CPython's test_cp1252_url)", "GET /\x80%80 HTTP/1.0\r\n\r\n"],
  ["latin-1 bytes in the query", `GET /q?name=caf\xe9&x=\xff HTTP/1.1\r\n${HOST}\r\n`],
  ["UTF-8 with a 0x85 byte (Å): str.split() cuts there", `GET /\xc3\x85x HTTP/1.1\r\n${HOST}\r\n`],
  ["a 0xa0 byte in the path", `GET /a\xa0b HTTP/1.1\r\n${HOST}\r\n`],
  ["a NUL byte in the path", `GET /a\x00b HTTP/1.1\r\n${HOST}\r\n`],
  ["tabs between the words", `GET\t/tab\tHTTP/1.1\r\n${HOST}\r\n`],
  ["runs of spaces between the words", `GET   /spaces    HTTP/1.1  \r\n${HOST}\r\n`],
  ["bare LF line endings", "GET /lf HTTP/1.1\nHost: localhost\nX-A: 1\n\n"],
  ["a CR alone ends the request line's words", "GET / HTTP/1.1\rHost: x\r\n\r\n"],
  ["a version with one number", "GET / HTTP/1\r\n\r\n"],
  ["a version with three numbers", "GET / HTTP/1.1.1\r\n\r\n"],
  ["a version that is not digits", "GET / HTTP/a.b\r\n\r\n"],
  ["a lower-case version", "GET / http/1.1\r\n\r\n"],
  ["HTTP/2.0: 505, as HTTP/0.9 would get it", "GET / HTTP/2.0\r\n\r\n"],
  ["a version number of 11 digits", "GET / HTTP/1.00000000001\r\n\r\n"],
  ["leading zeros in the version", `GET /zeros HTTP/01.01\r\n${HOST}\r\n`],
  ["HTTP/1.2 is served", `GET /v12 HTTP/1.2\r\n${HOST}\r\n`],
  ["four words", "GET /a b HTTP/1.1\r\n\r\n"],
  ["one word", "GET\r\n\r\n"],
  ["HTTP/0.9: GET and a path", "GET /simple\r\n"],
  ["HTTP/0.9 with headers after it", "GET /simple\r\nX-A: 1\r\n\r\n"],
  ["HTTP/0.9 with POST", "POST /x\r\n\r\n"],
  ["an empty request line", "\r\n"],
  ["no bytes at all", ""],
  ["a request line of 70 KB", `GET /${"a".repeat(70 * 1024)} HTTP/1.1\r\n${HOST}\r\n`],
  ["a request line of exactly 65,536 bytes", `GET /${"b".repeat(65536 - 16)} HTTP/1.1\r\n\r\n`],
  ["a request line of 65,537 bytes", `GET /${"c".repeat(65537 - 16)} HTTP/1.1\r\n\r\n`],
  ["a header line over 64 KB", `GET / HTTP/1.1\r\nX-Big: ${"v".repeat(65536)}\r\n\r\n`],
  ["a header line over 64 KB, to HEAD", `HEAD / HTTP/1.1\r\nX-Big: ${"v".repeat(65536)}\r\n\r\n`],
  ["99 headers", `GET /many HTTP/1.1\r\n${headers(99)}\r\n`],
  ["100 headers", `GET /many HTTP/1.1\r\n${headers(100)}\r\n`],
  ["obs-fold with a space", `GET / HTTP/1.1\r\n${HOST}X-Fold: one\r\n two\r\nX-After: 1\r\n\r\n`],
  ["obs-fold with a tab", `GET / HTTP/1.1\r\nX-Fold: one\r\n\ttwo\r\n\r\n`],
  ["a continuation line first", "GET / HTTP/1.1\r\n folded\r\nX-A: 1\r\n\r\n"],
  ["a header line with no colon", `GET / HTTP/1.1\r\n${HOST}garbage\r\nX-Lost: 1\r\n\r\n`],
  ["a space in a header name", "GET / HTTP/1.1\r\nBad Name: x\r\nX-Lost: 1\r\n\r\n"],
  ["a header with no name", "GET / HTTP/1.1\r\n: nameless\r\nX-Kept: 1\r\n\r\n"],
  ["latin-1 bytes in a header value", `GET / HTTP/1.1\r\nX-Name: caf\xe9 \xff\r\n\r\n`],
  ["a latin-1 byte in a header name", "GET / HTTP/1.1\r\nX-\xe9: 1\r\nX-Lost: 1\r\n\r\n"],
  ["a CR alone inside the header block", "GET / HTTP/1.1\r\nX-A: a\rX-B: b\r\nX-C: c\r\n\r\n"],
  [
    "headers whose CGI names are taken",
    `GET / HTTP/1.1\r\nRequest-Method: POST\r\nServer-Name: evil\r\nContent_Type: x/y\r\nContent-Type: a/b\r\nContent-Type: c/d\r\n\r\n`,
  ],
  [
    "underscores and dashes meet",
    "GET / HTTP/1.1\r\nX_Under: 1\r\nX-Under: 2\r\nx-under: 3\r\n\r\n",
  ],
  ["duplicate cookies", "GET / HTTP/1.1\r\nCookie: a=1\r\nCookie: b=2\r\n\r\n"],
  ["spaces and tabs around a value", "GET / HTTP/1.1\r\nX-Pad: \t  v a l  \t\r\n\r\n"],
  [
    "Content-Type keeps its trailing spaces",
    "GET / HTTP/1.1\r\nContent-Type:  text/plain  \r\n\r\n",
  ],
  [
    "Transfer-Encoding: chunked is not decoded",
    "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 15\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
  ],
  ["a Content-Length that is not a number", "POST / HTTP/1.1\r\nContent-Length: ten\r\n\r\nbody"],
  ["a body shorter than Content-Length", "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nshort"],
  ["a body longer than Content-Length", "POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcdef"],
  ["a binary body", "PUT /b HTTP/1.1\r\nContent-Length: 6\r\n\r\n\x00\x01\x80\xff\r\n"],
  ["headers that never end", "GET /open HTTP/1.1\r\nX-A: 1\r\n"],
  ["a request line that never ends", "GET /open HTTP/1.1"],
  ["a Unix From line first", "GET / HTTP/1.1\r\nFrom nobody\r\nX-A: 1\r\n\r\n"],
  ["a leading double slash", "GET //etc//passwd?x=1 HTTP/1.1\r\n\r\n"],
  ["an absolute-form target", "GET http://example.test/x?y=1 HTTP/1.1\r\n\r\n"],
  [
    "Expect: 100-continue (wsgiref speaks HTTP/1.0)",
    "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok",
  ],
  ["a lower-case method", "get /lower HTTP/1.1\r\n\r\n"],
];

/** Mask what differs by nature: the date, and the Python version in Server. */
export function masked(wire: Uint8Array): string {
  return latin1(wire)
    .replace(/^Date: .*\r$/m, "Date: <date>\r")
    .replace(/^Server: WSGIServer\/0\.2 .*\r$/m, "Server: <server>\r");
}

/** What our record puts on the wire: interim responses, the head, the body (as framed, if it was chunked). */
export function wireOf(record: ResponseRecord): Uint8Array {
  if (record.sent === "nothing") return new Uint8Array();
  if (record.sent === "body-only") return record.body;
  const interim = (record.interim ?? []).map((line) => `${line}${CRLF}${CRLF}`);
  const head =
    interim.join("") +
    `${record.httpVersion} ${record.status}\r\n` +
    record.headers.map(([name, value]) => `${name}: ${value}\r\n`).join("") +
    CRLF;
  return concatBytes([bytes(head), record.wireBody ?? record.body]);
}
