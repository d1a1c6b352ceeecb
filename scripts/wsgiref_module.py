"""Runs a WSGI module as `python3 FILE` runs it, for the end-to-end tests:
CPython's own wsgiref.simple_server, but on 127.0.0.1 at an ephemeral port,
whatever host and port the module asks for; a module that only defines
`application` or `app` is served too. Prints `PORT <n>` on a line of
its own when the server is up, then serves until killed. `paste.httpserver`
(which the seeds use, and the machine may not have) serves through the same
make_server, as Paste's does through its own server.

    python3 scripts/wsgiref_module.py path/to/app.py
"""
import os
import runpy
import sys
import types
import wsgiref.simple_server as simple_server

_real_make_server = simple_server.make_server


class QuietHandler(simple_server.WSGIRequestHandler):
    def log_message(self, *args):
        pass


_served = []


def make_server(host, port, app, server_class=simple_server.WSGIServer,
                handler_class=QuietHandler):
    _served.append(app)
    server = _real_make_server("127.0.0.1", 0, app, server_class, handler_class)
    print(f"PORT {server.server_port}", flush=True)
    return server


def serve(application, host=None, port=None, **options):
    make_server(host, port, application).serve_forever()


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
paste = types.ModuleType("paste")
paste.httpserver = types.ModuleType("paste.httpserver")
paste.httpserver.serve = serve
sys.modules["paste"] = paste
sys.modules["paste.httpserver"] = paste.httpserver

if __name__ == "__main__":
    path = sys.argv[1]
    sys.argv = [path]
    # As `python3 FILE` has it: the file's folder first on the import path.
    sys.path[0] = os.path.dirname(os.path.abspath(path))
    namespace = runpy.run_path(path, run_name="__main__")
    # A module that only defines its app (as for mod_wsgi) is served as the playground serves it.
    if not _served:
        make_server("", 0, namespace.get("application") or namespace["app"]).serve_forever()
