"""Cheroot (CherryPy's server), run by its own code: what ``cheroot.wsgi.Server(addr, app).start()`` starts.

``start()`` runs Cheroot's ``prepare()`` (the address resolved and bound,
over the socket in memory; its ``software`` name) and returns instead of
looping. Each request is one ``HTTPConnection`` over a socket in memory,
``communicate()`` until the connection would wait for more: Cheroot's own
parser (its 400s), its ``Gateway_10`` environ, its chunking and status line.

Cheroot would run connections from a selector loop on a pool of threads:
here the pool starts none, and the loop is the connection's.
"""

import sys

from playground_servers import memory, unused

NAME = "Cheroot"
"""The server's name, as the page shows it."""


def patch_server(server):
    """cheroot.server, once imported: its sockets are in memory, and start() returns once prepared."""
    server.socket = memory.SocketModule()

    def serve(self):
        memory.serve_forever(self)

    stop = server.HTTPServer.stop

    def stop_unless_serving(self):
        # start() returned at once where python3's would block until the process ends (as Bottle's
        # `try: server.start() finally: server.stop()` expects): the server that answers keeps on.
        if memory.started() is not self:
            stop(self)

    server.HTTPServer.serve = serve
    server.HTTPServer.stop = stop_unless_serving


def patch_wsgi(wsgi):
    """cheroot.wsgi, once imported: the arguments about its pool and clocks are said not to apply."""
    unused.watch(wsgi.Server, "__init__", NAME, unused.CHEROOT)


def patch_connections(connections):
    """cheroot.connections, once imported: no selector over sockets that are not the system's."""

    class ConnectionManager:
        """Keeps no connection: each request's connection is served whole and closed (handle, below)."""

        def __init__(self, server):
            self.server = server

        can_add_keepalive_connection = True

        def put(self, conn):
            conn.close()

        def stop(self):
            pass

        def close(self):
            pass

    connections.ConnectionManager = ConnectionManager


def patch_threadpool(threadpool):
    """cheroot.workers.threadpool, once imported: the pool starts no worker thread."""
    threadpool.ThreadPool.start = lambda self: None
    threadpool.ThreadPool.stop = lambda self, timeout=5: None


def serves(server):
    """Whether `server` is Cheroot's."""
    module = sys.modules.get("cheroot.server")
    return module is not None and isinstance(server, module.HTTPServer)


APP_ATTRIBUTE = "wsgi_app"
"""The server's attribute that holds the app it calls: swapped for the watched app while a request is served."""


def app_of(server):
    """The app the server serves."""
    return getattr(server, "wsgi_app", None)


def virtual_host(server, name, port, scheme):
    """The request's port as the one Cheroot is bound to (SERVER_PORT); its SERVER_NAME is its own server_name."""
    if isinstance(server.bind_addr, tuple):
        server._bind_addr = (server.bind_addr[0], int(port)) + tuple(server.bind_addr[2:])


def handle(server, data, client_address):
    """One connection through Cheroot's HTTPConnection: the bytes it sent back."""
    local = server.socket.getsockname() if server.socket is not None else ("0.0.0.0", 0)
    connection = memory.MemorySocket(data, local, client_address)
    conn = server.ConnectionClass(server, connection)
    conn.remote_addr, conn.remote_port = client_address[0], client_address[1]
    try:
        # Keep-alive: the next request on the same connection, until Cheroot meets the end of what
        # the client sent (it read ahead, so the socket cannot say) and closes.
        for _ in range(100):
            if not conn.communicate():
                break
    finally:
        conn.close()
    return bytes(connection.sent)
