/**
 * The Python runner's memory snapshot (every `vite build` and `vite dev`,
 * through the plugin in vite.config.ts): Pyodide's CPython started in Node
 * as a browser starts it, the playground's server imported (wsgiref,
 * http.server, email, … forty standard-library modules), and its whole
 * WebAssembly memory written out, gzipped (25 MB, ~6 MB gzipped). The runner
 * restores it instead of starting CPython: a start then costs what loading
 * the WebAssembly costs, not CPython's initialisation and those imports
 * (see src/runner/python-setup.ts for what a restore renews).
 *
 * A snapshot holds one Pyodide build's memory (Pyodide refuses another
 * build's) and the server's modules as they were compiled: its name holds a
 * hash of its bytes, and it is made again when Pyodide, the server's
 * modules or the code that makes it change; otherwise the last one is kept
 * (its bytes differ run to run: CPython draws its hash seed at start).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { makeSnapshot, SNAPSHOT_START } from "../src/runner/python-setup.ts";
import type { SnapshotManifest } from "../src/runner/snapshot-manifest.ts";
import { serverLibrary } from "./server-library.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Where it writes (not committed); `WSGI_SNAPSHOT_BUILD` moves it. */
export const SNAPSHOT_DIR = process.env.WSGI_SNAPSHOT_BUILD ?? join(ROOT, "build/python");
const PYODIDE = join(ROOT, "node_modules/pyodide");

/** What a snapshot is made from: Pyodide's build, the server's modules, this code. */
function spec(): string {
  return createHash("sha256")
    .update(readFileSync(join(PYODIDE, "pyodide.asm.wasm")))
    .update(readFileSync(join(PYODIDE, "python_stdlib.zip")))
    .update(JSON.stringify(serverLibrary()))
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .update(readFileSync(join(ROOT, "src/runner/python-setup.ts")))
    .digest("hex")
    .slice(0, 16);
}

/** The manifest of the snapshot last made, if it is still there. */
export function readSnapshotManifest(): SnapshotManifest | null {
  try {
    const manifest = JSON.parse(
      readFileSync(join(SNAPSHOT_DIR, "snapshot.json"), "utf8"),
    ) as SnapshotManifest;
    return existsSync(join(SNAPSHOT_DIR, manifest.file)) ? manifest : null;
  } catch {
    return null;
  }
}

/** Make the snapshot unless the one there was made from the same things; its manifest. */
export async function ensureSnapshot(log: (line: string) => void): Promise<SnapshotManifest> {
  const wanted = spec();
  const last = readSnapshotManifest();
  if (last?.spec === wanted) return last;
  log("Snapshotting the Python runner's CPython…");
  const started = performance.now();
  const { loadPyodide } = await import("pyodide");
  const pyodide = await loadPyodide({
    indexURL: `${PYODIDE}/`,
    stdout: () => undefined,
    stderr: () => undefined,
    ...SNAPSHOT_START,
  });
  const memory = makeSnapshot(pyodide, serverLibrary());
  const gzipped = gzipSync(memory, { level: 6 });
  const hash = createHash("sha256").update(gzipped).digest("hex").slice(0, 12);
  const manifest: SnapshotManifest = {
    spec: wanted,
    file: `snapshot-${hash}.bin.gz`,
    bytes: gzipped.length,
    memoryBytes: memory.length,
  };
  mkdirSync(SNAPSHOT_DIR, { recursive: true });
  for (const old of readdirSync(SNAPSHOT_DIR)) rmSync(join(SNAPSHOT_DIR, old));
  writeFileSync(join(SNAPSHOT_DIR, manifest.file), gzipped);
  writeFileSync(join(SNAPSHOT_DIR, "snapshot.json"), JSON.stringify(manifest, null, 2) + "\n");
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(
    `Snapshot ${manifest.file}: ${(memory.length / 2 ** 20).toFixed(1)} MB of memory, ${(gzipped.length / 2 ** 20).toFixed(1)} MB gzipped, in ${seconds} s`,
  );
  return manifest;
}
