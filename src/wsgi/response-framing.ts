/**
 * How a response's bytes are framed on the wire, undone as a client undoes
 * it: the interim `1xx` responses a server sends before the final one
 * (Werkzeug's `100 Continue` for `Expect: 100-continue`), and a body sent
 * with `Transfer-Encoding: chunked` (Werkzeug's, for a response without
 * Content-Length). wsgiref and Paste never do either; the decoder follows
 * RFC 9112 §7.1 as a lenient client reads it (extensions and trailers
 * skipped).
 */

import { concatBytes } from "../runtime/concat-bytes";

const CRLF_CRLF = [13, 10, 13, 10];

/** Where `pattern` first occurs in `bytes` at or after `from`, or -1. */
export function indexOf(bytes: Uint8Array, pattern: readonly number[], from = 0): number {
  outer: for (let i = from; i <= bytes.length - pattern.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return i;
  }
  return -1;
}

const latin1 = new TextDecoder("latin1");

/**
 * The interim responses at the start of `sent` (the status lines of `1xx`
 * heads other than `101`, each ended by an empty line: `HTTP/1.1 100
 * Continue`), and where the final response starts.
 */
export function splitInterim(sent: Uint8Array): { interim: string[]; start: number } {
  const interim: string[] = [];
  let start = 0;
  for (;;) {
    const end = indexOf(sent, CRLF_CRLF, start);
    if (end === -1) break;
    const statusLine = latin1.decode(sent.subarray(start, end)).split("\r\n")[0] ?? "";
    const code = /^HTTP\/\d\.\d (1\d\d)\b/.exec(statusLine)?.[1];
    if (code === undefined || code === "101") break;
    interim.push(statusLine);
    start = end + 4;
  }
  return { interim, start };
}

/** The outcome of reading a chunked body: its content, each chunk's size, and whether it ended properly. */
export interface Dechunked {
  body: Uint8Array;
  /** The size of each chunk as sent, the last (zero-sized) chunk left out. */
  sizes: number[];
  /** False when the bytes stopped before the last chunk (the connection closed early). */
  complete: boolean;
}

/** A chunked body's content (RFC 9112 §7.1): the chunks' data joined, sizes and extensions read. */
export function dechunk(framed: Uint8Array): Dechunked {
  const parts: Uint8Array[] = [];
  const sizes: number[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = indexOf(framed, [13, 10], at);
    if (lineEnd === -1) break;
    const sizeText = latin1.decode(framed.subarray(at, lineEnd)).split(";")[0]!.trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) break;
    const size = parseInt(sizeText, 16);
    if (size === 0) return { body: concatBytes(parts), sizes, complete: true };
    const dataStart = lineEnd + 2;
    const data = framed.subarray(dataStart, dataStart + size);
    parts.push(data);
    sizes.push(data.length);
    if (data.length < size) break;
    at = dataStart + size + 2;
  }
  return { body: concatBytes(parts), sizes, complete: false };
}

/** Whether the headers say the body is chunked (the last coding of the last Transfer-Encoding is `chunked`). */
export function isChunked(headers: readonly [string, string][]): boolean {
  const codings = headers
    .filter(([name]) => name.toLowerCase() === "transfer-encoding")
    .flatMap(([, value]) => value.split(","))
    .map((coding) => coding.trim().toLowerCase());
  return codings.at(-1) === "chunked";
}
