# Middleware: gzip the body when the client accepts it. It must see the
# whole body first, so it collects the chunks, then sets Content-Encoding
# and Content-Length. Send with and without "Accept-Encoding: gzip".
import gzip
from wsgiref.headers import Headers
from wsgiref.simple_server import make_server


def gzipped(app):
    def middleware(environ, start_response):
        if "gzip" not in environ.get("HTTP_ACCEPT_ENCODING", ""):
            return app(environ, start_response)
        answer = {}
        chunks = []

        def collect(status, headers, exc_info=None):
            answer["status"], answer["headers"] = status, Headers(list(headers))
            return chunks.append

        body = app(environ, collect)
        try:
            chunks.extend(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        # mtime=0: the same body compresses to the same bytes every time.
        compressed = gzip.compress(b"".join(chunks), mtime=0)
        headers = answer["headers"]
        headers["Content-Encoding"] = "gzip"
        headers["Content-Length"] = str(len(compressed))
        headers.add_header("Vary", "Accept-Encoding")
        start_response(answer["status"], headers.items())
        return [compressed]

    return middleware


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [("WSGI middleware can rewrite a whole response. " * 20 + "\n").encode()]


make_server("", 8000, gzipped(app)).serve_forever()
