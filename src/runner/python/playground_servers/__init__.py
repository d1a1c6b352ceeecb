"""The server that answers the playground's requests: the one the user's code built.

``wsgiref.simple_server.make_server(host, port, app, server_class,
handler_class)`` runs as it does under ``python3 app.py``: the user's
subclasses of ``WSGIServer`` and ``WSGIRequestHandler`` are built and called
(``__init__``, ``server_bind``, ``setup_environ``, ``set_app``,
``get_environ``, ``handle``, ``log_message``, ``get_stderr``), over a socket
in memory (``memory``; ``wsgiref``). Python Paste's ``httpserver.serve``
runs Paste's own server the same way (``paste``), and Werkzeug's
``run_simple`` (Flask's ``app.run()``) and ``make_server`` run Werkzeug's
(``werkzeug``). A module that starts no server but names its app
(``application``, ``app``) is served by a stock ``make_server('', 8000,
app)``, as ``python3 -m wsgiref``-style hosts serve a module's app.

The virtual host of each request (the panel's Host field, the preview's
origin) stands in for the address the server was bound to: ``SERVER_NAME``
and ``SERVER_PORT`` are the host's.
"""

import http.server
import wsgiref.simple_server as simple_server

import playground_observe as observing
from playground_servers import cheroot, gunicorn, memory, paste, unused, waitress, werkzeug, wsgiref

memory.install()
wsgiref.install()

_ADAPTERS = (wsgiref, paste, werkzeug, waitress, gunicorn, cheroot)
"""The servers the playground knows: each says whether a server is its own (``serves``), the
app it serves (``app_of``), the attribute to swap for the watched app (``APP_ATTRIBUTE``; None:
it watches by itself), and where it differs from a socketserver server, how it takes the
request's virtual host (``virtual_host``) and serves a connection (``handle``)."""

_request_version = None
"""The HTTP version of the request line the last handler parsed (None: it parsed none)."""

_parse_request = http.server.BaseHTTPRequestHandler.parse_request


def _parse_request_noted(self):
    global _request_version
    try:
        return _parse_request(self)
    finally:
        _request_version = getattr(self, "request_version", None)


_parse_request_noted.__name__ = _parse_request_noted.__qualname__ = "parse_request"
_parse_request_noted.__doc__ = _parse_request.__doc__
http.server.BaseHTTPRequestHandler.parse_request = _parse_request_noted


def forget():
    """A new build: no server is started yet, nothing said of one."""
    memory.forget()
    unused.forget()


def _start_wsgiref(app):
    simple_server.make_server("", 8000, app).serve_forever()


def _start_paste(app):
    from paste import httpserver

    httpserver.serve(app, host="127.0.0.1", port="8080")


def _start_werkzeug(app):
    from werkzeug.serving import run_simple

    # What Flask's app.run() starts: threaded, at Flask's default address.
    run_simple("127.0.0.1", 5000, app, threaded=True)


def _start_waitress(app):
    import waitress

    waitress.serve(app)


def _start_cheroot(app):
    from cheroot import wsgi

    wsgi.Server(("0.0.0.0", 8080), app).start()


CHOICES = {
    "wsgiref": ("wsgiref", "make_server('', 8000, app).serve_forever()", _start_wsgiref),
    "paste": ("Paste", "paste.httpserver.serve(app, host='127.0.0.1', port='8080')", _start_paste),
    "werkzeug": ("Werkzeug", "werkzeug.serving.run_simple('127.0.0.1', 5000, app, threaded=True)", _start_werkzeug),
    "waitress": ("Waitress", "waitress.serve(app)", _start_waitress),
    "gunicorn": ("Gunicorn", "gunicorn app:app", gunicorn.start),
    "cheroot": ("Cheroot", "cheroot.wsgi.Server(('0.0.0.0', 8080), app).start()", _start_cheroot),
}
"""The servers a project can choose instead of the one its code starts: name, how it is started, the start."""


