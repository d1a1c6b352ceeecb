# A client with a large upload may ask first: "Expect: 100-continue". Werkzeug's
# server answers "100 Continue" before the app runs, then the response (the
# note under the status says so); wsgiref, which speaks HTTP/1.0, never does,
# and the client sends its body after a wait. Open Servers to compare.
from werkzeug.serving import run_simple


def application(environ, start_response):
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return [b"Received %d bytes after: Expect: %s\n" % (len(body), environ.get("HTTP_EXPECT", "").encode())]


if __name__ == "__main__":
    run_simple("localhost", 8000, application)
