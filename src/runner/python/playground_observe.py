"""Watching one request: the call trace, wsgiref.validate's checks, where in the user's code.

The app is wrapped to record the call trace (the call, ``start_response``,
each ``write()``, each chunk, ``close()``), with the same checks
``wsgiref.validate`` makes, run without raising. They run from a private
copy of ``wsgiref.validate`` whose ``assert_`` records the message (CPython's
own) and the line of the user's code that was running: the user's own
``wsgiref.validate.validator`` is left alone, and raises as it does under
``python3``. Each server watches the app its own way
(``playground_servers``); wsgiref's also notes when the headers went out and
what went wrong in the server itself.
"""

import importlib.util
import io
import time
import warnings

from playground_layers import LayerWatch
from playground_where import frame_location, stack_location


def _private_validate():
    """A copy of wsgiref.validate of the playground's own, not the one `import` gives the user."""
    spec = importlib.util.find_spec("wsgiref.validate")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


checks = _private_validate()


# ---- One request ------------------------------------------------------------


class Recorder:
    """What the playground reports for one request besides the bytes."""

    def __init__(self):
        self.started = time.perf_counter()
        self.trace = []
        self.findings = []
        self.environ = None
        self.app_status = None
        self.app_headers = None
        self.app_time = 0.0
        self.returned_at = None
        """Where the app returned its iterable: errors in reading it point there."""
        self.layers = None
        """The layers of the stack, found as the app runs (playground_layers.LayerWatch)."""
        self.interrupted = None
        """Where a KeyboardInterrupt stopped the app (the page's stop, see runner/interrupt.ts)."""

    def at(self):
        return (time.perf_counter() - self.started) * 1000

    def event(self, kind, **fields):
        self.trace.append({"kind": kind, "at": self.at(), **fields})

    def finding(self, severity, source, message, location=None, fix=None):
        for known in self.findings:
            if known["message"] == message and known.get("location") == location:
                return
        entry = {"severity": severity, "source": source, "message": message}
        if location:
            entry["location"] = location
        if fix:
            entry["fix"] = fix
        self.findings.append(entry)


recorder = None
"""The request being served: the private validate's checks report to it."""

progress = None
"""How the request being served is going, told to the page (the panel's requests), or None."""

server = "wsgiref.simple_server.WSGIServer"
"""The server answering the request being served, by its class's full name (playground_servers sets it)."""

mount = ""
"""The sub-path the playground is served under (the preview on a project page): SCRIPT_NAME."""


_where = None
"""Where the user's code is, when the stack does not say (the body, read by the server)."""


_collect = None
"""While a boundary is checked: the messages of its failed asserts, recorded nowhere else."""


def _record_assert(cond, *args):
    """wsgiref.validate.assert_, recording instead of raising (in the playground's copy only)."""
    if cond:
        return
    message = str(args[0]) if args else "assertion failed"
    if _collect is not None:
        _collect.append(message)
    elif recorder is not None:
        recorder.finding("warning", "validate", message, stack_location() or _where)


checks.assert_ = _record_assert


def _check(function, *args):
    """Run one of wsgiref.validate's checks; a check that cannot go on after a failure stops there."""
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            function(*args)
        for warning in caught:
            recorder.finding("warning", "validate", str(warning.message), stack_location() or _where)
    except Exception:
        pass


def _messages(function, *args):
    """What one of validate's checks says about `args`, recorded nowhere (a boundary's checks)."""
    global _collect
    _collect = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                function(*args)
            except Exception:
                pass
        return _collect + [str(warning.message) for warning in caught]
    finally:
        _collect = None


class BoundaryChecks:
    """wsgiref.validate's checks for what passes between two layers (playground_layers.py)."""

    @staticmethod
    def environ(environ):
        return _messages(checks.check_environ, environ)

    @staticmethod
    def start_response(status, headers, exc_info):
        return (
            _messages(checks.check_status, status)
            + _messages(checks.check_headers, headers)
            + _messages(checks.check_content_type, status, headers)
            + _messages(checks.check_exc_info, exc_info)
        )

    @staticmethod
    def iterator(value):
        return _messages(checks.check_iterator, value)


