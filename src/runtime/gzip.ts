/**
 * @module gzip
 * `gzip.compress` and `gzip.decompress`, as Python's `gzip` module has them,
 * for middleware that compresses responses.
 */
import { gunzipSync, gzipSync } from "fflate";

/** Python's `gzip` module: compress and decompress bytes in one call. */
export const gzip: {
  /** Gzip-compress bytes (`gzip.compress(data, compresslevel=9)`). */
  compress(data: Uint8Array, compresslevel?: number): Uint8Array;
  /** Decompress gzip bytes (`gzip.decompress(data)`). */
  decompress(data: Uint8Array): Uint8Array;
} = {
  compress(data: Uint8Array, compresslevel: number = 9): Uint8Array {
    return gzipSync(data, {
      level: Math.max(0, Math.min(9, compresslevel)) as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9,
    });
  },
  decompress(data: Uint8Array): Uint8Array {
    return gunzipSync(data);
  },
};
