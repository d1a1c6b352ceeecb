"""The frameworks a project imports (Flask, Werkzeug, Bottle, WebOb), as the playground runs them.

They come from Debian's archive at build time (scripts/frameworks.ts), one
zip per stack, unpacked into site-packages when a project's files import
one of their modules (``wanted``). Their own code runs unchanged, but for
the servers that would open a socket and block forever:

- ``werkzeug.serving.run_simple`` (what ``app.run()`` calls) runs
  Werkzeug's own code — the debugger wrapped round the app, the startup
  lines it logs, the reloader's restart — with a server that has no socket:
  its ``serve_forever()`` registers the app and returns, as wsgiref's
  ``make_server`` does here. With the reloader on (``debug=True``), the
  restart runs ``run_simple`` again as the child process would, so the log
  says what ``python3 app.py`` prints: `` * Restarting with stat``, then
  the debugger's PIN.
- ``werkzeug.serving.make_server(...)`` returns that server.
- ``bottle.run()`` needs nothing: its default server is wsgiref's
  ``make_server``, which the playground already replaced.
"""

import ast
import functools
import importlib.abc
import os
import socket
import sys

import playground_load
import playground_precompiled  # noqa: F401 (its finder: the stacks' compiled standard-library modules)
from playground_load import PROJECT

_expected = {}
"""Every module a stack of this build provides, or would: name -> the stack's title."""

_reason = None
"""Why this build has no frameworks, when it has none."""


def configure(expected, reason):
    """What the build's manifest says: the modules of each stack, and why there are none, if so."""
    global _expected, _reason
    _expected = dict(expected)
    _reason = reason or None


def wanted():
    """The stacks' modules the project's files import (top-level names), sorted.

    Every .py file counts, imported or not, as Pyodide's own loader does: an
    import inside a function loads its stack too. A file that does not parse
    is skipped; its SyntaxError comes when it runs.
    """
    names = set()
    for root, dirs, files in os.walk(PROJECT):
        for name in files:
            if not name.endswith(".py"):
                continue
            try:
                with open(os.path.join(root, name), "rb") as source:
                    tree = ast.parse(source.read())
            except (SyntaxError, ValueError):
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names.add(node.module.split(".")[0])
    return sorted(name for name in names if name in _expected)


def missing_hint(top):
    """For `No module named 'flask'` in a build without frameworks: why, and how to get them."""
    if top not in _expected or _reason is None:
        return None
    return (
        f"{top} comes with {_expected[top]}, which this build of the playground does not have: "
        f"{_reason}. The frameworks are fetched from Debian's archive when the playground is built "
        "on Debian or Ubuntu (`npm start`, or `npm run frameworks` before a build); as a user other "
        "than root, run `sudo apt-get update` once first."
    )


# ---- Werkzeug's servers, with no socket -------------------------------------


class _Restart(Exception):
    """The reloader would start a child process here: run_simple runs again as that child."""


class _NoSocket:
    """What prepare_socket() returns: run_simple only asks for its number and lets go of it."""

    def fileno(self):
        return -1

    def detach(self):
        return -1


class WerkzeugServer:
    """What werkzeug.serving.make_server() returns here: its startup log, and no socket.

    ``serve_forever()`` registers the app and returns. ``log_startup`` is
    Werkzeug's own method, so the lines are its own.
    """

    address_family = socket.AF_INET

    def __init__(self, serving, host, port, app, ssl_context=None):
        self.host = host
        self.port = port
        self.server_address = (host, port)
        self.app = app
        self.ssl_context = ssl_context
        self._log_startup = serving.BaseWSGIServer.log_startup

    def log_startup(self):
        self._log_startup(self)

    def serve_forever(self, poll_interval=0.5):
        playground_load.register(self.app)

    def shutdown(self):
        pass

    def server_close(self):
        pass


def _patch_serving(serving):
    real_run_simple = serving.run_simple

    def make_server(host, port, app, threaded=False, processes=1, request_handler=None,
                    passthrough_errors=False, ssl_context=None, fd=None):
        return WerkzeugServer(serving, host, port, app, ssl_context)

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

    serving.prepare_socket = lambda hostname, port: _NoSocket()
    serving.make_server = make_server
    serving.run_simple = run_simple


def _patch_reloader(reloader):
    def run_with_reloader(main_func, extra_files=None, exclude_patterns=None, interval=1,
                          reloader_type="auto"):
        if os.environ.get("WERKZEUG_RUN_MAIN") == "true":
            return main_func()
        from werkzeug._internal import _log

        _log("info", f" * Restarting with {reloader.reloader_loops[reloader_type].name}")
        raise _Restart()

    reloader.run_with_reloader = run_with_reloader


def _patch_paste(httpserver):
    from playground_servers import paste

    paste.patch(httpserver)


_PATCHES = {
    "werkzeug.serving": _patch_serving,
    "werkzeug._reloader": _patch_reloader,
    "paste.httpserver": _patch_paste,
}


class _PatchingLoader(importlib.abc.Loader):
    """A module's own loader, and the playground's change once the module has run."""

    def __init__(self, loader, patch):
        self._loader = loader
        self._patch = patch

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        self._patch(module)

    def __getattr__(self, name):
        # get_source, get_filename, ...: tracebacks and inspect ask the real loader.
        return getattr(self._loader, name)


class _PatchingFinder(importlib.abc.MetaPathFinder):
    """Finds the modules the playground changes with the other finders, and wraps their loader."""

    def find_spec(self, name, path, target=None):
        patch = _PATCHES.get(name)
        if patch is None:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                spec.loader = _PatchingLoader(spec.loader, patch)
                return spec
        return None


if not any(isinstance(finder, _PatchingFinder) for finder in sys.meta_path):
    sys.meta_path.insert(0, _PatchingFinder())
