"""Layers: every callable that received (environ, start_response) on the way from the server to the app.

WSGI composes: middleware wraps an app, a dispatcher mounts several, a
framework is itself a stack. A layer is any call of a Python callable whose
arguments are an environ (a dict holding ``wsgi.version``) and a callable:
a function, a generator function (found when the server first reads it), an
instance with ``__call__``, a bound method, a closure, ``*args`` wrappers
such as wsgiref.validate's ``lint_app``. None of the user's code changes:
a profile hook (``sys.setprofile``), on while the app's code runs (its call,
each read of its iterable, its close()), sees every Python call and return,
and keeps for each layer

- the environ it received (a snapshot; the page shows each as a diff
  against its caller's), and which of its objects were replaced;
- each call of the start_response it was given (status, headers,
  exc_info), known by the code of the callable it received: a wrapper of
  its caller's, or the caller's own passed down;
- what it returned, the chunks it yielded or its iterable gave, and
  whether that iterable was closed, and by whom;
- its time, in itself and with the layers below it.

At the end, the findings: an iterable with ``close()`` that the layer above
it never closed (PEP 3333: middleware must call it), and a Content-Length
passed up that is not the size of the body the layer produced.
"""

import sys
import time
import wsgiref.handlers
import wsgiref.simple_server

import playground_layer_findings
from playground_layer import (
    GENERATOR,
    VARARGS,
    Layer,
    code_of,
    generator_of,
    left_by,
    positional,
)
from playground_load import LIBRARY, PROJECT

_SERVER_FILES = (LIBRARY, wsgiref.handlers.__file__, wsgiref.simple_server.__file__)
"""The server's own code (the playground's, wsgiref's): its error_output(environ, start_response) is no layer."""


