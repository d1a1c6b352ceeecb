"""Runs a WSGI module as `python3 FILE` runs it, for the tests: the server
it builds (wsgiref's make_server with its classes, Paste's httpserver.serve,
Werkzeug's run_simple and make_server, Waitress's serve, Cheroot's start), but on 127.0.0.1 at an ephemeral
port, whatever host and port the module asks for; a module that only
defines `application` or `app` is served too. Werkzeug's reloader runs its
child's part in this process (as the playground does), not in a child.
Prints `PORT <n>` on a line of its own when the server is up, then serves
until killed.

    python3 scripts/wsgiref_module.py path/to/app.py [--server gunicorn]

With `--server gunicorn`, a module that starts no server has its app served
as `gunicorn app:app` serves it.
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
        _said(self)


def _said(server):
    _served.append(server)
    print(f"PORT {server.server_address[1]}", flush=True)


socketserver.TCPServer.__init__ = _init


class QuietHandler(simple_server.WSGIRequestHandler):
    def log_message(self, *args):
        pass


_served = []


def make_server(host, port, app, server_class=simple_server.WSGIServer,
                handler_class=QuietHandler):
    return _real_make_server(host, port, app, server_class, handler_class)


simple_server.make_server = make_server
try:  # Only when the frameworks are on the import path (PYTHONPATH).
    import werkzeug._reloader
    import werkzeug.serving
except ImportError:
    pass
else:
    _real_prepare_socket = werkzeug.serving.prepare_socket
    _real_werkzeug_init = werkzeug.serving.BaseWSGIServer.__init__

    def _prepare_socket(hostname, port):
        return _real_prepare_socket("127.0.0.1", 0)

    def _werkzeug_init(self, host, port, app, *args, **kwargs):
        # Bound by the TCPServer above when it has no socket from prepare_socket; said once it has one.
        _real_werkzeug_init(self, "127.0.0.1", 0, app, *args, **kwargs)
        _said(self)

    def _run_with_reloader(main_func, **kwargs):
        # The child's part, in this process: serve, told it runs under the reloader.
        os.environ["WERKZEUG_RUN_MAIN"] = "true"
        main_func()

    werkzeug.serving.prepare_socket = _prepare_socket
    werkzeug.serving.BaseWSGIServer.__init__ = _werkzeug_init
    werkzeug._reloader.run_with_reloader = _run_with_reloader

try:
    import waitress
    import waitress.server
except ImportError:
    pass
else:
    _real_create_server = waitress.server.create_server

    def _create_server(application, map=None, **kw):
        for key in ("listen", "host", "port", "unix_socket", "sockets"):
            kw.pop(key, None)
        server = _real_create_server(application, map, host="127.0.0.1", port=0, **kw)
        _served.append(server)
        print(f"PORT {server.effective_port}", flush=True)
        return server

    waitress.server.create_server = waitress.create_server = _create_server

try:
    import cheroot.server
except ImportError:
    pass
else:
    _real_prepare = cheroot.server.HTTPServer.prepare

    def _prepare(self):
        self.bind_addr = ("127.0.0.1", 0)
        _real_prepare(self)
        _served.append(self)
        print(f"PORT {self.bind_addr[1]}", flush=True)

    cheroot.server.HTTPServer.prepare = _prepare


def gunicorn(app):
    """`gunicorn app:app` for a module's app: Gunicorn's own arbiter and one sync worker, on a port of its own."""
    try:
        import pkg_resources  # noqa: F401 (Gunicorn imports it; it loads nothing by it here)
    except ImportError:
        import types

        sys.modules["pkg_resources"] = types.ModuleType("pkg_resources")
    from gunicorn.app.base import BaseApplication

    class Application(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", "127.0.0.1:0")
            self.cfg.set("workers", 1)
            self.cfg.set("when_ready", lambda arbiter: print(
                f"PORT {arbiter.LISTENERS[0].getsockname()[1]}", flush=True))

        def load(self):
            return app

    Application().run()


if __name__ == "__main__":
    path = sys.argv[1]
    chosen = sys.argv[3] if sys.argv[2:3] == ["--server"] else None
    sys.argv = [path]
    # As `python3 FILE` has it: the file's folder first on the import path.
    sys.path[0] = os.path.dirname(os.path.abspath(path))
    namespace = runpy.run_path(path, run_name="__main__")
    app = namespace.get("application") or namespace.get("app")
    if chosen == "gunicorn":
        # Chosen on the command line, for a module that starts no server of its own.
        assert not _served, "the module started a server: the harness serves a module's app only"
        gunicorn(app)
    # A module that only defines its app (as for mod_wsgi) is served as the playground serves it.
    elif not _served:
        make_server("", 0, app).serve_forever()
