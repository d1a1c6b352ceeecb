/**
 * @module default-app
 * The app a new project starts with: the seeds' "Hello world" (PEP 3333's
 * first example, as the blog posts run it with wsgiref.simple_server),
 * written for the playground's contract.
 */

/** Source of `app.ts` in a new project (the parameters on lines of their own: it fits a half-width pane without scrolling sideways). */
export const DEFAULT_APP = `import { b } from "wsgi";
import type { Environ, StartResponse } from "wsgi";

// A WSGI application: called once per request with the environ and
// start_response, it returns an iterable of bytes.
export default function app(
  environ: Environ,
  start_response: StartResponse,
) {
  start_response("200 OK", [["Content-Type", "text/plain"]]);
  return [b\`Hello world!\`];
}
`;

/**
 * Source of `app.py` in a new Python project: the same app as the seeds
 * write it, run with CPython's own wsgiref (in the playground,
 * `serve_forever()` makes it the app that answers and returns).
 */
export const DEFAULT_PYTHON_APP = `from wsgiref.simple_server import make_server


# A WSGI application: called once per request with the environ and
# start_response, it returns an iterable of bytes.
def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"Hello world!"]


if __name__ == "__main__":
    with make_server("", 8000, app) as httpd:
        print("Serving on port 8000...")
        httpd.serve_forever()
`;
