# Middleware: catch what the app raises, log the traceback to wsgi.errors
# and answer with a 500 page of its own. The app had already called
# start_response, so the catcher passes exc_info: PEP 3333's way to replace
# headers that are not sent yet. Try / and /boom.
import sys
import traceback
from wsgiref.simple_server import make_server


def catch_errors(app):
    def catcher(environ, start_response):
        try:
            return list(app(environ, start_response))
        except Exception:
            traceback.print_exc(file=environ["wsgi.errors"])
            start_response(
                "500 Internal Server Error", [("Content-Type", "text/plain")], sys.exc_info()
            )
            return [b"Something broke. The traceback is in the Errors log.\n"]

    return catcher


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    if environ["PATH_INFO"] == "/boom":
        raise ValueError("boom")
    return [b"Fine. Try /boom.\n"]


make_server("", 8000, catch_errors(app)).serve_forever()
