"""Loading the user's project: its entry runs as ``__main__``, as ``python3 app.py``.

The server the module builds (``make_server()``) listens in memory, and
``serve_forever()`` returns, so the module runs to its end (see
``playground_servers``). What it prints, and the warnings it
raises, are kept for the errors log. A module that fails gets the traceback
``python3 app.py`` would print (the user's frames and the standard
library's, none of the playground's), where in the project it failed, and
the Python 3 fixes for the Python 2 habits it shows.
"""

import importlib
import importlib.machinery
import importlib.metadata
import io
import linecache
import os
import pkgutil  # noqa: F401 (runpy.run_path imports it: the server's, not each build's)
import runpy
import sys
import time
import traceback
import types
import zipimport
from importlib._bootstrap_external import _NamespacePath

PROJECT = "/home/pyodide/project"
"""Where the project's files are written; the working directory and the first entry of sys.path."""

LIBRARY = os.path.dirname(os.path.abspath(__file__))
"""Where the playground's own modules are: their frames are nobody's business in a traceback."""


# ---- time.sleep, interruptible ----------------------------------------------

_sleep = time.sleep
_SLICE = 0.05


def _interruptible_sleep(secs):
    """time.sleep, in slices the page's interrupt can come between (runner/interrupt.ts).

    WebAssembly CPython looks for the page's interrupt once every 50 checks of
    its eval loop, and a loop around time.sleep(0.1) makes a check or two per
    turn: a Stop would take seconds to land. After each slice, 50 turns of an
    empty loop make sure CPython has looked. Its errors are time.sleep's own.
    """
    if not isinstance(secs, (int, float)) or secs <= _SLICE:
        return _sleep(secs)
    if terminal_flush is not None:
        terminal_flush()  # what was printed before the sleep shows during it
    end = time.monotonic() + secs
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return
        _sleep(min(left, _SLICE))
        for _ in range(50):
            pass


_interruptible_sleep.__name__ = _interruptible_sleep.__qualname__ = "sleep"
_interruptible_sleep.__doc__ = _sleep.__doc__
time.sleep = _interruptible_sleep


_baseline = None
"""The modules there were before the first build: the playground's own and what they import."""


def _forget_build_modules():
    """A new build imports afresh what the last one imported, as a new `python3 app.py` would.

    The project's modules, and the standard library's pure-Python modules the
    last build brought in: importing `cgi` again warns again. Extension
    modules stay (they cannot be imported twice).
    """
    global _baseline
    if _baseline is None:
        _baseline = set(sys.modules)
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None) or ""
        if path.startswith(PROJECT + "/") or (name not in _baseline and path.endswith(".py")):
            del sys.modules[name]
    _reset_logging()


_logging_baseline = None
"""The loggers, and the root logger's handlers and level, before the first build."""


def _reset_logging():
    """Loggers as a new process has them: the logging module outlives builds (Pyodide imports it).

    A logger a build configured (Werkzeug's, with a handler writing to that
    build's log; the app's own) would otherwise keep its handlers and level,
    and the next build's lines would go to the old build's log.
    """
    global _logging_baseline
    logging = sys.modules.get("logging")
    if logging is None:
        return
    manager = logging.Logger.manager
    if _logging_baseline is None:
        _logging_baseline = (set(manager.loggerDict), list(logging.root.handlers), logging.root.level)
        return
    names, handlers, level = _logging_baseline
    for name in set(manager.loggerDict) - names:
        del manager.loggerDict[name]
    logging.root.handlers[:] = handlers
    logging.root.setLevel(level)
    manager._clear_cache()


def logging_state():
    """The loggers by name, and the root logger's handlers and level (to put back with restore_logging)."""
    logging = sys.modules.get("logging")
    if logging is None:
        return None
    return dict(logging.Logger.manager.loggerDict), list(logging.root.handlers), logging.root.level


def restore_logging(state):
    """The loggers as logging_state() found them."""
    logging = sys.modules.get("logging")
    if logging is None or state is None:
        return
    loggers, handlers, level = state
    manager = logging.Logger.manager
    manager.loggerDict.clear()
    manager.loggerDict.update(loggers)
    logging.root.handlers[:] = handlers
    logging.root.setLevel(level)
    manager._clear_cache()


