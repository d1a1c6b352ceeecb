"""Runs a WSGI module as `python3 FILE` runs it, for the tests: the server
it builds (wsgiref's make_server with its classes, Paste's httpserver.serve),
but on 127.0.0.1 at an ephemeral port, whatever host and port the module
asks for; a module that only defines `application` or `app` is served too.
Prints `PORT <n>` on a line of its own when the server is up, then serves
until killed.

    python3 scripts/wsgiref_module.py path/to/app.py
"""
import os
import runpy
import socketserver
import sys
import wsgiref.simple_server as simple_server

_real_make_server = simple_server.make_server
_real_init = socketserver.TCPServer.__init__


def _init(self, server_address, RequestHandlerClass, bind_and_activate=True):
    """Every server on 127.0.0.1 at a port of the system's choosing, said once bound."""
    _real_init(self, ("127.0.0.1", 0), RequestHandlerClass, bind_and_activate)
    if bind_and_activate:
        # Listening before the port is said (Paste's server_activate does not listen; it does after).
        self.socket.listen(5)
    _served.append(self)
    print(f"PORT {self.server_address[1]}", flush=True)


socketserver.TCPServer.__init__ = _init


class QuietHandler(simple_server.WSGIRequestHandler):
    def log_message(self, *args):
        pass


_served = []


def make_server(host, port, app, server_class=simple_server.WSGIServer,
                handler_class=QuietHandler):
    return _real_make_server(host, port, app, server_class, handler_class)


def run_simple(hostname, port, application, use_reloader=False, use_debugger=False,
               use_evalex=True, **options):
    """Werkzeug's run_simple (what Flask's app.run() calls), on wsgiref's server like the rest."""
    if use_debugger:
        from werkzeug.debug import DebuggedApplication

        application = DebuggedApplication(application, evalex=use_evalex)
    make_server(hostname, port, application).serve_forever()


simple_server.make_server = make_server
try:  # Only when the frameworks are on the import path (PYTHONPATH).
    import werkzeug.serving
except ImportError:
    pass
else:
    werkzeug.serving.run_simple = run_simple
    werkzeug.serving.make_server = lambda host, port, app, *args, **kwargs: make_server(host, port, app)

if __name__ == "__main__":
    path = sys.argv[1]
    sys.argv = [path]
    # As `python3 FILE` has it: the file's folder first on the import path.
    sys.path[0] = os.path.dirname(os.path.abspath(path))
    namespace = runpy.run_path(path, run_name="__main__")
    # A module that only defines its app (as for mod_wsgi) is served as the playground serves it.
    if not _served:
        make_server("", 0, namespace.get("application") or namespace["app"]).serve_forever()
