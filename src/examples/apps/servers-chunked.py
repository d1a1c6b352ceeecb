# An upload sent in chunks with no Content-Length, as curl sends a body it
# reads from a pipe (Transfer-Encoding set to chunked). PEP 3333 has no word
# for it: a server that decodes it says so with wsgi.input_terminated.
# wsgiref never reads it, so the app gets nothing. Send this, then choose
# Werkzeug, Waitress, Gunicorn or Cheroot in Server, or open Servers.
from wsgiref.simple_server import make_server


def application(environ, start_response):
    if environ.get("wsgi.input_terminated"):
        body = environ["wsgi.input"].read()
    else:
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    lines = [
        f"CONTENT_LENGTH = {environ.get('CONTENT_LENGTH')!r}",
        f"wsgi.input_terminated = {environ.get('wsgi.input_terminated', False)!r}",
        f"The body the app read: {body!r}",
    ]
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return ["\n".join(lines).encode() + b"\n"]


if __name__ == "__main__":
    make_server("", 8000, application).serve_forever()