class TextStream(io.TextIOBase):
    """A text stream named and described as python3's own (``<stdout>``, UTF-8, strict)."""

    def __init__(self, name, mode):
        super().__init__()
        self.name = name
        self._mode = mode

    def __repr__(self):
        return f"<_io.TextIOWrapper name='{self.name}' mode='{self._mode}' encoding='utf-8'>"

    @property
    def encoding(self):
        return "utf-8"

    @property
    def errors(self):
        return "strict"

    @property
    def mode(self):
        return self._mode


class _Output(TextStream):
    """sys.stdout or sys.stderr while the user's code runs: writes go to the stream of the moment.

    One object for the life of the runner, so that what holds on to
    ``sys.stderr`` (a logging handler made during the build, as Werkzeug's
    is; ``wsgi.errors``) writes where the current build or request's output
    goes, not into a finished one's.
    """

    def __init__(self, name):
        super().__init__(name, "w")
        self.target = None

    def writable(self):
        return True

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if terminal is not None and text:
            terminal(text)
        return (self.target or sys.__stderr__).write(text)

    def flush(self):
        if self.target is not None:
            self.target.flush()


terminal = None
"""Where everything written to stdout or stderr also goes, as a terminal shows it (playground_terminal)."""

terminal_flush = None
"""Sends what the terminal gathered to the page at once (before a sleep)."""

_stdout = _Output("<stdout>")
_stderr = _Output("<stderr>")


class redirected:
    """print() output (and anything written to stdout or stderr) goes to `stream`."""

    def __init__(self, stream):
        self.stream = stream

    def __enter__(self):
        self.saved = sys.stdout, sys.stderr, _stdout.target
        _stdout.target = _stderr.target = self.stream
        sys.stdout, sys.stderr = _stdout, _stderr

    def __exit__(self, *args):
        sys.stdout, sys.stderr, _stdout.target = self.saved
        _stderr.target = _stdout.target


def invalidate_caches():
    """``importlib.invalidate_caches()``, less the standard library's zip.

    Files were written, renamed or deleted since the last build, maybe within
    the same second: the import system's cached directory listings are stale.
    The zip never changes, and zipimport would read its 11,000-entry
    directory afresh, in Python, on every build (0.14 s). Otherwise what
    CPython 3.12's PathFinder.invalidate_caches does; importlib.metadata is
    imported with the server, not by the first build (a module a build
    imports first is forgotten and compiled again for the next one).
    """
    for name, finder in list(sys.path_importer_cache.items()):
        if finder is None or not os.path.isabs(name):
            del sys.path_importer_cache[name]
        elif not isinstance(finder, zipimport.zipimporter) and hasattr(finder, "invalidate_caches"):
            finder.invalidate_caches()
    _NamespacePath._epoch += 1
    importlib.metadata.MetadataPathFinder.invalidate_caches()
    for finder in sys.meta_path:
        if finder is not importlib.machinery.PathFinder and hasattr(finder, "invalidate_caches"):
            finder.invalidate_caches()


def _forget_debugger():
    """A new build is a new process: no trace left by the last one's pdb, no breakpoint set with `b`."""
    sys.settrace(None)
    bdb = sys.modules.get("bdb")
    if bdb is not None:
        bdb.Breakpoint.clearBreakpoints()


def _forget_build_lines():
    """The source lines a warning or traceback shows are this build's, as a new process reads them.

    linecache keeps each file's lines until its size or mtime changes; an
    edit of the same size within the file system's clock tick kept the last
    build's line (a warning printed the old line 2 under the new one's number).
    """
    for name in [name for name in linecache.cache if name.startswith(PROJECT + "/")]:
        del linecache.cache[name]


main_globals = None
"""The namespace the last build's entry ran in (its module's own, not a copy): where `>>>` evaluates."""


def _run_main(path):
    """``runpy.run_path(path, run_name="__main__")`` for a file, keeping the module's own namespace.

    run_path answers a copy of the module's globals; the app's functions see
    the original, so a `>>>` that changes a global must change that one.
    The steps are run_path's own for a plain file (runpy, CPython 3.12).
    """
    global main_globals
    try:
        code = runpy._get_code_from_file(path)
    except TypeError:  # CPython 3.11's takes the run name too, and answers the file's name with the code
        code, _ = runpy._get_code_from_file("__main__", path)
    with runpy._TempModule("__main__") as temp, runpy._ModifiedArgv0(path):
        namespace = temp.module.__dict__
        main_globals = namespace
        runpy._run_code(code, namespace, None, "__main__", None, "", path)
    return namespace


