// Seed 001, "Playing with WSGI in Python": written for Python 2, it returns a
// str. Under Python 3 (and here) that breaks PEP 3333: wsgiref answers 500,
// and the Findings tab says why and how to fix it.
import type { Environ, StartResponse } from "wsgi";

export default function application(environ: Environ, start_response: StartResponse) {
  start_response("200 OK", [["content-type", "text/html"]]);
  return ["Hello world!"] as unknown as Uint8Array[];
}
