"""One layer of a stack, and what a frame tells of it (playground_layers.LayerWatch finds them).

A ``Layer`` keeps what one callable received and passed on; the functions
here read a Python frame the profile hook is given: its positional
arguments, how it left (a yield, a return, an exception), the generator
object it belongs to, where its code is defined and what to call it.
"""

import dis
import gc

from playground_load import PROJECT

VARARGS = 0x04
GENERATOR = 0x20
_YIELD = dis.opmap["YIELD_VALUE"]
_RETURNS = frozenset(dis.opmap[name] for name in ("RETURN_VALUE", "RETURN_CONST") if name in dis.opmap)


def left_by(frame):
    """How a frame left, at its "return" event: "yield", "return", or "raise" (the hook's arg is None then).

    The profile hook has one event for the three; the instruction the frame stopped at tells them apart.
    A generator's end and a __next__ that raised StopIteration are no chunk (issue 36).
    """
    op = frame.f_code.co_code[frame.f_lasti]
    return "yield" if op == _YIELD else "return" if op in _RETURNS else "raise"


def positional(frame, code):
    """The positional arguments a frame was called with (a *args tuple's, when it has one)."""
    names = code.co_varnames
    loc = frame.f_locals
    count = code.co_argcount
    values = [loc.get(name) for name in names[:count]]
    if code.co_flags & VARARGS:
        values.extend(loc.get(names[count + code.co_kwonlyargcount], ()))
    return values


def code_of(function):
    """The code object a call of `function` runs, if it is Python's."""
    function = getattr(function, "__func__", function)
    code = getattr(function, "__code__", None)
    if code is None:
        code = getattr(getattr(type(function), "__call__", None), "__code__", None)
    return code


def is_bound(function):
    """A bound method or a callable object: its frame's first argument is `self`."""
    return hasattr(function, "__func__") or not hasattr(function, "__code__")


def generator_of(frame, returned):
    """The generator object whose frame this is: one a layer returned, one its reader holds, or any.

    A layer that reads a generator without keeping it (``b''.join(app(...))``) holds it only
    on its stack; then the garbage collector's referrers find it (once per generator layer).
    """
    reader = frame.f_back
    for value in (*returned, *(reader.f_locals.values() if reader is not None else ())):
        if getattr(value, "gi_frame", None) is frame:
            return value
    return next((r for r in gc.get_referrers(frame) if getattr(r, "gi_frame", None) is frame), None)


def _where(code):
    """Where a layer is defined: a project file relative, else the module's path."""
    name = code.co_filename
    if name.startswith(PROJECT + "/"):
        name = name[len(PROJECT) + 1 :]
    return {"file": name, "line": code.co_firstlineno, "column": 1}


def _name(code, takes_self):
    qualname = getattr(code, "co_qualname", code.co_name)
    if takes_self and code.co_name == "__call__":
        # An instance with __call__ is named by its class, as it is written: `Mount`.
        return qualname.rsplit(".", 1)[0]
    return qualname


class Layer:
    """What one layer received and passed on."""

    def __init__(self, code, takes_self, environ, start_response, snapshot):
        self.name = _name(code, takes_self)
        self.where = _where(code)
        self.kind = (
            "generator"
            if code.co_flags & GENERATOR
            else "callable object"
            if code.co_name == "__call__"
            else "method"
            if takes_self
            else "function"
        )
        self.environ = environ
        self.environ_snapshot = snapshot(environ)
        self.objects = {key: environ.get(key) for key in ("wsgi.input", "wsgi.errors")}
        self.start_response = start_response
        self.sr_code = code_of(start_response)
        self.sr_takes_self = is_bound(start_response)
        self.calls = []
        self.returned = None
        self.returned_type = None
        self.returned_len = None
        self.chunks = []
        self.passes_through = False
        """It returned the very iterable the layer below returned."""
        self.total = 0.0
        self.below = 0.0
        self.environ_problems = []
        """What wsgiref.validate says of the environ as it came in."""
        self.sr_problems = []
        """What it says of the calls of a start_response that is not the server's."""
        self.iterator_problems = []
        self.bad_chunk = None
        """repr() of the first chunk its iterable gave that was not bytes."""
        self.entered_at = None
        self.returned_at = None
        self.first_chunk_at = None
        self.closed_at = None
        """Milliseconds since the request began: when its code began, returned, gave a chunk, was closed."""

    def report(self, caller, closed_by):
        """The layer as the page gets it (JSON); `closed_by`: who closed its iterable, if anyone."""
        replaced = (
            [key for key, value in self.objects.items() if caller and value is not caller.objects.get(key)]
            if caller
            else []
        )
        passed = "server's" if caller is None else None
        if caller is not None:
            passed = "caller's" if self.start_response is caller.start_response else "wrapper"
        closable = self.returned is not None and hasattr(self.returned, "close")
        return {
            "name": self.name,
            "kind": self.kind,
            "defined": self.where,
            "environ": self.environ_snapshot,
            "replaced": replaced,
            "startResponse": passed,
            "startResponseName": getattr(self.start_response, "__qualname__", type(self.start_response).__name__),
            "calls": self.calls,
            "returned": self.returned_type,
            "returnedLen": self.returned_len,
            "chunks": self.chunks,
            "passesThrough": self.passes_through,
            "closable": closable,
            "closedBy": closed_by,
            "enteredAt": self.entered_at,
            "returnedAt": self.returned_at,
            "firstChunkAt": self.first_chunk_at,
            "closedAt": self.closed_at,
            "timeTotal": self.total * 1000,
            "timeSelf": max(self.total - self.below, 0.0) * 1000,
        }
