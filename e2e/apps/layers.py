"""The stack of the Layers view's tests: tag → upper → Mount → inner (outermost first)."""

from wsgiref.util import shift_path_info


def add_header(app):
    def tag(environ, start_response):
        def tagged(status, headers, exc_info=None):
            return start_response(status, headers + [("X-Layer", "tag")], exc_info)
        return app(environ, tagged)
    return tag


def upper(environ, start_response):
    for chunk in mount(environ, start_response):
        yield chunk.upper()


class Mount:
    def __init__(self, prefix, app):
        self.prefix, self.app = prefix, app

    def __call__(self, environ, start_response):
        if shift_path_info(environ) != self.prefix:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        return self.app(environ, start_response)


class Closing:
    def __init__(self, chunks):
        self.chunks = chunks
        self.closed = False

    def __iter__(self):
        return iter(self.chunks)

    def close(self):
        self.closed = True


def inner(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return Closing([environ["PATH_INFO"].encode(), b" ", repr(environ["SCRIPT_NAME"]).encode()])


mount = Mount("api", inner)
application = add_header(upper)
