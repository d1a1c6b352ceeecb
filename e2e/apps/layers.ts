// The stack of the Layers view's tests: tag → upper → Mount → inner (outermost first).
import { b, shift_path_info } from "wsgi";
import type { Environ, StartResponse, WSGIApplication } from "wsgi";

function add_header(app: WSGIApplication) {
  return function tag(environ: Environ, start_response: StartResponse) {
    function tagged(status: string, headers: [string, string][], exc_info?: unknown) {
      return start_response(status, [...headers, ["X-Layer", "tag"]], exc_info);
    }
    return app(environ, tagged);
  };
}

function* upper(environ: Environ, start_response: StartResponse) {
  for (const chunk of mount.__call__(environ, start_response)) {
    yield new TextEncoder().encode(new TextDecoder().decode(chunk).toUpperCase());
  }
}

class Mount {
  constructor(
    private prefix: string,
    private app: WSGIApplication,
  ) {}

  __call__(environ: Environ, start_response: StartResponse): Iterable<Uint8Array> {
    if (shift_path_info(environ) !== this.prefix) {
      start_response("404 Not Found", [["Content-Type", "text/plain"]]);
      return [b`not found`];
    }
    return this.app(environ, start_response) as Iterable<Uint8Array>;
  }
}

class Closing {
  closed = false;
  constructor(private chunks: Uint8Array[]) {}
  [Symbol.iterator]() {
    return this.chunks[Symbol.iterator]();
  }
  close() {
    this.closed = true;
  }
}

function inner(environ: Environ, start_response: StartResponse) {
  start_response("200 OK", [["Content-Type", "text/plain"]]);
  const text = (s: string) => new TextEncoder().encode(s);
  return new Closing([text(environ.PATH_INFO), b` `, text(`'${environ.SCRIPT_NAME}'`)]);
}

const mount = new Mount("api", inner);
export default add_header(upper);
