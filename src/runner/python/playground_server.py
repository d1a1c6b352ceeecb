"""The playground's server for Python apps: the server the user's code starts (wsgiref's by default).

A request arrives as the exact bytes a client would send. They are handed to
the server the module built (``playground_servers``: CPython's wsgiref,
Paste's, Werkzeug's) over a socket in memory, and the bytes it writes back
are the response: the environ *is* that server's, the status line, headers
and body *are* what it writes. The project is loaded by
``playground_load`` (its entry runs as ``__main__``); what the playground
sees of each request is ``playground_observe``'s. This module is what the
runner Worker calls: ``load_for_runner`` and ``serve_for_runner``.
"""

import io
import json
import sys
import traceback

import playground_observe as observing
import playground_servers as servers
from playground_hints import hints, python2_habits
from playground_load import (
    error_location,
    load,
    redirected,
    relative,
    user_traceback,
)
from playground_progress import Progress
from playground_terminal import say
from playground_where import running_line


def serve(server, raw, server_name, server_port, remote_addr, script_name="", scheme="http", tell=None):
    """Serve one request (its exact bytes) with `server`; returns the response bytes and the report.

    `tell(json, chunk)`, when given, hears how a slow response goes (playground_progress.Progress).
    """
    recorder = observing.recorder = observing.Recorder()
    observing.progress = Progress(tell, recorder) if tell is not None else None
    observing.mount = script_name
    errors = io.StringIO()
    try:
        with redirected(errors):
            try:
                sent, request_version = servers.serve(
                    server, bytes(raw), server_name, server_port, remote_addr, scheme
                )
            except Exception as error:
                # An app's exception is its server's to answer (a 500): this one came out of the server.
                sent, request_version = _server_failed(server, error, recorder), None
    finally:
        observing.recorder = None
        observing.progress = None
    layers = []
    if recorder.layers is not None:
        try:
            recorder.layers.finish()
            layers = recorder.layers.report()
            for message, location, fix in recorder.layers.findings():
                recorder.finding("warning", "layers", message, location, fix)
        except Exception:
            # The app's objects answer hasattr() and repr() as they like; the response stands.
            layers = []
    return sent, {
        # HTTP/0.9 gets the body alone: no status line, no headers.
        "requestVersion": request_version,
        "environ": recorder.environ,
        "trace": recorder.trace,
        "findings": recorder.findings,
        "errors": errors.getvalue(),
        "appTime": recorder.app_time,
        "appHeaders": [list(h) for h in recorder.app_headers or [] if isinstance(h, tuple)],
        "interrupted": recorder.interrupted,
        "layers": layers,
        "server": servers.describe(server),
    }


def _server_failed(server, error, recorder):
    """The server raised inside its own code: a 502 with its traceback, said to be no fault of the app's."""
    name = servers.describe(server)["name"]
    text = "".join(traceback.format_exception(error))
    sys.stderr.write(text)
    message = (
        f"{name} raised {type(error).__name__} inside its own code, so the playground answers 502: "
        "the server (or the playground's way of running it) failed, not your app. The next request is served as usual."
    )
    recorder.finding("error", "playground", message, None, None)
    body = f"502 Bad Gateway\n\n{message}\n\n{text}".encode("utf-8", "replace")
    head = (
        "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode("latin-1") + body


# ---- What the runner Worker calls -------------------------------------------

_server = None
"""The server of the build that last loaded; a build that fails leaves it answering."""

_build_log = ""
"""What the last build printed at its top level: the errors log of the first response after it."""

_entry = None
"""The entry file of the build that last loaded."""


def loaded_entry():
    """The entry file of the build that answers (None before one loaded)."""
    return _entry


def load_for_runner(entry, server=None):
    """Load the build, served by `server` (a name of playground_servers.CHOICES), or as the code starts it.

    {"error": the traceback and fixes, or None; "location": where in the
    project it failed, or None; "summary": the error in one line; "log":
    what the top level printed and warned}.
    """
    global _server, _build_log, _entry
    log = io.StringIO()
    try:
        served, _ = load(entry, log, server)
    except BaseException as error:  # SystemExit from the module too: it must not end the runner
        location = error_location(error)
        text = user_traceback(error)
        # As python3 app.py's terminal shows it, after what the module printed.
        say(text)
        fixes = hints(text)
        if fixes:
            text += "\n" + "\n".join(fixes) + "\n"
        printed = relative(log.getvalue())
        return {
            "error": printed + text,
            "location": location,
            "summary": relative("".join(traceback.format_exception_only(error))).strip(),
            "log": printed,
            "interrupted": running_line(error.__traceback__)
            if isinstance(error, KeyboardInterrupt)
            else None,
        }
    _server = served
    _entry = entry
    _build_log = relative(log.getvalue())
    return {"error": None, "location": None, "log": _build_log}


def serve_for_runner(raw, server_name, server_port, remote_addr, script_name, scheme, tell=None):
    """Serve one request with the loaded app: (response bytes, report as JSON).

    `tell(json, bytes)`, a JavaScript function when given, hears how a slow response goes.
    """
    global _build_log
    # A JavaScript Uint8Array: to_bytes() copies it at once (bytes() would go byte by byte).
    raw = raw.to_bytes() if hasattr(raw, "to_bytes") else bytes(raw)
    told = None
    if tell is not None:
        from pyodide.ffi import to_js

        told = lambda news, chunk: tell(news, to_js(chunk))  # noqa: E731
    sent, report = serve(_server, raw, server_name, server_port, remote_addr, script_name, scheme, told)
    # The build's own output, as a terminal shows it before the first request's log line.
    report["errors"] = _build_log + relative(report["errors"])
    _build_log = ""
    for finding in report["findings"]:
        fixes = hints(finding["message"])
        if fixes:
            finding["fix"] = fixes[0]
    for symptom, fix in python2_habits():
        if symptom in report["errors"] and not any(f.get("fix") == fix for f in report["findings"]):
            message = f"{symptom}: a Python 2 habit, as the errors log shows."
            report["findings"].append(
                {"severity": "warning", "source": "playground", "message": message, "fix": fix}
            )
    return sent, json.dumps(report)
