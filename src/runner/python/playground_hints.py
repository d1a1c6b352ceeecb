"""What CPython says, and what it means here: the fixes for a traceback or a message.

The Python 2 habits the seeds' readers bring (``print`` without
parentheses, ``cgi.escape``, str bodies), the limits of a CPython that is
WebAssembly, and what a missing module can be replaced with in this build.
"""

import os
import sys

from playground_load import PROJECT

_PYTHON2_HABITS = [
    (
        "Missing parentheses in call to 'print'",
        "Python 3: print is a function. Write print(...) with parentheses.",
    ),
    (
        "module 'cgi' has no attribute 'parse_qs'",
        "Python 3: cgi.parse_qs was removed in Python 3.8. Use urllib.parse.parse_qs.",
    ),
    (
        "module 'cgi' has no attribute 'escape'",
        "Python 3: cgi.escape was removed in Python 3.8. Use html.escape.",
    ),
    (
        "a bytes-like object is required, not 'str'",
        "Python 3: text (str) and bytes are apart. Encode the text first: text.encode().",
    ),
    (
        "write() argument must be a bytes instance",
        "Python 3: a WSGI body is bytes. Return [b'...'], or encode text: [text.encode('utf-8')].",
    ),
    (
        "Iterator yielded non-bytestring",
        "Python 3: a WSGI body is bytes. Return [b'...'], or encode text: [text.encode('utf-8')].",
    ),
]

_WEBASSEMBLY = [
    (
        "cannot fit 'int' into an index-sized integer",
        "This CPython is WebAssembly, a 32-bit machine: a size or index past 2**31 - 1 does not fit "
        "(CPython on a 64-bit machine would try to allocate it).",
    ),
    (
        "MemoryError",
        "This CPython is WebAssembly, a 32-bit machine: it can address 4 GB at the most, "
        "and the browser may give it less.",
    ),
]


def _project_modules():
    """The modules and packages the project's files make importable, by name."""
    names = []
    for root, dirs, files in os.walk(PROJECT):
        dirs[:] = [d for d in dirs if d.isidentifier()]
        base = os.path.relpath(root, PROJECT).replace(os.sep, ".")
        prefix = "" if base == "." else base + "."
        if prefix and "__init__.py" not in files:
            continue
        names += [prefix + f[:-3] for f in files if f.endswith(".py") and f[:-3].isidentifier()]
    return sorted(n for n in names if not n.endswith("__init__")) + sorted(
        n[: -len(".__init__")] for n in names if n.endswith(".__init__")
    )


def _missing_module_hint(text):
    """For `No module named 'x'`: what this playground's Python can import instead."""
    start = text.rfind("No module named '")
    if start == -1:
        return None
    name = text[start + len("No module named '") :].split("'", 1)[0]
    top = name.split(".", 1)[0]
    if top in sys.stdlib_module_names:
        return None
    import playground_frameworks  # imported when needed: it loads the stacks' manifest

    framework = playground_frameworks.missing_hint(top)
    if framework:
        return framework
    if top in playground_frameworks._expected:
        return None
    own = ", ".join(_project_modules()) or "none yet"
    frameworks = ", ".join(sorted(playground_frameworks._expected)) or "none in this build"
    return (
        f"{top} is not installed here: this Python has CPython {sys.version_info.major}."
        f"{sys.version_info.minor}'s standard library, the frameworks from Debian's archive "
        f"({frameworks}), the playground's small paste (httpserver.serve, as the seeds use it), "
        f"and the project's own modules ({own}). Nothing is installed from the package index."
    )


def hints(text):
    """The fixes and explanations for what `text` (a traceback, a message) shows, one per line."""
    found = [fix for symptom, fix in _PYTHON2_HABITS + _WEBASSEMBLY if symptom in text]
    missing = _missing_module_hint(text)
    if missing:
        found.append(missing)
    return found


def python2_habits():
    """The (symptom, fix) pairs of Python 2 habits, for findings made from the errors log."""
    return list(_PYTHON2_HABITS)
