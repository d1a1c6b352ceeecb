// Middleware: log each request and its status to wsgi.errors (the Errors
// log), by wrapping start_response. The app itself is untouched.
import { b } from "wsgi";
import type { Environ, StartResponse, WSGIApplication } from "wsgi";

function logging(app: WSGIApplication): WSGIApplication {
  return function middleware(environ, start_response) {
    const started = performance.now();
    const logged: StartResponse = (status, headers, exc_info) => {
      environ["wsgi.errors"].write(
        `${environ.REQUEST_METHOD} ${environ.PATH_INFO} -> ${status} (${(performance.now() - started).toFixed(2)} ms)\n`,
      );
      return start_response(status, headers, exc_info);
    };
    return app(environ, logged);
  };
}

function hello(environ: Environ, start_response: StartResponse) {
  start_response("200 OK", [["Content-Type", "text/plain"]]);
  return [b`Logged. Look at the Errors log.\n`];
}

export default logging(hello);