def snapshot(environ):
    """The environ as Python shows it: str values as they are, the rest as their repr()."""
    return {
        key: value if isinstance(value, str) else {"repr": repr(value)}
        for key, value in environ.items()
    }


class BufferedReader(io.BufferedReader):
    """The socket file wsgiref reads the request from (wsgi.input), noting reads that would block.

    On a real server the body is a socket: reading more than CONTENT_LENGTH
    (read() with no size, read(n) past what is left, a readline() that meets
    the end) waits for bytes the client will not send, until it gives up.
    Here the bytes simply end, so the read returns: the finding says what a
    real server would have done. Named as the class it stands for.
    """

    length = None
    body_start = 0

    def watch(self, length):
        """The body starts here and is `length` bytes long (CONTENT_LENGTH)."""
        self.length = length
        self.body_start = self.tell()

    def _left(self):
        return self.length - (self.tell() - self.body_start)

    def _blocks(self, what):
        if recorder is None:
            return
        left = max(self._left(), 0)
        recorder.finding(
            "warning",
            "playground",
            f"{what} reads past the body ({left} of CONTENT_LENGTH's {self.length} bytes left): "
            "on a real server the socket would block here until the client gives up, and the "
            "request would hang. Here the bytes just end.",
            stack_location(),
            'Read CONTENT_LENGTH bytes: length = int(environ.get("CONTENT_LENGTH") or 0); '
            'environ["wsgi.input"].read(length).',
        )

    def read(self, size=-1):
        if self.length is not None:
            if size is None or size < 0:
                self._blocks("wsgi.input.read() with no size")
            elif size > self._left():
                self._blocks(f"wsgi.input.read({size})")
        return super().read(size)

    def readline(self, size=-1):
        line = super().readline(size)
        if self.length is not None and not line.endswith(b"\n") and (size is None or size < 0 or len(line) < size):
            if self._left() < 0 or not super().peek(1):
                self._blocks("wsgi.input.readline() that finds no newline")
        return line

    def readlines(self, hint=-1):
        if self.length is not None and (hint is None or hint <= 0):
            self._blocks("wsgi.input.readlines() with no hint")
        return super().readlines(hint)

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line


BufferedReader.__module__ = "_io"


class Observed:
    """The app's iterable, watched: each chunk, and close(), with validate's checks.

    It has no len() unless the iterable has one (ObservedSized): Waitress asks
    hasattr(app_iter, "__len__") before it calls len().
    """

    def __init__(self, iterable, recorder, started, returned_at):
        self.iterable = iterable
        self.iterator = None
        self.recorder = recorder
        self.started = started
        """start_response's calls so far (a list, as validate's IteratorWrapper keeps it: checked at the first chunk)."""
        self.first = True
        self.returned_at = returned_at
        self.closed = False

    def __iter__(self):
        with self.recorder.layers:
            self.iterator = iter(self.iterable)
        return self

    def _location(self):
        """A generator's place is its yield; a list's is the app's return."""
        frame = getattr(self.iterator, "gi_frame", None)
        return (frame_location(frame) if frame is not None else None) or self.returned_at

    def __next__(self):
        global _where
        recorder = self.recorder
        checks.assert_(not self.closed, "Iterator read after closed")
        began = time.perf_counter()
        try:
            with recorder.layers:
                chunk = next(self.iterator)
        finally:
            recorder.app_time += (time.perf_counter() - began) * 1000
        _where = self._location()
        try:
            if type(chunk) is not bytes:
                checks.assert_(False, "Iterator yielded non-bytestring (%r)" % (chunk,))
            if self.first and not self.started:
                checks.assert_(
                    False,
                    "The application returns and we started iterating over its body, "
                    "but start_response has not yet been called",
                )
        finally:
            _where = None
        self.first = False
        size = len(chunk) if isinstance(chunk, (bytes, bytearray, str)) else 0
        recorder.event("chunk", size=size)
        _told(recorder, chunk)
        return chunk

    def close(self):
        self.closed = True
        if hasattr(self.iterable, "close"):
            self.recorder.event("close")
            with self.recorder.layers:
                self.iterable.close()


