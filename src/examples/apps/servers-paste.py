# The second seed's server, as it starts it: Paste's own httpserver.serve().
# Paste builds the environ by its own rules, not wsgiref's: see what this app
# gets, then open Servers to see the same request through every server.
from paste import httpserver

SHOWN = ("REQUEST_METHOD", "PATH_INFO", "QUERY_STRING", "CONTENT_TYPE", "CONTENT_LENGTH", "SERVER_SOFTWARE")


def application(environ, start_response):
    lines = [f"{key} = {environ[key]!r}" if key in environ else f"{key}: not set" for key in SHOWN]
    lines += [f"{key} (Paste's own key)" for key in sorted(environ) if key.startswith("paste.")]
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return ["\n".join(lines).encode() + b"\n"]


if __name__ == "__main__":
    httpserver.serve(application, host="", port="8000")
