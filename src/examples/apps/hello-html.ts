// Seed 000, "Creating a minimal Python application server for experimenting":
// the smallest app, answering HTML. In Python 3 the body must be bytes.
import { b } from "wsgi";
import type { Environ, StartResponse } from "wsgi";

export default function application(env: Environ, start_response: StartResponse) {
  const http_status = "200 OK";
  const response_headers: [string, string][] = [["Content-Type", "text/html"]];
  const response_text = b`Hello World`;

  start_response(http_status, response_headers);
  return [response_text];
}
