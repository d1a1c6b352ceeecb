"""CPython's wsgiref.simple_server, serving one of the oracle apps on
127.0.0.1 at an ephemeral port, for the cross-check tests. Prints the port
on the first line of stdout, then serves until killed.

    python3 scripts/wsgiref_oracle.py environ     # echoes environ as JSON
"""
import json
import os
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


APPS = {"environ": environ_app}

if __name__ == "__main__":
    server = make_server("127.0.0.1", 0, APPS[sys.argv[1]], handler_class=QuietHandler)
    print(server.server_port, flush=True)
    server.serve_forever()
