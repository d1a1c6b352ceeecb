"""The frameworks a project imports (Flask, Werkzeug, Bottle, WebOb), as the playground runs them.

They come from Debian's archive at build time (scripts/frameworks.ts), one
zip per stack, unpacked into site-packages when a project's files import
one of their modules (``wanted``). Their own code runs unchanged, servers
included: a server's module is changed once imported only where it would
start threads or a process, or open a real socket (``playground_servers``:
Werkzeug's ``run_simple`` and reloader, Paste's thread pool, Waitress's
dispatcher, trigger and loop).
``bottle.run()`` needs nothing: its default server is wsgiref's; a
``server='waitress'`` (or Paste's, Cheroot's) names a server Bottle imports
by itself, so that server's stack is wanted too.
"""

import ast
import importlib.abc
import os
import sys

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
                elif isinstance(node, ast.Call):
                    names.update(_servers_named(node))
    return sorted(name for name in names if name in _expected)


_BOTTLE_SERVERS = {"waitress": "waitress", "paste": "paste", "cheroot": "cheroot"}
"""Bottle's server names (bottle.server_names) whose adapter imports a stack's module."""


def _servers_named(call):
    """For a call like run(server='waitress'): the module the named server's adapter imports."""
    for keyword in call.keywords:
        if keyword.arg == "server" and isinstance(keyword.value, ast.Constant):
            module = _BOTTLE_SERVERS.get(keyword.value.value)
            if module:
                yield module


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


# ---- The servers, run by their own code ------------------------------------


def _patch(adapter, function):
    """Calls `function` of the server adapter named `adapter` (imported when first needed)."""

    def patch(module):
        import importlib

        getattr(importlib.import_module(f"playground_servers.{adapter}"), function)(module)

    return patch


_PATCHES = {
    "werkzeug.serving": _patch("werkzeug", "patch"),
    "werkzeug._reloader": _patch("werkzeug", "patch_reloader"),
    "paste.httpserver": _patch("paste", "patch"),
    "waitress.task": _patch("waitress", "patch_task"),
    "waitress.trigger": _patch("waitress", "patch_trigger"),
    "waitress.wasyncore": _patch("waitress", "patch_wasyncore"),
    "waitress.server": _patch("waitress", "patch_server"),
    "cheroot.server": _patch("cheroot", "patch_server"),
    "cheroot.wsgi": _patch("cheroot", "patch_wsgi"),
    "cheroot.connections": _patch("cheroot", "patch_connections"),
    "cheroot.workers.threadpool": _patch("cheroot", "patch_threadpool"),
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
