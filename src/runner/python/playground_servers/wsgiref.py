"""CPython's wsgiref, as the module builds it: ``make_server(host, port, app, server_class, handler_class)``.

The user's ``WSGIServer`` and ``WSGIRequestHandler`` subclasses run as they
are; the ``ServerHandler`` their ``handle()`` makes is the playground's
subclass (wsgiref's handler looks the class up in its module when it runs),
which watches whatever app the handler passes it, notes when the headers
went out, tells the page how a slow response goes, and logs what broke in
the server as wsgiref logs it, less the playground's frames.
"""

import time
import wsgiref.simple_server as simple_server
from wsgiref.handlers import format_date_time

import playground_observe as observing
from playground_load import clean_traceback
from playground_where import running_line, traceback_location


NAME = "wsgiref"
"""The server's name, as the page shows it."""


def serves(server):
    """Whether `server` is wsgiref's (or the user's subclass of it)."""
    return isinstance(server, simple_server.WSGIServer)


def app_of(server):
    """The app the server serves, or None when it was given none."""
    return server.get_app()


APP_ATTRIBUTE = None
"""Nothing to swap: the handler's ServerHandler watches the app it is handed (and mounts it)."""


class ObservedHandler(simple_server.ServerHandler):
    """wsgiref's ServerHandler, noting when the headers went out and what broke in the server."""

    # Pyodide's os.environ (USER, PYTHONINSPECT, …) is no server's environment.
    os_environ = {}

    def run(self, application):
        # Whatever handler class the server has, the app it calls is watched.
        if observing.recorder is not None:
            application = observing.observe(application, observing.recorder)
        return super().run(application)

    def add_cgi_vars(self):
        super().add_cgi_vars()
        observing.mount_environ(self.environ)

    def send_headers(self):
        super().send_headers()
        if observing.recorder is not None:
            observing.recorder.event("headers-sent")
        if observing.progress is not None and self.client_is_modern():
            # What send_preamble put before the app's headers.
            sent = [("Date", format_date_time(time.time())), ("Server", self.server_software)]
            sent = [h for h in sent if h[0] not in self.headers] + list(self.headers.items())
            observing.progress.headers(self.status, sent)

    def write(self, data):
        super().write(data)
        if observing.progress is not None:
            observing.progress.body(data)

    def log_exception(self, exc_info):
        error = exc_info[1]
        if observing.recorder is not None and isinstance(error, KeyboardInterrupt):
            observing.recorder.interrupted = running_line(exc_info[2])
        if observing.recorder is not None:
            observing.recorder.event("exception", message=f"{type(error).__name__}: {error}")
            observing.recorder.finding(
                "error",
                "handlers",
                f"{type(error).__name__}: {error}",
                # Raised in wsgiref reading the body: the body came from the app's return.
                traceback_location(exc_info[2]) or observing.recorder.returned_at,
            )
        # The traceback python3's wsgiref would log: no frame of the playground's in it.
        super().log_exception((exc_info[0], error, clean_traceback(exc_info[2])))


def install():
    """From now on, wsgiref's handlers run the app through ObservedHandler."""
    simple_server.ServerHandler = ObservedHandler
