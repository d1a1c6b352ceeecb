"""Werkzeug's development server, run by its own code: what ``app.run()`` and ``run_simple`` start.

``werkzeug.serving`` runs unchanged over the playground's socket in memory:
``prepare_socket`` makes a listener, ``WERKZEUG_SERVER_FD`` passes its
number on, ``make_server`` finds it again with ``socket.fromfd``, and its
``WSGIRequestHandler`` answers every request (the environ, the status line,
the headers, the chunked body and the request log are Werkzeug's). A
``ThreadedWSGIServer`` runs each request on the one thread there is.

Only the reloader is the playground's: with ``debug=True`` it would start a
child process that runs ``run_simple`` again and serves. Here that second
run happens in place, told it is the child (``WERKZEUG_RUN_MAIN``), so the
log says what ``python3 app.py`` prints: `` * Restarting with stat``, then
the debugger's PIN, and the child's server is the one that answers.
"""

import functools
import os
import sys

from playground_servers import memory, unused


class _Restart(Exception):
    """The reloader would start a child process here: run_simple runs again as that child."""


def patch(serving):
    """Werkzeug's serving module, once imported: its sockets are in memory, its reloader restarts in place."""
    serving.socket = memory.SocketModule()
    unused.watch(serving, "make_server", NAME, unused.WERKZEUG)
    unused.watch(serving, "run_simple", NAME, unused.WERKZEUG)
    real_run_simple = serving.run_simple

    @functools.wraps(real_run_simple)
    def run_simple(*args, **kwargs):
        try:
            real_run_simple(*args, **kwargs)
        except _Restart:
            # The reloader's child: the same call, told it runs under the reloader.
            os.environ["WERKZEUG_RUN_MAIN"] = "true"
            try:
                real_run_simple(*args, **kwargs)
            finally:
                os.environ.pop("WERKZEUG_RUN_MAIN", None)
        finally:
            os.environ.pop("WERKZEUG_SERVER_FD", None)

    serving.run_simple = run_simple


def patch_reloader(reloader):
    """Werkzeug's reloader, once imported: instead of a child process, run_simple runs again (above)."""

    def run_with_reloader(main_func, extra_files=None, exclude_patterns=None, interval=1,
                          reloader_type="auto"):
        if os.environ.get("WERKZEUG_RUN_MAIN") == "true":
            return main_func()
        from werkzeug._internal import _log

        _log("info", f" * Restarting with {reloader.reloader_loops[reloader_type].name}")
        raise _Restart()

    reloader.run_with_reloader = run_with_reloader


NAME = "Werkzeug"
"""The server's name, as the page shows it."""


def serves(server):
    """Whether `server` is one of Werkzeug's."""
    serving = sys.modules.get("werkzeug.serving")
    return serving is not None and isinstance(server, serving.BaseWSGIServer)


APP_ATTRIBUTE = "app"
"""The server's attribute that holds the app it calls: swapped for the watched app while a request is served."""


def app_of(server):
    """The app the server serves."""
    return server.app
