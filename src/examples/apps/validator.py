# Middleware: wsgiref.validate's validator wraps an app and raises at the
# first PEP 3333 fault, with CPython's message. This app forgets the
# Content-Type header: the 500's traceback (Errors log) names the rule.
from wsgiref.simple_server import make_server
from wsgiref.validate import validator


def app(environ, start_response):
    start_response("200 OK", [])
    return [b"Where is my Content-Type?"]


make_server("", 8000, validator(app)).serve_forever()
