# Cookies and a tiny session: the first visit sets a session cookie; later
# visits (the cookie jar sends it back) count in the session's store.
import secrets
from http.cookies import SimpleCookie
from wsgiref.simple_server import make_server

sessions = {}


def app(environ, start_response):
    cookie = SimpleCookie(environ.get("HTTP_COOKIE", ""))
    session = cookie["session"].value if "session" in cookie else None
    headers = [("Content-Type", "text/plain")]
    if session not in sessions:
        session = secrets.token_hex(4)
        sessions[session] = 0
        headers.append(("Set-Cookie", f"session={session}; Path=/; HttpOnly"))
    sessions[session] += 1
    start_response("200 OK", headers)
    return [f"Visit number {sessions[session]} in this session.\n".encode()]


make_server("", 8000, app).serve_forever()
