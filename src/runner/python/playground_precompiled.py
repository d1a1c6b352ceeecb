"""Standard-library modules the frameworks import, compiled at build time.

Pyodide's standard library is a zip of sources (``/lib/python312.zip``):
CPython's zipimport compiles a module's source each time a process imports
it, and a new build imports afresh (playground_load). The frameworks pull in
modules no build of the server needs (``decimal``, ``uuid``,
``urllib.request``, ``http.cookiejar``, …), so their stacks carry those
modules' code, compiled by the same CPython from the same sources
(scripts/frameworks.ts), under ``playground-pyc/<module>.pyc``.

A finder in front of the others finds a module as the import system would
(the project's own ``decimal.py`` still wins) and, when that is the
standard library's and its code was compiled, runs the compiled code:
``__file__``, ``__spec__``, ``get_source()`` and so tracebacks stay the zip's.

Finding is cheap too: zipimport works out a module's file name, which every
import asks for to make the spec, by reading and compiling its source (3.12's
``zipimporter.get_filename``), so each module from the zip was compiled twice
and a compiled one once. The zip's importer here reads the name off the
zip's directory instead, where the same search finds it; the spec is the same.
"""

import importlib.abc
import importlib.machinery
import marshal
import os
import sys
import zipimport

PYC_DIR = "/lib/python3.12/playground-pyc"
STDLIB = "/lib/python312.zip/"

_compiled = {}
"""Module name -> its compiled file, for what the unpacked stacks carry."""


def refresh():
    """Read which modules have compiled code (after a stack is unpacked)."""
    _compiled.clear()
    if os.path.isdir(PYC_DIR):
        for name in os.listdir(PYC_DIR):
            if name.endswith(".pyc"):
                _compiled[name[: -len(".pyc")]] = os.path.join(PYC_DIR, name)


class PrecompiledLoader(importlib.abc.InspectLoader):
    """The zip's loader, but for the code: read from the compiled file."""

    def __init__(self, loader, pyc):
        self._loader = loader
        self._pyc = pyc

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        exec(self.get_code(module.__name__), module.__dict__)

    def get_code(self, fullname):
        with open(self._pyc, "rb") as compiled:
            data = compiled.read()
        # The 16-byte header: magic, flags (an unchecked hash), the source's hash.
        return marshal.loads(memoryview(data)[16:])

    def get_source(self, fullname):
        return self._loader.get_source(fullname)

    def is_package(self, fullname):
        return self._loader.is_package(fullname)

    def __getattr__(self, name):
        return getattr(self._loader, name)


class PrecompiledFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        pyc = _compiled.get(name)
        if pyc is None:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is None or not (spec.origin or "").startswith(STDLIB):
            return None
        spec.loader = PrecompiledLoader(spec.loader, pyc)
        return spec


class StandardLibraryZip(zipimport.zipimporter):
    """The zip's importer, less the compile in ``get_filename``."""

    def get_filename(self, fullname):
        path = self.prefix + fullname.rpartition(".")[2]
        for suffix, isbytecode, _ in zipimport._zip_searchorder:
            entry = self._files.get(path + suffix)
            if entry is None:
                continue
            if isbytecode:
                # Compiled code in the zip: zipimport checks it, and may pass it over.
                return super().get_filename(fullname)
            return entry[0]
        raise zipimport.ZipImportError(f"can't find module {fullname!r}", name=fullname)


def _in_zip(path):
    return path == STDLIB.rstrip("/") or path.startswith(STDLIB)


def standard_library_zip(path):
    """sys.path_hooks' zipimporter, but StandardLibraryZip for the zip and its packages."""
    return StandardLibraryZip(path) if _in_zip(path) else zipimport.zipimporter(path)


def _faster_zip():
    """The standard library's zip, and its packages' folders, import through StandardLibraryZip."""
    sys.path_hooks[:] = [
        standard_library_zip if hook is zipimport.zipimporter else hook for hook in sys.path_hooks
    ]
    for path, importer in list(sys.path_importer_cache.items()):
        if type(importer) is zipimport.zipimporter and _in_zip(path):
            sys.path_importer_cache[path] = StandardLibraryZip(path)


_faster_zip()
if not any(isinstance(finder, PrecompiledFinder) for finder in sys.meta_path):
    sys.meta_path.insert(0, PrecompiledFinder())
refresh()
