"""The terminal, as ``python3 app.py`` has one: what the process prints, who reads what is typed, ``>>>``.

Everything the user's code and its server write to ``sys.stdout`` or
``sys.stderr`` (print(), wsgiref's log lines, pdb's prompt and listing) also
goes to the page's terminal, as it is written (``connect``). A read of
standard input (``input()``, pdb's ``(Pdb)``) waits for the line the person
types there; ``asking()`` says, as the read begins, who asks: pdb paused
at a line of the project (with the frame's variables), or a plain read.
Between requests a line typed in the terminal runs in the build's
``__main__``, as ``python3 -i app.py``'s ``>>>`` (``evaluate``).
"""

import io
import json
import reprlib
import sys

import playground_load
from playground_load import PROJECT, TextStream, redirected, relative

SKIPPED = ("playground_*", "playground_servers.*")
"""Modules pdb does not stop in: the playground's own, between the server and the app."""


def connect(sink, flush=None, ask=None):
    """Send what is written to stdout and stderr to `sink(text)` as well (the runner posts it to the page).

    `flush()` sends what the runner gathered at once (before a sleep);
    `ask(json)` hears who asks (``asking()``) before each read of standard input.
    """
    playground_load.terminal = (lambda text: sink(relative(text))) if sink is not None else None
    playground_load.terminal_flush = flush
    if isinstance(sys.stdin, _Stdin):
        sys.stdin._ask = ask or (lambda who: None)
    elif ask is not None:
        sys.stdin = _Stdin(sys.stdin, ask)


class _Stdin(TextStream):
    """sys.stdin: the terminal's lines, read by Pyodide's own stdin; who asks is told first.

    The read itself runs with the GIL released: what it must know of Python
    (pdb's frame, its variables) is found here, before, and handed over.
    """

    def __init__(self, stream, ask):
        super().__init__("<stdin>", "r")
        self._stream = stream
        self._ask = ask

    def readable(self):
        return True

    def isatty(self):
        return True

    def fileno(self):
        return self._stream.fileno()

    def readline(self, size=-1):
        self._ask(asking())
        return self._stream.readline(size)

    def read(self, size=-1):
        self._ask(asking())
        return self._stream.read(size)


def say(text):
    """A line of the playground's own in the terminal (not the app's output)."""
    if playground_load.terminal is not None:
        playground_load.terminal(text)


# ---- Who asks ---------------------------------------------------------------


def _debugger():
    """The pdb (any bdb.Bdb) whose prompt reads now, found up the stack, or None."""
    bdb = sys.modules.get("bdb")  # not imported: no debugger runs (and it costs nothing here)
    if bdb is None:
        return None
    frame = sys._getframe(1)
    while frame is not None:
        candidate = frame.f_locals.get("self")
        if isinstance(candidate, bdb.Bdb) and getattr(candidate, "curframe", None) is not None:
            return candidate
        frame = frame.f_back
    return None


_short = reprlib.Repr()
_short.maxstring = 200
_short.maxother = 200
_short.maxlong = 60
_short.maxdict = _short.maxlist = _short.maxtuple = _short.maxset = 12


def _shown(value):
    try:
        return _short.repr(value)
    except Exception as error:  # the app's __repr__ may raise
        return f"<repr failed: {type(error).__name__}: {error}>"


def variables(frame):
    """The frame's locals as the Variables view shows them: name, type, repr; a dict's entries too."""
    shown = []
    for name, value in list(frame.f_locals.items())[:200]:
        entry = {"name": name, "type": type(value).__name__, "repr": _shown(value)}
        if isinstance(value, dict):
            entry["entries"] = [[_shown(key), _shown(item)] for key, item in list(value.items())[:300]]
        shown.append(entry)
    return shown


def asking():
    """Who reads standard input now, as JSON: {"kind": "pdb" or "input", "at": where pdb is paused, "variables"}."""
    debugger = _debugger()
    if debugger is None:
        return json.dumps({"kind": "input"})
    # Stepping never stops in the playground's frames between the server and the app.
    debugger.skip = set(debugger.skip or ()) | set(SKIPPED)
    frame = debugger.curframe
    path = frame.f_code.co_filename
    at = {
        "file": path[len(PROJECT) + 1 :] if path.startswith(PROJECT + "/") else path,
        "line": frame.f_lineno,
        "function": frame.f_code.co_name,
        "inProject": path.startswith(PROJECT + "/"),
    }
    return json.dumps({"kind": "pdb", "at": at, "variables": variables(frame)})


# ---- >>> ----------------------------------------------------------------------

_console = None


def _console_for(namespace):
    global _console
    import code

    if _console is None or _console.locals is not namespace:
        _console = code.InteractiveConsole(namespace, filename="<stdin>")
    return _console


def evaluate(line):
    """One line typed at ``>>>``, run in the build's ``__main__``; True when it needs more (``...``)."""
    namespace = playground_load.main_globals
    if namespace is None:
        say("No build has run yet: there is no __main__ to evaluate in.\n")
        return False
    console = _console_for(namespace)
    with redirected(io.StringIO()):
        try:
            return console.push(line)
        except SystemExit:
            console.resetbuffer()
            say("exit() ends python3; here the build stays loaded (edit the code for a new one).\n")
            return False


def complete(text):
    """Tab: the names `text` may go on to, in the build's ``__main__`` (rlcompleter's, as python3 -i)."""
    import rlcompleter

    namespace = playground_load.main_globals
    if namespace is None:
        return []
    completer = rlcompleter.Completer(namespace)
    found = []
    for state in range(200):
        match = completer.complete(text, state)
        if match is None:
            break
        found.append(match)
    return found
