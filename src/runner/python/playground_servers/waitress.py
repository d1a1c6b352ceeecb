"""Waitress, run by its own code: what ``waitress.serve(app, ...)`` and ``create_server`` start.

``serve`` builds Waitress's ``TcpWSGIServer`` from its ``Adjustments``
(``url_scheme``, ``trusted_proxy``, ``clear_untrusted_proxy_headers``,
``ident``, ``expose_tracebacks``…), prints ``Serving on http://…`` through
its logger, and ``run()`` returns. Each request is read by Waitress's own
``HTTPChannel`` from a socket in memory: its parser, its ``WSGITask`` (the
environ, the status line, the headers, chunking, ``100 Continue``) or its
``ErrorTask`` (a 400 for what its parser refuses), its output buffers.

Waitress would run each task on one of its threads and each socket in its
asyncore loop: here a task runs when the loop below finds it, on the one
thread there is, and the loop is one connection's: read what the client
sent, run the tasks, flush what they wrote, until nothing moves.
"""

import sys
from collections import deque

from playground_servers import memory, unused


def patch_task(task):
    """waitress.task, once imported: its dispatcher keeps tasks for the loop below, and starts no thread."""

    class ThreadedTaskDispatcher(task.ThreadedTaskDispatcher):
        """Waitress's dispatcher with no threads: the connection's loop runs each task."""

        def __init__(self):
            super().__init__()
            self.count = 0

        def set_thread_count(self, count):
            self.count = count

        def add_task(self, task):
            self.queue.append(task)

        def shutdown(self, cancel_pending=True, timeout=5):
            self.queue = deque()
            return True

    task.ThreadedTaskDispatcher = ThreadedTaskDispatcher


def patch_trigger(trigger):
    """waitress.trigger, once imported: no pipe to wake the loop with, since the loop never sleeps."""

    class Trigger:
        def __init__(self, map):
            pass

        def pull_trigger(self, thunk=None):
            if thunk is not None:
                thunk()

        def close(self):
            pass

    trigger.trigger = Trigger


def patch_wasyncore(wasyncore):
    """waitress.wasyncore, once imported: its sockets listen in memory."""
    wasyncore.socket = memory.SocketModule()


def patch_server(server):
    """waitress.server, once imported: run() makes the server the one that answers, and returns."""
    server.BaseWSGIServer.run = memory.serve_forever
    server.MultiSocketServer.run = memory.serve_forever
    unused.watch(server, "create_server", NAME, unused.WAITRESS)


NAME = "Waitress"
"""The server's name, as the page shows it."""


def serves(server):
    """Whether `server` is one of Waitress's."""
    module = sys.modules.get("waitress.server")
    return module is not None and isinstance(server, module.BaseWSGIServer)


APP_ATTRIBUTE = "application"
"""The server's attribute that holds the app it calls: swapped for the watched app while a request is served."""


def app_of(server):
    """The app the server serves."""
    return server.application


def virtual_host(server, name, port, scheme):
    """The request's host: Waitress names itself by its ``server_name`` adjustment, and gives its bound port."""
    server.effective_port = int(port)


def handle(server, data, client_address):
    """One connection, its exact bytes, through Waitress's channel: the bytes it sent back."""
    local = (server.effective_host, server.effective_port)
    connection = memory.MemorySocket(data, local, client_address)
    server.set_socket_options(connection)
    channel = server.channel_class(server, connection, server.fix_addr(client_address), server.adj, map=server._map)
    tasks = server.task_dispatcher.queue
    try:
        # What the asyncore loop and a worker thread would do for this one socket, until nothing moves.
        while channel.connected:
            before = (connection.read, len(connection.sent), len(tasks), channel.total_outbufs_len)
            if channel.readable() and connection.unread():
                channel.handle_read()
            while tasks:
                tasks.popleft().service()
            if channel.writable():
                channel.handle_write()
            if (connection.read, len(connection.sent), len(tasks), channel.total_outbufs_len) == before:
                break
    finally:
        tasks.clear()
        if channel.connected or channel._fileno is not None:
            channel.handle_close()
    return bytes(connection.sent)
