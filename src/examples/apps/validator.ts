// Middleware: wsgiref.validate's validator wraps an app and raises at the
// first PEP 3333 fault, with CPython's message. This app forgets the
// Content-Type header: the 500's traceback (Errors log) names the rule.
import { b, validator } from "wsgi";
import type { Environ, StartResponse } from "wsgi";

function app(environ: Environ, start_response: StartResponse) {
  start_response("200 OK", []);
  return [b`Where is my Content-Type?`];
}

export default validator(app);
