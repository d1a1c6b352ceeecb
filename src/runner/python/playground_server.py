"""The playground's server for Python apps: CPython's own wsgiref.

A request arrives as the exact bytes a client would send. They are handed to
``wsgiref.simple_server.WSGIRequestHandler`` over an in-memory socket, and the
bytes it writes back are the response: the environ *is* wsgiref's, the status
line, headers and body *are* what wsgiref writes. Around that code, and only
around it, the playground watches:

- the app is wrapped to record the call trace (the call, ``start_response``,
  each ``write()``, each chunk, ``close()``), with the same checks
  ``wsgiref.validate`` makes, run without raising: ``wsgiref.validate.assert_``
  is replaced by a function that records the message (CPython's own) and the
  line of the user's code that was running;
- wsgiref's ``ServerHandler`` is subclassed to note when the headers went out
  and what went wrong in the server itself (its exceptions are logged as
  wsgiref logs them, to the errors stream);
- the module runs as ``__main__``: ``make_server()`` (and the playground's
  ``paste.httpserver.serve()``) register the app instead of opening a socket,
  and ``serve_forever()`` returns.
"""

import importlib
import io
import linecache
import os
import runpy
import sys
import time
import traceback
import warnings
import wsgiref.simple_server as simple_server
import wsgiref.validate as validate

PROJECT = "/home/pyodide/project"
"""Where the project's files are written; it is the first entry of sys.path."""

_registered = None
"""The app the module gave to make_server() or paste's serve(), if any."""


# ---- The user's module ------------------------------------------------------


def register(app):
    """Make `app` the one that answers the playground's requests."""
    global _registered
    _registered = app


class PlaygroundServer:
    """What ``make_server()`` returns: a server with no socket.

    ``serve_forever()`` and ``handle_request()`` register the app and return
    at once, so the module runs to its end; the playground then sends it
    requests itself.
    """

    def __init__(self, host, port, app):
        self.server_address = (host, port)
        self.server_name = host or "localhost"
        self.server_port = port
        self.application = app
        register(app)

    def set_app(self, application):
        self.application = application
        register(application)

    def get_app(self):
        return self.application

    def serve_forever(self, poll_interval=0.5):
        register(self.application)

    def handle_request(self):
        register(self.application)

    def shutdown(self):
        pass

    def server_close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *args):
        pass


def make_server(host, port, app, server_class=None, handler_class=None):
    """wsgiref.simple_server.make_server, as the playground runs it: no socket."""
    return PlaygroundServer(host, port, app)


def _forget_project_modules():
    """A new build imports the project's modules afresh."""
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None) or ""
        if path.startswith(PROJECT + "/"):
            del sys.modules[name]


def load(entry, log):
    """Run the entry file as __main__; return the app it serves.

    Output of print() at the top level goes to `log`. Raises LookupError when
    the module serves no app.
    """
    global _registered
    _registered = None
    _forget_project_modules()
    # Files were written, renamed or deleted since the last build, maybe within
    # the same second: the import system's cached directory listings are stale.
    importlib.invalidate_caches()
    if PROJECT not in sys.path:
        sys.path.insert(0, PROJECT)
    # `python3 app.py` run from the project's folder: open("templates/page.html") works.
    os.chdir(PROJECT)
    simple_server.make_server = make_server
    with _redirected(log):
        namespace = runpy.run_path(os.path.join(PROJECT, entry), run_name="__main__")
    app = _registered or namespace.get("application") or namespace.get("app")
    if app is None:
        raise LookupError(
            f"{entry} serves no WSGI app: pass it to make_server(host, port, app), "
            "or name it application (mod_wsgi's name) or app."
        )
    if not callable(app):
        raise LookupError(f"The app {entry} serves is not callable: {app!r}.")
    return app


class _redirected:
    """print() output (and anything written to stdout or stderr) goes to `stream`."""

    def __init__(self, stream):
        self.stream = stream

    def __enter__(self):
        self.saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = self.stream

    def __exit__(self, *args):
        sys.stdout, sys.stderr = self.saved