def load(entry, log, server=None):
    """Run the entry file as __main__; return the server that answers, and its app.

    Output of print() and warnings at the top level go to `log`. `server`
    is the project's choice of server (playground_servers.CHOICES), or None
    for the one the code starts. Raises LookupError when the module serves
    no app.
    """
    import playground_servers as servers  # it imports what imports this module

    servers.forget()
    _forget_debugger()
    _forget_build_modules()
    invalidate_caches()
    _forget_build_lines()
    if PROJECT not in sys.path:
        sys.path.insert(0, PROJECT)
    # `python3 app.py` run from the project's folder: open("templates/page.html") works.
    os.chdir(PROJECT)
    with redirected(log):
        namespace = _run_main(os.path.join(PROJECT, entry))
        named = namespace.get("application") or namespace.get("app")
        served, app = servers.server_for(named if callable(named) else None, server)
    if app is None:
        if named is not None:
            raise LookupError(f"The app {entry} serves is not callable: {named!r}.")
        raise LookupError(
            f"{entry} serves no WSGI app: pass it to make_server(host, port, app), "
            "or name it application (mod_wsgi's name) or app."
        )
    if not callable(app):
        raise LookupError(f"The app {entry} serves is not callable: {app!r}.")
    return served, app


# ---- Tracebacks as python3 prints them --------------------------------------


def _in_library(frame):
    return frame.f_code.co_filename.startswith(LIBRARY + "/")


def clean_traceback(tb, from_project=False):
    """`tb` without the playground's frames (and, `from_project`, without the loader's before the project's)."""
    frames = []
    while tb is not None:
        frames.append(tb)
        tb = tb.tb_next
    if from_project:
        first = next(
            (i for i, t in enumerate(frames) if t.tb_frame.f_code.co_filename.startswith(PROJECT + "/")),
            len(frames),
        )
        frames = frames[first:]
    kept = None
    for t in reversed([t for t in frames if not _in_library(t.tb_frame)]):
        kept = types.TracebackType(kept, t.tb_frame, t.tb_lasti, t.tb_lineno)
    return kept


def clean_exception(error, from_project=False):
    """`error` and the exceptions chained to it, their tracebacks cleaned (see clean_traceback)."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        error.__traceback__ = clean_traceback(error.__traceback__, from_project)
        error = error.__cause__ or error.__context__
    return error


def relative(text):
    """Tracebacks name the project's files as the user knows them."""
    return text.replace(PROJECT + "/", "")


def user_traceback(error):
    """The traceback as `python3 app.py` would print it: from the module on, no playground frames."""
    clean_exception(error, from_project=True)
    return relative("".join(traceback.format_exception(error)))


def error_location(error):
    """Where in the project's files a load failed: a SyntaxError's own place, else the innermost frame.

    A SyntaxError in an imported module names that module's file and line;
    its traceback holds only the importing lines.
    """
    if isinstance(error, SyntaxError) and (error.filename or "").startswith(PROJECT + "/"):
        column = max(error.offset or 1, 1)
        found = {"file": error.filename[len(PROJECT) + 1 :], "line": error.lineno or 1, "column": column}
        if error.end_offset and error.end_offset > column and error.end_lineno == error.lineno:
            found["endColumn"] = error.end_offset
        return found
    frames = [
        f for f in traceback.extract_tb(error.__traceback__) if f.filename.startswith(PROJECT + "/")
    ]
    if not frames:
        return None
    frame = frames[-1]
    found = {"file": frame.filename[len(PROJECT) + 1 :], "line": frame.lineno, "column": 1}
    # The expression that raised (3.11+ positions: UTF-8 byte offsets in the line).
    if frame.colno is not None and frame.end_colno is not None and frame.end_lineno == frame.lineno:
        line = linecache.getline(frame.filename, frame.lineno).encode()
        chars = lambda offset: len(line[:offset].decode(errors="ignore"))  # noqa: E731
        found["column"] = chars(frame.colno) + 1
        found["endColumn"] = chars(frame.end_colno) + 1
    return found