class ObservedSized(Observed):
    """An iterable with a len() (a list), watched: len() is its own, so a server adds
    Content-Length to a one-chunk body exactly as it would without the playground."""

    def __len__(self):
        return len(self.iterable)


def _told(recorder, data):
    """A server that tells the page nothing as it goes (all but wsgiref): the app's chunk, as the app gave it."""
    if progress is not None and progress.from_app and type(data) is bytes:
        progress.app_chunk(recorder.app_status, recorder.app_headers, data)


def observe(app, recorder):
    """The app as the server calls it, watched (see the module's docstring)."""

    def observed(environ, start_response):
        global _where
        recorder.environ = snapshot(environ)
        body = environ.get("wsgi.input")
        if isinstance(body, BufferedReader):
            try:
                body.watch(max(int(environ.get("CONTENT_LENGTH") or 0), 0))
            except ValueError:
                body.watch(0)
        for message in _messages(checks.check_environ, environ):
            recorder.finding(
                "warning",
                "validate",
                message,
                None,
                f"The server built this environ before the app ran ({server}): the app did not "
                "cause it, and python3 with the same server gives the app the same.",
            )
        started = []

        def traced_start_response(*args, **kw):
            checks.assert_(len(args) == 2 or len(args) == 3, "Invalid number of arguments: %s" % (args,))
            checks.assert_(not kw, "No keyword arguments allowed")
            status = args[0] if args else None
            headers = args[1] if len(args) > 1 else None
            exc_info = args[2] if len(args) == 3 else None
            recorder.event(
                "start_response",
                status=status if isinstance(status, str) else repr(status),
                headers=repr(headers),
                excInfo=None if exc_info is None else repr(exc_info[1] if exc_info else exc_info),
                layer=recorder.layers.innermost() if recorder.layers else None,
            )
            _check(checks.check_status, status)
            _check(checks.check_headers, headers)
            _check(checks.check_content_type, status, headers)
            _check(checks.check_exc_info, exc_info)
            # A copy: wsgiref adds Content-Length to the app's own list.
            recorder.app_headers = list(headers) if isinstance(headers, list) else headers
            recorder.app_status = status
            started.append(None)
            write = start_response(*args, **kw)

            def traced_write(data):
                checks.assert_(type(data) is bytes, "write() argument must be bytes, not %r" % (type(data),))
                recorder.event(
                    "write",
                    size=len(data) if hasattr(data, "__len__") else 0,
                    layer=recorder.layers.innermost() if recorder.layers else None,
                )
                _told(recorder, data)
                return write(data)

            return traced_write

        recorder.event("call")
        # On while the app's code runs: its call here, its iterable's reads and close() in Observed.
        layers = recorder.layers = LayerWatch(
            snapshot, traced_start_response, BoundaryChecks, recorder.started
        )
        began = time.perf_counter()
        layers.calling = True
        try:
            with layers:
                result = app(environ, traced_start_response)
        finally:
            layers.calling = False
            recorder.app_time += (time.perf_counter() - began) * 1000
        recorder.event("return", result=type(result).__name__)
        _where = recorder.returned_at = layers.return_location
        try:
            checks.assert_(
                result is not None and result != False,
                "The application must return an iterator, if only an empty list",
            )
            _check(checks.check_iterator, result)
        finally:
            _where = None
        kind = ObservedSized if hasattr(result, "__len__") else Observed
        return kind(result, recorder, started, layers.return_location)

    return observed


def mount_environ(environ):
    """Mounted under a sub-path (the preview on a static host's project page): SCRIPT_NAME, as a server mounted there sets it."""
    path = environ.get("PATH_INFO", "")
    if mount and path.startswith(mount) and not environ.get("SCRIPT_NAME"):
        environ["SCRIPT_NAME"] = mount
        environ["PATH_INFO"] = path[len(mount) :]
