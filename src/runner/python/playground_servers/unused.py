"""What a server is asked for that does not apply here: said once, when the code asks for it.

A server's arguments that change how it answers are honoured (Waitress's
``url_scheme``, Paste's ``handler``, Werkzeug's ``request_handler``…). Those
about threads, processes, queues and timeouts belong to a machine with
sockets and threads: the playground accepts them, serves one request at a
time on the one thread there is, and says so in the log the first time the
code gives one with a value of its own (not the default), so that nobody
tunes ``threads=8`` and wonders why nothing changes. Nothing is said for
what the code does not write: Flask's ``app.run()`` asks Werkzeug for
threads by itself, and that is not the user's to hear about.
"""

import functools
import inspect
import sys

_said = set()
"""(server, argument) pairs said since the build started."""

ONE_THREAD = "a request runs on the one thread there is, one request at a time"
NO_PROCESS = "there is no process to fork: the one CPython answers"
NO_QUEUE = "requests come one at a time from the page, never queued"
NO_CLOCK = "a request ends when the page's time limit (top bar) says"
NO_RELOAD = "the playground builds the project afresh on every edit instead"

PASTE = {
    "threadpool_workers": ONE_THREAD,
    "threadpool_options": ONE_THREAD,
    "daemon_threads": ONE_THREAD,
    "request_queue_size": NO_QUEUE,
    "socket_timeout": NO_CLOCK,
}
"""paste.httpserver.serve's arguments that do not apply here, and why."""

WERKZEUG = {
    "processes": NO_PROCESS,
    "reloader_interval": NO_RELOAD,
    "reloader_type": NO_RELOAD,
    "extra_files": NO_RELOAD,
    "exclude_patterns": NO_RELOAD,
}
"""werkzeug.serving.run_simple's and make_server's arguments that do not apply here, and why."""

WAITRESS = {
    "threads": ONE_THREAD,
    "connection_limit": NO_QUEUE,
    "backlog": NO_QUEUE,
    "channel_timeout": NO_CLOCK,
    "cleanup_interval": NO_CLOCK,
    "asyncore_loop_timeout": NO_CLOCK,
    "asyncore_use_poll": "there is no socket to poll: the connection's bytes are all in memory",
}
"""waitress.serve's and create_server's adjustments that do not apply here, and why."""

CHEROOT = {
    "numthreads": ONE_THREAD,
    "max": ONE_THREAD,
    "request_queue_size": NO_QUEUE,
    "accepted_queue_size": NO_QUEUE,
    "accepted_queue_timeout": NO_CLOCK,
    "timeout": NO_CLOCK,
    "shutdown_timeout": NO_CLOCK,
}
"""cheroot.wsgi.Server's arguments that do not apply here, and why."""


def forget():
    """A new build: nothing said yet."""
    _said.clear()


def say(server, argument, value, why):
    """One line in the log, once per build for each argument: the playground's, not the server's."""
    if (server, argument) in _said:
        return
    _said.add((server, argument))
    sys.stderr.write(f"[playground] {server}: {argument}={value!r} does not apply here: {why}.\n")


def watch(owner, name, server, arguments):
    """Wrap ``owner.name`` (a function, or a class's ``__init__``) to say which of `arguments` it was given."""
    real = getattr(owner, name)
    signature = inspect.signature(real)

    @functools.wraps(real)
    def watched(*args, **kwargs):
        for argument, value in _given(signature, args, kwargs):
            if argument in arguments:
                say(server, argument, value, arguments[argument])
        return real(*args, **kwargs)

    setattr(owner, name, watched)


def _given(signature, args, kwargs):
    """The (argument, value) pairs a call gives that differ from the function's defaults."""
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError:
        return []  # The call itself is wrong: the function will say so.
    given = []
    for argument, value in bound.arguments.items():
        parameter = signature.parameters[argument]
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            given.extend(value.items())
        elif parameter.kind is not inspect.Parameter.VAR_POSITIONAL and value != parameter.default:
            given.append((argument, value))
    return given
