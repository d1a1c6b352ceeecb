"""Gunicorn, run by its own code: what ``gunicorn app:app`` serves, one sync worker.

Gunicorn is started from a command line, not from the module, so it answers
when the project's **Server** is Gunicorn: the module runs, and the app it
names (or the one its own server would serve) is handed to Gunicorn's
``SyncWorker``, configured as ``gunicorn app:app`` configures it (bound to
127.0.0.1:8000). Each request is that worker's ``handle()`` over a socket
in memory: Gunicorn's parser (its 400s, its limits), its environ, its
``Response`` (chunking, ``Connection: close``, ``Server: gunicorn``), its
error pages. The arbiter's start-up lines are logged as it logs them.

The arbiter itself (signals, forking workers, their heartbeat) is not run:
there is one process, and the worker is built in it. Gunicorn imports
modules WebAssembly CPython lacks (``fcntl``, ``pwd``, ``grp``, ``ssl``)
and ``pkg_resources``; while it is imported, stand-ins answer for them
(``standins``), and are gone again afterwards.
"""

import os

from playground_servers import memory, standins


class GunicornServer:
    """One sync worker of ``gunicorn app:app``, listening in memory."""

    def __init__(self, app, bind="127.0.0.1:8000"):
        with standins.installed():
            from gunicorn import __version__
            from gunicorn.config import Config
            from gunicorn.glogging import Logger
            from gunicorn.workers.sync import SyncWorker

            self.cfg = Config()
            self.cfg.set("bind", [bind])
            self.log = Logger(self.cfg)
            host, port = bind.rsplit(":", 1)
            self.listener = memory.MemoryListener()
            self.listener.bind((host, int(port)))
            self.app = app
            self.version = __version__
            self.worker = SyncWorker(
                1, os.getpid(), [self.listener], None, self.cfg.timeout, self.cfg, self.log
            )
            self.worker.pid = os.getpid()
            self.worker.wsgi = app

    def start(self):
        """What the arbiter logs as it starts and boots its worker."""
        log, pid = self.log, os.getpid()
        log.info("Starting gunicorn %s", self.version)
        log.info("Listening at: http://%s:%d (%s)", *self.listener.getsockname(), pid)
        log.info("Using worker: %s", self.cfg.worker_class_str)
        log.info("Booting worker with pid: %s", pid)


def start(app):
    """Serve `app` as ``gunicorn app:app`` would, and make Gunicorn the one that answers."""
    server = GunicornServer(app)
    server.start()
    memory.serve_forever(server)
    return server


NAME = "Gunicorn"
"""The server's name, as the page shows it."""


def serves(server):
    """Whether `server` is Gunicorn's."""
    return isinstance(server, GunicornServer)


APP_ATTRIBUTE = "app"
"""The server's attribute that holds the app it calls: swapped for the watched app while a request is served."""


def class_of(server):
    """What answers: Gunicorn's worker (the server object here is the playground's, holding it)."""
    worker = type(server.worker)
    return f"{worker.__module__}.{worker.__qualname__}"


def app_of(server):
    """The app the server serves."""
    return server.app


def virtual_host(server, name, port, scheme):
    """The request's host as the address Gunicorn is bound to (its SERVER_NAME and SERVER_PORT)."""
    server.listener.address = (name, int(port))


def handle(server, data, client_address):
    """One connection through the worker: the bytes it sent back."""
    connection = memory.MemorySocket(data, server.listener.getsockname(), client_address)
    server.worker.wsgi = server.app
    server.worker.handle(server.listener, connection, client_address)
    return bytes(connection.sent)
