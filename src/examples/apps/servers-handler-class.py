# The third seed: "subclass this class and supply it as a handler_class to the
# make_server() function". The server's classes are yours to change: the
# handler adds an environ key and logs its own way, the server adds a key to
# every request's environ. They run here as under python3.
import sys
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class Handler(WSGIRequestHandler):
    def get_environ(self):
        environ = super().get_environ()
        environ["myapp.handler"] = type(self).__name__
        return environ

    def log_message(self, format, *args):
        sys.stderr.write("[myapp] %s\n" % (format % args))


class Server(WSGIServer):
    def setup_environ(self):
        super().setup_environ()
        self.base_environ["myapp.server"] = type(self).__name__


def application(environ, start_response):
    mine = [f"{key} = {value!r}" for key, value in sorted(environ.items()) if key.startswith("myapp.")]
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return ["\n".join(mine).encode() + b"\n"]


if __name__ == "__main__":
    httpd = make_server("", 8000, application, server_class=Server, handler_class=Handler)
    print("Serving on port 8000...")
    httpd.serve_forever()
