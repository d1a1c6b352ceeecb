"""Stand-ins for the modules a server imports that WebAssembly CPython lacks, while it is imported.

``fcntl``, ``pwd``, ``grp`` and ``ssl`` are not in Pyodide's CPython (no
file locks, no users, no TLS), and ``pkg_resources`` is setuptools', not
the standard library's. Gunicorn imports all five at its top level but
needs them only for what the playground does not do (file descriptors'
flags, switching user, TLS, loading workers by entry point). While
``installed()`` is on (Gunicorn's import and the building of its worker),
each one that cannot be imported is a small module
of the names those imports reach for, answering as a Linux machine's would
for the one user there is; afterwards they are taken out of
``sys.modules`` again, so the project's own ``import pwd`` fails as before.
"""

import contextlib
import importlib.util
import os
import sys
import types
from collections import namedtuple


def _fcntl():
    module = types.ModuleType("fcntl")
    module.F_GETFD, module.F_SETFD, module.F_GETFL, module.F_SETFL = 1, 2, 3, 4
    module.FD_CLOEXEC = 1
    module.LOCK_SH, module.LOCK_EX, module.LOCK_NB, module.LOCK_UN = 1, 2, 4, 8
    module.fcntl = lambda fd, cmd, arg=0: 0
    module.flock = lambda fd, operation: None
    module.lockf = lambda fd, cmd, length=0, start=0, whence=0: None
    return module


_passwd = namedtuple("struct_passwd", "pw_name pw_passwd pw_uid pw_gid pw_gecos pw_dir pw_shell")
_group = namedtuple("struct_group", "gr_name gr_passwd gr_gid gr_mem")
_USER = _passwd("pyodide", "x", 0, 0, "", "/home/pyodide", "/bin/sh")
_GROUP = _group("pyodide", "x", 0, [])


def _lookup(records, field, value, what):
    for record in records:
        if getattr(record, field) == value:
            return record
    raise KeyError(f"{what} not found: {value!r}")


def _accounts(name, record, by_id, by_name, everything):
    """pwd or grp: lookups that know the one account there is (its name is field 0, its id field 2)."""
    module = types.ModuleType(name)
    name_field, id_field = record._fields[0], record._fields[2]
    setattr(module, type(record).__name__, type(record))
    setattr(module, by_id, lambda value: _lookup([record], id_field, value, f"{by_id}(): {id_field[3:]}"))
    setattr(module, by_name, lambda value: _lookup([record], name_field, value, f"{by_name}(): name"))
    setattr(module, everything, lambda: [record])
    return module


def _pwd():
    return _accounts("pwd", _USER, "getpwuid", "getpwnam", "getpwall")


def _grp():
    return _accounts("grp", _GROUP, "getgrgid", "getgrnam", "getgrall")


def _ssl():
    module = types.ModuleType("ssl")

    class SSLError(OSError):
        pass

    module.SSLError = SSLError
    module.SSL_ERROR_EOF = 8
    module.PROTOCOL_TLS = module.PROTOCOL_SSLv23 = 2
    module.PROTOCOL_TLS_SERVER = 17
    module.CERT_NONE, module.CERT_OPTIONAL, module.CERT_REQUIRED = 0, 1, 2

    def no_tls(*args, **kwargs):
        raise SSLError("TLS is not available here: the playground's CPython has no ssl module")

    module.wrap_socket = module.create_default_context = module.SSLContext = no_tls
    return module


def _pkg_resources():
    module = types.ModuleType("pkg_resources")

    def no_entry_points(*args, **kwargs):
        raise ImportError("pkg_resources is not here: entry points cannot be loaded by name")

    module.load_entry_point = module.get_distribution = no_entry_points
    module.iter_entry_points = lambda group, name=None: iter(())
    return module


_STANDINS = {"fcntl": _fcntl, "pwd": _pwd, "grp": _grp, "ssl": _ssl, "pkg_resources": _pkg_resources}


_OS_STANDINS = {"geteuid": "getuid", "getegid": "getgid"}
"""os functions WebAssembly CPython lacks, and the ones that answer for them (one user, who is who it runs as)."""


@contextlib.contextmanager
def installed():
    """The stand-ins for what cannot be imported (and os's missing ids), while the block runs."""
    added = []
    for name, make in _STANDINS.items():
        if name in sys.modules or importlib.util.find_spec(name) is not None:
            continue
        sys.modules[name] = make()
        added.append(name)
    os_added = [name for name in _OS_STANDINS if not hasattr(os, name)]
    for name in os_added:
        setattr(os, name, getattr(os, _OS_STANDINS[name]))
    try:
        yield
    finally:
        for name in added:
            sys.modules.pop(name, None)
        for name in os_added:
            delattr(os, name)
