/**
 * @module snapshot-manifest
 * What the build says of the Python runner's memory snapshot (made by
 * `scripts/python-snapshot.ts`, read as `virtual:python-snapshot`).
 */

/** The snapshot the build ships, under `python/` next to the page. */
export interface SnapshotManifest {
  /** A hash of what it was made from: Pyodide, the server's modules, the code that makes it. */
  spec: string;
  /** Its file name, gzipped, with a hash of its bytes: `snapshot-0123abcd4567.bin.gz`. */
  file: string;
  /** The gzipped file's size: what a first visit downloads. */
  bytes: number;
  /** The memory it restores, in bytes. */
  memoryBytes: number;
}
