/**
 * The compiled code a framework stack carries (see scripts/frameworks.ts
 * and src/runner/python/playground_precompiled.py), made by Pyodide's own
 * CPython in Node, so its bytecode is the runner's.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { importServer, installLibrary } from "../src/runner/python-setup.ts";
import { serverLibrary } from "./server-library.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** CPython's library folder in Pyodide: the archives unpack there. */
const PYTHON_LIB = "/lib/python3.12";
/** Where it finds installed packages (the stacks' files, `site-packages/…` in an archive). */
const SITE_PACKAGES = `${PYTHON_LIB}/site-packages`;
/** The standard-library modules a stack imports, compiled (see playground_precompiled.py). */
const PYC_DIR = `${PYTHON_LIB}/playground-pyc`;

/**
 * The compiled code a stack carries, by its path under CPython's library
 * folder (the archive's root): each of its modules' .pyc, next to the source,
 * and the standard-library modules importing the stack brings in, as
 * `playground-pyc/<module>.pyc` (see playground_precompiled.py). Compiled
 * by Pyodide's CPython, with unchecked hashes: the import never reads the
 * source to validate them (the same sources are in the same Pyodide).
 */
export async function compileStack(
  files: Map<string, Uint8Array>,
  importable: string[],
): Promise<Map<string, Uint8Array>> {
  const { loadPyodide } = await import("pyodide");
  // A CPython of its own per stack: its site-packages then holds that stack only.
  const pyodide = await loadPyodide({ indexURL: join(ROOT, "node_modules/pyodide") + "/" });
  const fs = pyodide.FS;
  for (const [path, bytes] of files) {
    if (!path.endsWith(".py")) continue;
    fs.mkdirTree(dirname(`${SITE_PACKAGES}/${path}`));
    fs.writeFile(`${SITE_PACKAGES}/${path}`, bytes);
  }
  // The playground's server, as the runner has it before any build: what it imports is no stack's.
  installLibrary(pyodide, serverLibrary());
  importServer(pyodide);
  const failed = pyodide.runPython(`
import compileall, contextlib, importlib, importlib.util, io, marshal, os, py_compile, sys
out = io.StringIO()
with contextlib.redirect_stdout(out):
    ok = compileall.compile_dir(${JSON.stringify(SITE_PACKAGES)}, quiet=1,
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
if ok:
    before = set(sys.modules)
    for name in ${JSON.stringify(importable)}:
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                importlib.import_module(name)
        except BaseException:
            pass  # a module for another platform, or an optional dependency missing
    os.makedirs(${JSON.stringify(PYC_DIR)}, exist_ok=True)
    for name, module in sorted(sys.modules.items()):
        origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
        if name in before or not origin.startswith("/lib/python312.zip/") or not origin.endswith(".py"):
            continue
        source = module.__spec__.loader.get_source(name)
        code = compile(source, origin, "exec", dont_inherit=True)
        data = bytearray(importlib.util.MAGIC_NUMBER)
        data += (0b01).to_bytes(4, "little")  # hash-based, unchecked
        data += importlib.util.source_hash(source.encode("utf-8"))
        data += marshal.dumps(code)
        with open(os.path.join(${JSON.stringify(PYC_DIR)}, name + ".pyc"), "wb") as pyc:
            pyc.write(data)
"" if ok else out.getvalue()
`) as string;
  if (failed) throw new Error(`Pyodide's CPython could not compile the frameworks:\n${failed}`);
  const compiled = new Map<string, Uint8Array>();
  const read = (dir: string) => {
    for (const name of fs.readdir(dir) as string[]) {
      if (name === "." || name === "..") continue;
      const full = `${dir}/${name}`;
      if (fs.isDir(fs.stat(full).mode)) read(full);
      else if (name.endsWith(".pyc"))
        compiled.set(full.slice(PYTHON_LIB.length + 1), fs.readFile(full));
    }
  };
  read(SITE_PACKAGES);
  read(PYC_DIR);
  return compiled;
}