# ---- Where in the user's code -----------------------------------------------


def _user_location(frames):
    """The innermost frame in the project's files, as {file, line, column}."""
    found = None
    for filename, line in frames:
        if filename.startswith(PROJECT + "/"):
            found = {"file": filename[len(PROJECT) + 1 :], "line": line, "column": 1}
    return found


def stack_location():
    """Where the user's code is now."""
    return _user_location((f.filename, f.lineno) for f in traceback.extract_stack())


def traceback_location(tb):
    """Where the user's code was when an exception was raised."""
    return _user_location((f.filename, f.lineno) for f in traceback.extract_tb(tb))


# ---- One request ------------------------------------------------------------


class Recorder:
    """What the playground reports for one request besides the bytes."""

    def __init__(self):
        self.started = time.perf_counter()
        self.trace = []
        self.findings = []
        self.environ = None
        self.app_headers = None
        self.app_time = 0.0

    def at(self):
        return (time.perf_counter() - self.started) * 1000

    def event(self, kind, **fields):
        self.trace.append({"kind": kind, "at": self.at(), **fields})

    def finding(self, severity, source, message, location=None):
        for known in self.findings:
            if known["message"] == message and known.get("location") == location:
                return
        entry = {"severity": severity, "source": source, "message": message}
        if location:
            entry["location"] = location
        self.findings.append(entry)


_recorder = None
"""The request being served: wsgiref.validate's checks report to it."""


def _record_assert(cond, *args):
    """wsgiref.validate.assert_, recording instead of raising."""
    if not cond and _recorder is not None:
        message = str(args[0]) if args else "assertion failed"
        _recorder.finding("warning", "validate", message, stack_location())


validate.assert_ = _record_assert


def _check(function, *args):
    """Run one of wsgiref.validate's checks; a check that cannot go on after a failure stops there."""
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            function(*args)
        for warning in caught:
            _recorder.finding("warning", "validate", str(warning.message), stack_location())
    except Exception:
        pass


def snapshot(environ):
    """The environ as Python shows it: str values as they are, the rest as their repr()."""
    return {
        key: value if isinstance(value, str) else {"repr": repr(value)}
        for key, value in environ.items()
    }


class _Observed:
    """The app's iterable, watched: each chunk, and close(), with validate's checks.

    len() is the iterable's own, so wsgiref still adds Content-Length to a
    one-chunk body exactly as it would without the playground.
    """

    def __init__(self, iterable, recorder, started):
        self.iterable = iterable
        self.iterator = None
        self.recorder = recorder
        self.started = started
        self.closed = False

    def __len__(self):
        return len(self.iterable)

    def __iter__(self):
        self.iterator = iter(self.iterable)
        return self

    def __next__(self):
        recorder = self.recorder
        validate.assert_(not self.closed, "Iterator read after closed")
        began = time.perf_counter()
        try:
            chunk = next(self.iterator)
        finally:
            recorder.app_time += (time.perf_counter() - began) * 1000
        if type(chunk) is not bytes:
            validate.assert_(False, "Iterator yielded non-bytestring (%r)" % (chunk,))
        if not self.started:
            validate.assert_(
                False,
                "The application returns and we started iterating over its body, "
                "but start_response has not yet been called",
            )
        self.started = True
        size = len(chunk) if isinstance(chunk, (bytes, bytearray, str)) else 0
        recorder.event("chunk", size=size)
        return chunk

    def close(self):
        self.closed = True
        if hasattr(self.iterable, "close"):
            self.recorder.event("close")
            self.iterable.close()


