"""CPython's wsgiref.simple_server, serving one of the oracle apps on
127.0.0.1 at an ephemeral port, for the cross-check tests. Prints the port
on the first line of stdout, then serves until killed.

    python3 scripts/wsgiref_oracle.py environ_app   # echoes environ as JSON
    python3 scripts/wsgiref_oracle.py apps          # the app named by X-Oracle-App
"""
import json
import os
import re
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def environ_app(environ, start_response):
    """The environ's str values (the CGI variables and HTTP_*), the other
    wsgi.* values by type, and the body read to CONTENT_LENGTH, as JSON."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    data = {k: v for k, v in environ.items() if isinstance(v, str) and k not in os.environ}
    data["wsgi.version"] = list(environ["wsgi.version"])
    for key in ("wsgi.multithread", "wsgi.multiprocess", "wsgi.run_once"):
        data[key] = environ[key]
    data["body"] = body.decode("latin-1")
    start_response("200 OK", [("Content-Type", "application/json")])
    return [json.dumps(data).encode()]


def raw_environ_app(environ, start_response):
    """For raw requests: the environ's str values and the body read to a
    CONTENT_LENGTH of digits, as compact UTF-8 JSON (the bytes JavaScript's
    JSON.stringify gives), so the two responses compare byte for byte."""
    length = environ.get("CONTENT_LENGTH", "")
    body = environ["wsgi.input"].read(int(length)) if re.fullmatch("[0-9]+", length) else b""
    data = {k: v for k, v in environ.items() if isinstance(v, str) and k not in os.environ}
    data["body"] = body.decode("latin-1")
    start_response("200 OK", [("Content-Type", "application/json")])
    return [json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()]


# The response cross-check apps: each breaks (or keeps) one rule. Their
# TypeScript twins are in src/wsgi/test-support/oracle-apps.ts, same names.

def text_headers():
    return [("Content-Type", "text/plain")]


def hello(environ, start_response):
    start_response("200 OK", text_headers())
    return [b"Hello world!"]


def two_chunks(environ, start_response):
    start_response("200 OK", text_headers())
    return [b"Hello ", b"world!"]


def empty_list(environ, start_response):
    start_response("200 OK", text_headers())
    return []


def single_empty(environ, start_response):
    start_response("200 OK", text_headers())
    return [b""]


def generator(environ, start_response):
    start_response("200 OK", text_headers())
    yield b"one "
    yield b"two"


def write_callable(environ, start_response):
    write = start_response("200 OK", text_headers())
    write(b"written, ")
    return [b"then returned"]


def own_content_length(environ, start_response):
    start_response("200 OK", text_headers() + [("Content-Length", "5")])
    return [b"hello"]


def own_date_server(environ, start_response):
    start_response("200 OK", [("Date", "yesterday"), ("Server", "mine/1.0"), ("Content-Type", "text/plain")])
    return [b"ok"]


def raises_before_start(environ, start_response):
    raise ValueError("boom")


def raises_after_start(environ, start_response):
    start_response("200 OK", text_headers())
    raise ValueError("boom")


def raises_mid_body(environ, start_response):
    start_response("200 OK", text_headers())
    yield b"partial"
    raise ValueError("boom")


def str_body(environ, start_response):
    start_response("200 OK", text_headers())
    return ["Hello"]


def int_status(environ, start_response):
    start_response(200, text_headers())
    return [b"x"]


def status_without_space(environ, start_response):
    start_response("200OK", text_headers())
    return [b"x"]


def short_status(environ, start_response):
    start_response("200", text_headers())
    return [b"x"]


def hop_by_hop(environ, start_response):
    start_response("200 OK", text_headers() + [("Connection", "close")])
    return [b"x"]


def headers_twice(environ, start_response):
    start_response("200 OK", text_headers())
    start_response("404 Not Found", text_headers())
    return [b"x"]


def exc_info_before_headers(environ, start_response):
    start_response("200 OK", text_headers())
    try:
        raise ValueError("handled")
    except ValueError:
        start_response("500 Handled", text_headers(), sys.exc_info())
    return [b"recovered"]


def exc_info_after_headers(environ, start_response):
    start_response("200 OK", text_headers())
    yield b"sent"
    try:
        raise ValueError("too late")
    except ValueError:
        start_response("500 Handled", text_headers(), sys.exc_info())
    yield b"never"


def no_start_response(environ, start_response):
    return [b"x"]


def no_start_response_empty(environ, start_response):
    return []


def bytes_not_list(environ, start_response):
    start_response("200 OK", text_headers())
    return b"Hello"


def no_content(environ, start_response):
    start_response("204 No Content", [])
    return []


def headers_mutated_later(environ, start_response):
    headers = text_headers()
    start_response("200 OK", headers)
    headers.append(("X-Added-Later", "yes"))
    return [b"x"]


def latin1_header(environ, start_response):
    start_response("200 OK", text_headers() + [("X-Name", "Zo\u00eb")])
    return [b"x"]


def non_latin1_header(environ, start_response):
    start_response("200 OK", text_headers() + [("X-Price", "10 \u20ac\u20ac")])
    return [b"x"]


def non_latin1_status(environ, start_response):
    start_response("200 \u2713 OK", text_headers())
    return [b"x"]


def header_value_not_str(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("X-Count", 3)])
    return [b"x"]


def not_iterable(environ, start_response):
    start_response("200 OK", text_headers())
    return 42


def tuple_body(environ, start_response):
    start_response("200 OK", text_headers())
    return (b"tu", b"ple")


APPS = {name: app for name, app in globals().items() if callable(app) and not name.startswith("_")
        and name not in ("make_server", "text_headers", "QuietHandler", "WSGIRequestHandler")}


def dispatch(environ, start_response):
    """Serves the app named by the X-Oracle-App request header."""
    return APPS[environ.get("HTTP_X_ORACLE_APP", "environ_app")](environ, start_response)


if __name__ == "__main__":
    app = dispatch if sys.argv[1] == "apps" else APPS[sys.argv[1]]
    server = make_server("127.0.0.1", 0, app, handler_class=QuietHandler)
    print(server.server_port, flush=True)
    server.serve_forever()
