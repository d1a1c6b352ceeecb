"""The app of the Checks tests: a home page, a JSON API, a login that sets a session cookie."""
import json
from http.cookies import SimpleCookie


def application(environ, start_response):
    path = environ["PATH_INFO"]
    if path == "/":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"Hello world!"]
    if path == "/items" and environ["REQUEST_METHOD"] == "POST":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        item = json.loads(environ["wsgi.input"].read(length))
        start_response("201 Created", [("Content-Type", "application/json"), ("Location", "/items/7")])
        return [json.dumps({"id": 7, "name": item["name"]}).encode()]
    if path == "/login":
        start_response("200 OK", [("Content-Type", "text/plain"), ("Set-Cookie", "sid=abc123; Path=/")])
        return [b"in"]
    if path == "/me":
        cookie = SimpleCookie(environ.get("HTTP_COOKIE", ""))
        ok = "sid" in cookie and cookie["sid"].value == "abc123"
        start_response("200 OK" if ok else "403 Forbidden", [("Content-Type", "text/plain")])
        return [b"me"]
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"not found"]
