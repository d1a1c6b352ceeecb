// Middleware: a session. On the way down it reads the session cookie and
// puts the session (an object) in environ.session; on the way up it adds
// Set-Cookie for a new session. The app only counts in an object. Send twice.
import { b } from "wsgi";
import type { Environ, StartResponse, WSGIApplication } from "wsgi";

const store = new Map<string, { visits?: number }>();

function sessions(app: WSGIApplication): WSGIApplication {
  return function middleware(environ, start_response) {
    const cookie = /(?:^|;\s*)sid=([^;]*)/.exec(String(environ.HTTP_COOKIE ?? ""));
    let sid = cookie?.[1] ?? "";
    const isNew = !store.has(sid);
    if (isNew) {
      sid = crypto.getRandomValues(new Uint32Array(1))[0]!.toString(16).padStart(8, "0");
      store.set(sid, {});
    }
    environ.session = store.get(sid);

    function with_cookie(status: string, headers: [string, string][], exc_info?: unknown) {
      if (isNew) headers = [...headers, ["Set-Cookie", `sid=${sid}; Path=/; HttpOnly`]];
      return start_response(status, headers, exc_info);
    }

    return app(environ, with_cookie);
  };
}

function counter(environ: Environ, start_response: StartResponse) {
  const session = environ.session as { visits?: number };
  session.visits = (session.visits ?? 0) + 1;
  start_response("200 OK", [["Content-Type", "text/plain"]]);
  return [b`Visit number ${String(session.visits)} in this session.\n`];
}

export default sessions(counter);
