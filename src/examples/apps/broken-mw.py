# Middleware done wrong, three ways; Findings names each and Layers shows
# where. shout changes the body but keeps its Content-Length, and never
# closes the body it read; the app calls start_response twice without
# exc_info (buffer keeps the last call, so the server never sees it).
import sys
from wsgiref.simple_server import make_server


class Body:
    """An iterable with close(), as an open file or a database cursor is."""

    def __init__(self, chunks):
        self.chunks = chunks

    def __iter__(self):
        return iter(self.chunks)

    def close(self):
        print("Body closed", file=sys.stderr)


def shout(app):
    def loud(environ, start_response):
        return [chunk.upper() + b"!" for chunk in app(environ, start_response)]

    return loud


def buffered(app):
    def buffer(environ, start_response):
        calls = []

        def remember(status, headers, exc_info=None):
            calls.append((status, headers))
            return lambda data: None

        body = app(environ, remember)
        start_response(*calls[-1])
        return body

    return buffer


def app(environ, start_response):
    start_response("500 Internal Server Error", [("Content-Type", "text/plain")])
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "12")])
    return Body([b"hello, world"])


make_server("", 8000, shout(buffered(app))).serve_forever()
