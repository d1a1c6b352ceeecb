// Seed 003, "Understanding Python WSGI with Examples": the Python 3 way,
// a list holding one bytes object. wsgiref adds Content-Length, Date, Server.
import { b } from "wsgi";
import type { Environ, StartResponse } from "wsgi";

export default function app(environ: Environ, start_response: StartResponse) {
  start_response("200 OK", [["Content-Type", "text/html"]]);
  return [b`Hello, world!`];
}