def observe(app, recorder):
    """The app as the server calls it, watched (see the module's docstring)."""

    def observed(environ, start_response):
        recorder.environ = snapshot(environ)
        _check(validate.check_environ, environ)
        started = []

        def traced_start_response(*args, **kw):
            validate.assert_(
                len(args) == 2 or len(args) == 3, "Invalid number of arguments: %s" % (args,)
            )
            validate.assert_(not kw, "No keyword arguments allowed")
            status = args[0] if args else None
            headers = args[1] if len(args) > 1 else None
            exc_info = args[2] if len(args) == 3 else None
            recorder.event(
                "start_response",
                status=repr(status),
                headers=repr(headers),
                excInfo=None if exc_info is None else repr(exc_info[1] if exc_info else exc_info),
            )
            _check(validate.check_status, status)
            _check(validate.check_headers, headers)
            _check(validate.check_content_type, status, headers)
            _check(validate.check_exc_info, exc_info)
            # A copy: wsgiref adds Content-Length to the app's own list.
            recorder.app_headers = list(headers) if isinstance(headers, list) else headers
            started.append(None)
            write = start_response(*args, **kw)

            def traced_write(data):
                validate.assert_(
                    type(data) is bytes, "write() argument must be bytes, not %r" % (type(data),)
                )
                recorder.event("write", size=len(data) if hasattr(data, "__len__") else 0)
                return write(data)

            return traced_write

        recorder.event("call")
        began = time.perf_counter()
        try:
            result = app(environ, traced_start_response)
        finally:
            recorder.app_time += (time.perf_counter() - began) * 1000
        recorder.event("return", result=type(result).__name__)
        validate.assert_(
            result is not None and result != False,
            "The application must return an iterator, if only an empty list",
        )
        _check(validate.check_iterator, result)
        return _Observed(result, recorder, bool(started))

    return observed


class ObservedHandler(simple_server.ServerHandler):
    """wsgiref's ServerHandler, noting when the headers went out and what broke in the server."""

    # Pyodide's os.environ (USER, PYTHONINSPECT, …) is no server's environment.
    os_environ = {}

    def send_headers(self):
        super().send_headers()
        if _recorder is not None:
            _recorder.event("headers-sent")

    def log_exception(self, exc_info):
        if _recorder is not None:
            error = exc_info[1]
            _recorder.event("exception", message=f"{type(error).__name__}: {error}")
            _recorder.finding(
                "error",
                "handlers",
                f"{type(error).__name__}: {error}",
                traceback_location(exc_info[2]),
            )
        super().log_exception(exc_info)


# The request handler looks ServerHandler up in its module when it runs.
simple_server.ServerHandler = ObservedHandler


class MemorySocket:
    """Just enough of a socket for StreamRequestHandler: the request's bytes in, the response's out."""

    def __init__(self, data):
        self.data = data
        self.sent = bytearray()

    def makefile(self, mode, buffering=-1):
        if "r" in mode:
            return io.BufferedReader(io.BytesIO(self.data))
        raise OSError("the playground's socket writes unbuffered")

    def sendall(self, data):
        self.sent += data

    def settimeout(self, value):
        pass

    def setsockopt(self, *args):
        pass

    def fileno(self):
        return -1


class PlaygroundRequestHandler(simple_server.WSGIRequestHandler):
    """wsgiref's request handler, writing unbuffered to the in-memory socket, its log to `errors`."""

    wbufsize = 0
    errors = None

    def get_stderr(self):
        return self.errors

    def log_message(self, format, *args):
        message = (format % args).translate(self._control_char_table)
        self.errors.write(
            "%s - - [%s] %s\n" % (self.address_string(), self.log_date_time_string(), message)
        )

    def get_environ(self):
        env = super().get_environ()
        # Mounted under a sub-path (the preview on a static host's project page).
        script_name = self.server.script_name
        if script_name and env.get("PATH_INFO", "").startswith(script_name):
            env["SCRIPT_NAME"] = script_name
            env["PATH_INFO"] = env["PATH_INFO"][len(script_name) :]
        return env


