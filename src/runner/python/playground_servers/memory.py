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
from playground_where import stack_location

_served = None
"""The server the module last started (serve_forever, handle_request), or None."""

_started_at = None
"""Where in the project's files the server was started ({file, line, column}), or None."""


def started():
    """The server the module started, if it started one."""
    return _served


def started_at():
    """Where the project's code started it (the innermost line of the project's files), or None."""
    return _started_at


def state():
    """What forget() clears, to put back with restore() (a comparison's loads in between)."""
    return _served, _started_at, dict(_listeners)


def restore(saved):
    global _served, _started_at
    _served, _started_at, listeners = saved
    _listeners.clear()
    _listeners.update(listeners)


def forget():
    """A new build: no server is started yet."""
    global _served, _started_at
    _served = _started_at = None
    _listeners.clear()


class MemorySocket:
    """One connection: the request's bytes in, the response's out."""

    def __init__(self, data, local=("0.0.0.0", 0), remote=("0.0.0.0", 0)):
        self.data = data
        self.read = 0
        """How much of `data` recv() has handed out (a server that reads the socket itself: Waitress)."""
        self.sent = bytearray()
        self.local = local
        self.remote = remote
        self.timeout = None

    def __repr__(self):
        # What an accepted socket shows (an app may print environ["werkzeug.socket"]).
        return (
            f"<socket.socket fd={_CONNECTION_FD}, family={int(_socket.AF_INET)}, "
            f"type={int(_socket.SOCK_STREAM)}, proto=0, laddr={self.local!r}, raddr={self.remote!r}>"
        )

    def getsockname(self):
        return self.local

    def getpeername(self):
        return self.remote

    def makefile(self, mode, buffering=-1):
        if "r" in mode:
            return observing.BufferedReader(io.BytesIO(self.data))
        # A buffered writer, when a handler asks for one (wbufsize != 0).
        return io.BufferedWriter(_Sent(self), buffering if buffering > 0 else io.DEFAULT_BUFFER_SIZE)

    def recv(self, size, flags=0):
        """The request's next bytes; b"" once they are all read (here the client sends no more)."""
        chunk = self.data[self.read : self.read + size]
        self.read += len(chunk)
        return chunk

    def recv_into(self, buffer, nbytes=0, flags=0):
        """recv() into `buffer` (socket.SocketIO reads so: Cheroot's files)."""
        chunk = self.recv(nbytes or len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def _decref_socketios(self):
        pass

    def unread(self):
        """Whether recv() has bytes left to give."""
        return self.read < len(self.data)

    def sendall(self, data):
        self.sent += _bytes_like(data)

    def send(self, data):
        self.sent += _bytes_like(data)
        return len(data)

    def settimeout(self, value):
        self.timeout = value

    def gettimeout(self):
        return self.timeout

    def setblocking(self, flag):
        self.timeout = None if flag else 0.0

    def setsockopt(self, *args):
        pass

    def getsockopt(self, level, option, *args):
        return _option(option)

    def shutdown(self, how):
        pass

    def close(self):
        pass

    def fileno(self):
        return -1


def _option(option):
    """What getsockopt() reports: Linux's default buffer sizes, and 0 (off) for the rest."""
    if option in (getattr(_socket, "SO_SNDBUF", 7), getattr(_socket, "SO_RCVBUF", 8)):
        return 65536
    return 0


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


_CONNECTION_FD = 4
"""The descriptor an accepted connection shows: the first after the listener's (3), as under python3."""

_listeners = {}
"""The listeners by the descriptor each shows (``fileno()``), for ``socket.fromfd``."""


class MemoryListener:
    """What ``socketserver.TCPServer`` makes its listening socket of: binds nothing, accepts what it is handed.

    Its descriptor is a number of its own, so that code which passes a
    listening socket on by number (Werkzeug's ``run_simple``, through
    ``WERKZEUG_SERVER_FD``) finds it again with ``socket.fromfd``.
    """

    def __init__(self, family=_socket.AF_INET, type=_socket.SOCK_STREAM, proto=0, fileno=None):
        self.family = family
        self.type = type
        self.address = ("0.0.0.0", 0)
        self.waiting = []
        self.fd = 1000 + len(_listeners)
        _listeners[self.fd] = self

    def __enter__(self):
        return self

    def __exit__(self, *args):
        pass

    def bind(self, address):
        host, port = address[:2]
        # What a bound socket reports: the wildcard for '', the port asked for.
        self.address = (host or "0.0.0.0", int(port))

    def getsockname(self):
        return self.address

    def listen(self, backlog=0):
        pass

    def getsockopt(self, level, option, *args):
        return _option(option)

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

    def set_inheritable(self, inheritable):
        pass

    def close(self):
        pass

    def fileno(self):
        return self.fd

    def detach(self):
        return self.fd


class SocketModule:
    """The ``socket`` module as a server's module sees it: its stream sockets listen in memory.

    ``socket.socket(family, SOCK_STREAM)`` is a MemoryListener, and
    ``socket.fromfd`` finds one again by its number; everything else
    (constants, ``getaddrinfo``, ``timeout``, a datagram socket) is the real
    module's, less what WebAssembly's lacks: ``SO_REUSEADDR`` (Linux's
    value), and ``localhost`` resolving to 127.0.0.1 as a machine's hosts
    file has it (Emscripten's resolver makes up an address for any name).
    """

    SO_REUSEADDR = getattr(_socket, "SO_REUSEADDR", 2)

    def __getattr__(self, name):
        return getattr(_socket, name)

    @staticmethod
    def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
        if isinstance(host, str) and host.lower() == "localhost" and family in (0, _socket.AF_INET):
            host = "127.0.0.1"
        return _socket.getaddrinfo(host, port, family, type, proto, flags)

    @staticmethod
    def socket(family=_socket.AF_INET, type=_socket.SOCK_STREAM, proto=0, fileno=None):
        if type != _socket.SOCK_STREAM:
            return _socket.socket(family, type, proto, fileno)
        return MemoryListener(family, type, proto, fileno)

    @staticmethod
    def fromfd(fd, family, type, proto=0):
        listener = _listeners.get(fd)
        if listener is None:
            raise OSError(9, "Bad file descriptor")
        return listener


def serve_forever(self, *args, **kwargs):
    """A server's loop, here: make it the one that answers, and return."""
    _serve(self)


def handle_request(self):
    """One request, here: make the server the one that answers, and return."""
    _serve(self)


def _serve(server):
    global _served, _started_at
    _served = server
    _started_at = stack_location()


def install():
    """From now on, servers built on socketserver listen in memory and serve the playground."""
    socketserver.socket = SocketModule()
    socketserver.BaseServer.serve_forever = serve_forever
    socketserver.BaseServer.handle_request = handle_request


def handle(server, data, client_address):
    """Serve one request, its exact bytes, as the server's loop would: the bytes it sent back.

    What ``_handle_request_noblock`` does with one accepted connection, on
    this thread: a ThreadingMixIn's thread body runs here (there are no
    threads to start), a ForkingMixIn's child's work too.
    """
    listener = getattr(server, "socket", None)
    local = listener.getsockname() if isinstance(listener, MemoryListener) else ("0.0.0.0", 0)
    connection = MemorySocket(data, local, client_address)
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
