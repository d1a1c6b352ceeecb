/**
 * @module raw-request
 * A request record as the bytes an HTTP/1.1 client puts on the wire: the
 * "Preview request" text, and what the cross-check tests send to CPython.
 */
import { concatBytes, utf8 } from "./bytes";
import type { RequestRecord } from "./records";

/** The request line, the header lines, a blank line and the body, as bytes. */
export function serializeRequest(request: RequestRecord): Uint8Array {
  const head =
    `${request.method} ${request.target} ${request.httpVersion}\r\n` +
    request.headers.map(([name, value]) => `${name}: ${value}\r\n`).join("") +
    "\r\n";
  return concatBytes([utf8(head), request.body]);
}
