// Middleware done wrong, three ways; Findings names each and Layers shows
// where. shout changes the body but keeps its Content-Length, and never
// closes the body it read; the app calls start_response twice without
// exc_info (buffer keeps the last call, so the server never sees it).
import { b } from "wsgi";
import type { Environ, StartResponse, WSGIApplication } from "wsgi";

/** An iterable with close(), as an open file or a database cursor is. */
class Body {
  closed = false;
  constructor(private chunks: Uint8Array[]) {}
  [Symbol.iterator]() {
    return this.chunks[Symbol.iterator]();
  }
  close() {
    this.closed = true;
  }
}

function shout(app: WSGIApplication): WSGIApplication {
  return function loud(environ, start_response) {
    const text = (chunk: Uint8Array) => new TextDecoder().decode(chunk).toUpperCase() + "!";
    return Array.from(app(environ, start_response), (chunk) =>
      new TextEncoder().encode(text(chunk)),
    );
  };
}

function buffered(app: WSGIApplication): WSGIApplication {
  return function buffer(environ, start_response) {
    const calls: [string, [string, string][]][] = [];
    function remember(status: string, headers: [string, string][]) {
      calls.push([status, headers]);
      return () => {};
    }
    const body = app(environ, remember);
    start_response(...calls.at(-1)!);
    return body;
  };
}

function app(environ: Environ, start_response: StartResponse) {
  start_response("500 Internal Server Error", [["Content-Type", "text/plain"]]);
  start_response("200 OK", [
    ["Content-Type", "text/plain"],
    ["Content-Length", "12"],
  ]);
  return new Body([b`hello, world`]);
}

export default shout(buffered(app));