_chosen = None
"""The project's choice of server for the build loaded last (a name of CHOICES), or None."""


def server_for(app, choice=None):
    """The server of the build just loaded: the one chosen, else the one the module started, else wsgiref's.

    `app` is the app the module names (application, app), or None; a chosen
    server serves the app of the server the module started, else that one.
    Returns (server, app); raises LookupError when there is no app, or the
    module's server has none.
    """
    global _chosen
    _chosen = None
    server = memory.started()
    adapter = _adapter(server)
    if adapter is not None:
        served = adapter.app_of(server)
        if served is None:
            raise LookupError(
                f"The {type(server).__name__} the module started has no app: "
                "give it one with make_server(host, port, app) or set_app(app)."
            )
        app = served
    if app is None:
        return None, None
    if choice in CHOICES:
        memory.forget()
        CHOICES[choice][2](app)
        _chosen = choice
        return memory.started(), app
    if server is not None and adapter is not None:
        return server, app
    return simple_server.make_server("", 8000, app), app


def serve(server, raw, server_name, server_port, remote_addr, scheme="http"):
    """One request, its exact bytes, through `server`: (the bytes it sent back, the request's HTTP version)."""
    global _request_version
    _request_version = None
    adapter = _adapter(server)
    observing.server = describe(server)["class"]
    if observing.progress is not None:
        observing.progress.from_app = adapter is not wsgiref
    getattr(adapter, "virtual_host", _virtual_host)(server, server_name, server_port, scheme)
    handle = getattr(adapter, "handle", memory.handle)
    name = adapter.APP_ATTRIBUTE if adapter is not None else None
    if name is None or observing.recorder is None:
        return handle(server, raw, (remote_addr, 0)), _request_version
    app = getattr(server, name)
    setattr(server, name, _watched(app))
    try:
        return handle(server, raw, (remote_addr, 0)), _request_version
    finally:
        setattr(server, name, app)


def describe(server):
    """Which server answers, and why: {name, class, how, at} for the page's banner.

    `how` is "chosen" (the project's Server choice), "code" (the module
    started it; `at` is where), or "default" (the module named its app and
    started no server: wsgiref's, as the playground serves such a module).
    """
    adapter = _adapter(server)
    described = {
        "name": adapter.NAME if adapter is not None else type(server).__name__,
        "class": adapter.class_of(server)
        if hasattr(adapter, "class_of")
        else f"{type(server).__module__}.{type(server).__qualname__}",
    }
    if _chosen is not None:
        return {**described, "how": "chosen"}
    at = memory.started_at()
    if memory.started() is server:
        return {**described, "how": "code", **({"at": at} if at else {})}
    return {**described, "how": "default"}


def _adapter(server):
    """The module that knows `server`'s kind, or None."""
    if server is None:
        return None
    return next((adapter for adapter in _ADAPTERS if adapter.serves(server)), None)


def _watched(app):
    """The app as a server that does not watch it by itself calls it: mounted, then observed."""
    observed = observing.observe(app, observing.recorder)

    def mounted(environ, start_response):
        observing.mount_environ(environ)
        return observed(environ, start_response)

    return mounted


def _virtual_host(server, name, port, scheme):
    """The request's virtual host as the server's own address (what server_bind would have found)."""
    server.server_name = name
    server.server_port = port
    # Paste reads SERVER_NAME and SERVER_PORT from the address the server was bound to.
    server.server_address = (name, int(port)) + tuple(server.server_address[2:])
    environ = getattr(server, "base_environ", None)
    if not isinstance(environ, dict):
        return
    environ["SERVER_NAME"] = name
    environ["SERVER_PORT"] = str(port)
    if scheme == "https":
        environ["HTTPS"] = "on"
        server._playground_https = True
    elif getattr(server, "_playground_https", False):
        environ.pop("HTTPS", None)
        server._playground_https = False
