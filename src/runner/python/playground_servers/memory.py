"""Sockets in memory, so that a ``socketserver`` server the user's code builds is the one that answers.

``wsgiref.simple_server.make_server`` (and any server built on
``socketserver.TCPServer``: ``http.server``'s, Werkzeug's, Paste's) runs its
own code here: the user's ``server_class`` and ``handler_class``, their
``__init__``, ``server_bind``, ``setup_environ``, ``set_app``. Only the
socket is the playground's: a listener that binds nothing and accepts the
request the playground hands it, and a connection that reads the request's
bytes and keeps what is sent. ``serve_forever()`` and ``handle_request()``
make the server the one that answers and return, so the module runs to its
end, as ``python3 app.py`` would until the first request.
"""

import io
import socket as _socket
import socketserver

import playground_observe as observing

_served = None
"""The server the module last started (serve_forever, handle_request), or None."""


def started():
    """The server the module started, if it started one."""
    return _served


def forget():
    """A new build: no server is started yet."""
    global _served
    _served = None


class MemorySocket:
    """One connection: the request's bytes in, the response's out."""

    def __init__(self, data):
        self.data = data
        self.sent = bytearray()

    def makefile(self, mode, buffering=-1):
        if "r" in mode:
            return observing.BufferedReader(io.BytesIO(self.data))
        # A buffered writer, when a handler asks for one (wbufsize != 0).
        return io.BufferedWriter(_Sent(self), buffering if buffering > 0 else io.DEFAULT_BUFFER_SIZE)

    def sendall(self, data):
        self.sent += _bytes_like(data)

    def send(self, data):
        self.sent += _bytes_like(data)
        return len(data)

    def settimeout(self, value):
        pass

    def setblocking(self, flag):
        pass

    def setsockopt(self, *args):
        pass

    def getsockopt(self, *args):
        return 0

    def shutdown(self, how):
        pass

    def close(self):
        pass

    def fileno(self):
        return -1


def _bytes_like(data):
    """`data` as a socket takes it, or the TypeError a socket raises."""
    try:
        return memoryview(data)
    except TypeError:
        raise TypeError(f"a bytes-like object is required, not '{type(data).__name__}'") from None


class _Sent(io.RawIOBase):
    """What a buffered writer over a MemorySocket flushes to."""

    def __init__(self, sock):
        self._sock = sock

    def writable(self):
        return True

    def write(self, data):
        self._sock.sent += data
        return len(data)


class MemoryListener:
    """What ``socketserver.TCPServer`` makes its listening socket of: binds nothing, accepts what it is handed."""

    def __init__(self, family=_socket.AF_INET, type=_socket.SOCK_STREAM, proto=0, fileno=None):
        self.family = family
        self.type = type
        self.address = ("0.0.0.0", 0)
        self.waiting = []

    def bind(self, address):
        host, port = address[:2]
        # What a bound socket reports: the wildcard for '', the port asked for.
        self.address = (host or "0.0.0.0", int(port))

    def getsockname(self):
        return self.address

    def listen(self, backlog=0):
        pass

    def accept(self):
        if not self.waiting:
            raise BlockingIOError("no request is waiting")
        return self.waiting.pop(0)

    def setsockopt(self, *args):
        pass

    def setblocking(self, flag):
        pass

    def settimeout(self, value):
        pass

    def close(self):
        pass

    def fileno(self):
        return -1


class _SocketModule:
    """socketserver's ``socket`` module, but for the sockets it makes."""

    def __getattr__(self, name):
        return getattr(_socket, name)

    socket = MemoryListener


def serve_forever(self, *args, **kwargs):
    """A server's loop, here: make it the one that answers, and return."""
    global _served
    _served = self


def handle_request(self):
    """One request, here: make the server the one that answers, and return."""
    global _served
    _served = self


def install():
    """From now on, servers built on socketserver listen in memory and serve the playground."""
    socketserver.socket = _SocketModule()
    socketserver.BaseServer.serve_forever = serve_forever
    socketserver.BaseServer.handle_request = handle_request


def handle(server, data, client_address):
    """Serve one request, its exact bytes, as the server's loop would: the bytes it sent back.

    What ``_handle_request_noblock`` does with one accepted connection, on
    this thread: a ThreadingMixIn's thread body runs here (there are no
    threads to start), a ForkingMixIn's child's work too.
    """
    connection = MemorySocket(data)
    listener = getattr(server, "socket", None)
    if isinstance(listener, MemoryListener):
        listener.waiting.append((connection, client_address))
        request, client_address = server.get_request()
    else:
        request = connection
    if not server.verify_request(request, client_address):
        server.shutdown_request(request)
        return bytes(connection.sent)
    try:
        if isinstance(server, socketserver.ThreadingMixIn):
            server.process_request_thread(request, client_address)
        elif isinstance(server, getattr(socketserver, "ForkingMixIn", ())):
            server.finish_request(request, client_address)
            server.shutdown_request(request)
        else:
            server.process_request(request, client_address)
    except Exception:
        server.handle_error(request, client_address)
        server.shutdown_request(request)
    except BaseException:
        server.shutdown_request(request)
        raise
    return bytes(connection.sent)
