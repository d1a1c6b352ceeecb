# Middleware: log each request and its status to wsgi.errors (the Errors
# log), by wrapping start_response. The app itself is untouched.
import time
from wsgiref.simple_server import make_server


def logging(app):
    def middleware(environ, start_response):
        started = time.perf_counter()

        def logged(status, headers, exc_info=None):
            took = (time.perf_counter() - started) * 1000
            environ["wsgi.errors"].write(
                f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']} -> {status} ({took:.2f} ms)\n"
            )
            return start_response(status, headers, exc_info)

        return app(environ, logged)

    return middleware


def hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"Logged. Look at the Errors log.\n"]


make_server("", 8000, logging(hello)).serve_forever()