class LayerWatch:
    """The profile hook that finds the layers (see the module's docstring)."""

    def __init__(self, snapshot, server_start_response, checks, started):
        self.snapshot = snapshot
        self.started = started
        """The request's start (time.perf_counter()): the layers' times are told from it."""
        self.checks = checks
        """wsgiref.validate's checks, run at every boundary below the server's (which the server checks)."""
        self.layers = []
        self.by_frame = {}
        # Each active layer call: [layer, started, time in the layers below].
        self.active = []
        self.sr_codes = {}
        self.server_sr_code = code_of(server_start_response)
        self.watched = {}
        """id(iterable) → the layer that returned it (the iterable is kept alive by it)."""
        self.next_frames = {}
        """A custom iterable's __next__ frames → the layer whose iterable it is."""
        self.closed = {}
        """id(iterable) → who closed it: a layer's name, or "the server"."""
        self.return_location = None
        """While the app is called: the line of the last `return` in the project's files."""
        self.calling = False

    def _at(self):
        return (time.perf_counter() - self.started) * 1000

    def innermost(self):
        """The name of the layer whose code runs now (a call of the server's start_response is its)."""
        return self.active[-1][0].name if self.active else None

    def __enter__(self):
        sys.setprofile(self)
        return self

    def __exit__(self, *args):
        sys.setprofile(None)

    # ---- The hook ----------------------------------------------------------

    def __call__(self, frame, event, arg):
        try:
            if event == "call":
                self._call(frame)
            elif event == "return":
                self._return(frame, arg)
            elif event == "c_call" and getattr(arg, "__name__", None) == "close":
                target = getattr(arg, "__self__", None)
                if target is not None and id(target) in self.watched:
                    self._closed(target)
        except Exception:
            # The view is the playground's business: whatever the app's objects do
            # (a __repr__ that raises, an odd frame), the app runs as without it.
            pass

    def _call(self, frame):
        layer = self.by_frame.get(frame)
        if layer is not None:
            # A generator layer resumed.
            self.active.append([layer, time.perf_counter(), 0.0])
            return
        code = frame.f_code
        callers = self.sr_codes.get(code)
        if callers is not None:
            self._start_response(frame, code, callers)
            return
        if code.co_name == "close" and code.co_argcount == 1:
            target = frame.f_locals.get("self")
            if target is not None and id(target) in self.watched:
                self._closed(target)
            return
        if code.co_name == "__next__" and code.co_argcount == 1:
            target = frame.f_locals.get("self")
            owner = self.watched.get(id(target)) if target is not None else None
            if owner is not None:
                self.next_frames[frame] = owner
            return
        count = code.co_argcount
        if not (count in (2, 3) or (code.co_flags & VARARGS and count <= 1)):
            return
        if code.co_filename.startswith(_SERVER_FILES):
            return
        args = positional(frame, code)
        for first in (0, 1):
            if len(args) < first + 2:
                break
            environ, start_response = args[first], args[first + 1]
            if type(environ) is dict and "wsgi.version" in environ and callable(start_response):
                self._enter(frame, code, first == 1, environ, start_response)
                return

    def _enter(self, frame, code, takes_self, environ, start_response):
        layer = Layer(code, takes_self, environ, start_response, self.snapshot)
        if code.co_flags & GENERATOR:
            # The generator object its caller got back, now that its frame runs.
            returned = generator_of(frame, [other.returned for other in self.layers])
            if returned is not None:
                layer.returned, layer.returned_type = returned, "generator"
                self.watched[id(returned)] = layer
        layer.entered_at = self._at()
        # validate's word on the environ as it came in. The first layer's is the server's own
        # (reported by the server); a layer whose environ is the one above it, unchanged, gets
        # the same word without asking again.
        caller = self.layers[-1] if self.layers else None
        unchanged = (
            caller is not None
            and layer.environ_snapshot == caller.environ_snapshot
            and all(layer.objects[key] is caller.objects[key] for key in layer.objects)
        )
        layer.environ_problems = (
            caller.environ_problems if unchanged else self.checks.environ(environ)
        )
        self.layers.append(layer)
        self.by_frame[frame] = layer
        if layer.sr_code is not None:
            self.sr_codes.setdefault(layer.sr_code, []).append(layer)
        self.active.append([layer, time.perf_counter(), 0.0])

    def _start_response(self, frame, code, callers):
        """A start_response some layer was given is called: the innermost such layer called it."""
        active = [entry[0] for entry in self.active]
        layer = next((each for each in reversed(active) if each in callers), None) or callers[-1]
        args = positional(frame, code)[1 if layer.sr_takes_self else 0 :]
        status = args[0] if args else None
        headers = args[1] if len(args) > 1 else None
        exc_info = args[2] if len(args) > 2 else None
        if layer.sr_code is not self.server_sr_code:
            layer.sr_problems.extend(self.checks.start_response(status, headers, exc_info))
        layer.calls.append(
            {
                "status": status if isinstance(status, str) else repr(status),
                "headers": [
                    [str(name), str(value)]
                    for name, value in (headers if isinstance(headers, (list, tuple)) else [])
                    if isinstance(name, str)
                ]
                if isinstance(headers, (list, tuple))
                and all(isinstance(h, tuple) and len(h) == 2 for h in headers)
                else None,
                "headersRepr": None if isinstance(headers, list) else repr(headers),
                "excInfo": None if exc_info is None else repr(exc_info[1] if exc_info else exc_info),
                "at": self._at(),
            }
        )

    def _return(self, frame, value):
        if self.calling and frame.f_code.co_filename.startswith(PROJECT + "/"):
            self.return_location = {
                "file": frame.f_code.co_filename[len(PROJECT) + 1 :],
                "line": frame.f_lineno,
                "column": 1,
            }
        owner = self.next_frames.pop(frame, None)
        if owner is not None:
            if left_by(frame) == "return":
                self._chunk(owner, value)
            return
        layer = self.by_frame.get(frame)
        if layer is None:
            return
        entry = None
        while self.active:
            entry = self.active.pop()
            if entry[0] is layer:
                break
        if entry is None or entry[0] is not layer:
            return
        spent = time.perf_counter() - entry[1]
        layer.total += spent
        layer.below += entry[2]
        if self.active:
            self.active[-1][2] += spent
        if layer.kind == "generator":
            if left_by(frame) == "yield":
                self._chunk(layer, value)
            return
        if layer.returned is None:
            if frame.f_code.co_name == "__init__":
                # A class is an app too (PEP 3333): its caller gets the instance, not __init__'s None.
                value = frame.f_locals.get("self")
            layer.returned = value
            layer.returned_at = self._at()
            layer.returned_type = type(value).__name__
            if layer is not self.layers[0]:
                layer.iterator_problems = self.checks.iterator(value)
            if isinstance(value, (list, tuple)):
                layer.returned_len = len(value)
                layer.chunks = [len(c) if isinstance(c, (bytes, bytearray, str)) else 0 for c in value]
                wrong = next((c for c in value if type(c) is not bytes), None)
                if wrong is not None:
                    layer.bad_chunk = repr(wrong)[:60]
            if value is not None and not isinstance(value, (list, tuple)):
                self.watched.setdefault(id(value), layer)

    def _chunk(self, layer, value):
        if isinstance(value, (bytes, bytearray, str)):
            layer.chunks.append(len(value))
            if layer.first_chunk_at is None:
                layer.first_chunk_at = self._at()
        if type(value) is not bytes and layer.bad_chunk is None:
            layer.bad_chunk = repr(value)[:60]

    def _closed(self, target):
        layer = self.watched.get(id(target))
        if layer is None or id(target) in self.closed:
            return
        closer = next(
            (entry[0] for entry in reversed(self.active) if entry[0] is not layer),
            None,
        )
        self.closed[id(target)] = closer.name if closer is not None else "the server"
        layer.closed_at = self._at()

    # ---- The end -----------------------------------------------------------

    def finish(self):
        """The response is over: give a layer that passes its inner iterable through that one's chunks."""
        layers = self.layers
        for upper, lower in reversed(list(zip(layers, layers[1:]))):
            if upper.returned is not None and upper.returned is lower.returned:
                upper.passes_through = True
                if not upper.chunks:
                    upper.chunks = lower.chunks
                    upper.first_chunk_at = lower.first_chunk_at

    def report(self):
        """Every layer, outermost first, as the page gets them (after `finish`)."""
        layers = self.layers
        return [
            layer.report(
                layers[i - 1] if i > 0 else None,
                self.closed.get(id(layer.returned)) if layer.returned is not None else None,
            )
            for i, layer in enumerate(layers)
        ]
    def findings(self):
        """What broke PEP 3333 between two layers: (message, location or None, fix) each."""
        return playground_layer_findings.findings(self)
