// Middleware: catch what the app throws, log it to wsgi.errors and answer
// with a 500 page of its own. The app had already called start_response,
// so the catcher passes the error as exc_info: PEP 3333's way to replace
// headers that are not sent yet. Try / and /boom.
import { b, ValueError } from "wsgi";
import type { Environ, StartResponse, WSGIApplication } from "wsgi";

function catch_errors(app: WSGIApplication): WSGIApplication {
  return function catcher(environ, start_response) {
    try {
      return Array.from(app(environ, start_response));
    } catch (error) {
      environ["wsgi.errors"].write(`Caught: ${String(error)}\n`);
      start_response("500 Internal Server Error", [["Content-Type", "text/plain"]], error);
      return [b`Something broke. The error is in the Errors log.\n`];
    }
  };
}

function app(environ: Environ, start_response: StartResponse) {
  start_response("200 OK", [["Content-Type", "text/plain"]]);
  if (environ.PATH_INFO === "/boom") throw new ValueError("boom");
  return [b`Fine. Try /boom.\n`];
}

export default catch_errors(app);
