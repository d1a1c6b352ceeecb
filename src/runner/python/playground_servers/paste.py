"""Python Paste's ``paste.httpserver``, run by its own code, with no thread started.

``httpserver.serve(app, host, port)`` builds Paste's ``WSGIThreadPoolServer``
(or, with ``use_threadpool=False``, its threading ``WSGIServer``) over the
playground's socket in memory, prints what Paste prints, and returns. Its
``WSGIHandler`` answers every request: the environ is Paste's, the status
line and headers are what Paste writes. Paste's thread pool would start ten
threads, which WebAssembly CPython cannot: here each task runs at once, on
the one thread there is, tracked as a worker would track it (the environ's
``paste.httpserver.thread_pool`` is that pool).
"""

import _thread
import sys
import time

from playground_servers import memory, unused


def patch(httpserver):
    """Paste's module, once imported: its pool runs tasks at once, and its loop returns."""

    class ThreadPool(httpserver.ThreadPool):
        """Paste's ThreadPool with no worker threads: a task runs when it is added."""

        def add_worker_thread(self, *args, **kwargs):
            pass

        def add_task(self, task):
            worker = _thread.get_ident()
            self.worker_tracker[worker] = [time.time(), None]
            try:
                task()
            finally:
                self.worker_tracker.pop(worker, None)

        def shutdown(self, force_quit_timeout=0):
            pass

    httpserver.ThreadPool = ThreadPool
    unused.watch(httpserver, "serve", NAME, unused.PASTE)
    # Paste's pool server loops on handle_request() until stopped: here it is started, and returns.
    httpserver.ThreadPoolMixIn.serve_forever = memory.serve_forever


NAME = "Paste"
"""The server's name, as the page shows it."""


def serves(server):
    """Whether `server` is one of Paste's."""
    httpserver = sys.modules.get("paste.httpserver")
    return httpserver is not None and isinstance(server, httpserver.WSGIServerBase)


APP_ATTRIBUTE = "wsgi_application"
"""The server's attribute that holds the app it calls: swapped for the watched app while a request is served."""


def app_of(server):
    """The app the server serves."""
    return server.wsgi_application
