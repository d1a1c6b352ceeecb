# Middleware: a session. On the way down it reads the session cookie and
# puts the session (a dict) in environ["session"]; on the way up it adds
# Set-Cookie for a new session. The app only counts in a dict. Send twice.
import secrets
from http.cookies import SimpleCookie
from wsgiref.simple_server import make_server

store = {}


def sessions(app):
    def middleware(environ, start_response):
        cookie = SimpleCookie(environ.get("HTTP_COOKIE", ""))
        sid = cookie["sid"].value if "sid" in cookie else None
        new = sid not in store
        if new:
            sid = secrets.token_hex(4)
            store[sid] = {}
        environ["session"] = store[sid]

        def with_cookie(status, headers, exc_info=None):
            if new:
                headers = headers + [("Set-Cookie", f"sid={sid}; Path=/; HttpOnly")]
            return start_response(status, headers, exc_info)

        return app(environ, with_cookie)

    return middleware


def counter(environ, start_response):
    session = environ["session"]
    session["visits"] = session.get("visits", 0) + 1
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [f"Visit number {session['visits']} in this session.\n".encode()]


make_server("", 8000, sessions(counter)).serve_forever()