class _Server(simple_server.WSGIServer):
    """A WSGIServer that was never bound: its name and port are the virtual host's."""

    def __init__(self, name, port, app, script_name, scheme):
        # Not socketserver's __init__: there is no socket to bind.
        self.server_name = name
        self.server_port = port
        self.script_name = script_name
        self.setup_environ()
        if scheme == "https":
            self.base_environ["HTTPS"] = "on"
        self.application = app


def serve(app, raw, server_name, server_port, remote_addr, script_name="", scheme="http"):
    """Serve one request (its exact bytes) with `app`; returns the response bytes and the report."""
    global _recorder
    recorder = _recorder = Recorder()
    errors = io.StringIO()
    sock = MemorySocket(bytes(raw))
    server = _Server(server_name, server_port, observe(app, recorder), script_name, scheme)
    handler_class = type("Handler", (PlaygroundRequestHandler,), {"errors": errors})
    try:
        with _redirected(errors):
            handler = handler_class(sock, (remote_addr, 0), server)
    finally:
        _recorder = None
    return bytes(sock.sent), {
        # HTTP/0.9 gets the body alone: no status line, no headers.
        "requestVersion": getattr(handler, "request_version", None),
        "environ": recorder.environ,
        "trace": recorder.trace,
        "findings": recorder.findings,
        "errors": errors.getvalue(),
        "appTime": recorder.app_time,
        "appHeaders": [list(h) for h in recorder.app_headers or [] if isinstance(h, tuple)],
    }


# ---- What the runner Worker calls -------------------------------------------

_app = None
"""The app of the build that loaded."""

_HINTS = [
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


def hints(text):
    """The Python 3 fixes for the Python 2 habits `text` shows, one per line."""
    return [fix for symptom, fix in _HINTS if symptom in text]


def _relative(text):
    """Tracebacks name the project's files as the user knows them."""
    return text.replace(PROJECT + "/", "")


def _user_traceback(error):
    """The traceback as `python app.py` would print it: the user's frames, not the loader's."""
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename.startswith(PROJECT + "/")
    ]
    lines = ["Traceback (most recent call last):\n"] if frames else []
    lines += traceback.format_list(frames)
    lines += traceback.format_exception_only(type(error), error)
    return _relative("".join(lines))


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


def load_for_runner(entry):
    """Load the build.

    {"error": the traceback and fixes, or None; "location": where in the
    project it failed, or None; "log": what the top level printed}.
    """
    global _app
    log = io.StringIO()
    try:
        _app = load(entry, log)
        return {"error": None, "location": None, "log": _relative(log.getvalue())}
    except BaseException as error:  # SystemExit from the module too: it must not end the runner
        text = _user_traceback(error)
        fixes = hints(text)
        if fixes:
            text += "\n" + "\n".join(fixes) + "\n"
        return {
            "error": log.getvalue() + text,
            "location": error_location(error),
            "summary": _relative("".join(traceback.format_exception_only(type(error), error))).strip(),
            "log": _relative(log.getvalue()),
        }


def serve_for_runner(raw, server_name, server_port, remote_addr, script_name, scheme):
    """Serve one request with the loaded app: (response bytes, report as JSON)."""
    import json

    # A JavaScript Uint8Array: to_bytes() copies it at once (bytes() would go byte by byte).
    raw = raw.to_bytes() if hasattr(raw, "to_bytes") else bytes(raw)
    sent, report = serve(_app, raw, server_name, server_port, remote_addr, script_name, scheme)
    report["errors"] = _relative(report["errors"])
    for finding in report["findings"]:
        fixes = hints(finding["message"])
        if fixes:
            finding["fix"] = fixes[0]
    for symptom, fix in _HINTS:
        if symptom in report["errors"] and not any(f.get("fix") == fix for f in report["findings"]):
            message = f"{symptom}: a Python 2 habit, as the errors log shows."
            report["findings"].append(
                {"severity": "warning", "source": "playground", "message": message, "fix": fix}
            )
    return sent, json.dumps(report)
