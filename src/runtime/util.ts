/**
 * @module util
 * Counterparts of `wsgiref.util`.
 */

const HOP_BY_HOP: ReadonlySet<string> = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailers",
  "transfer-encoding",
  "upgrade",
]);

/**
 * True when `header_name` is an HTTP/1.1 hop-by-hop header (`wsgiref.util.is_hop_by_hop`).
 * @example is_hop_by_hop("Connection") // true
 */
export function is_hop_by_hop(header_name: string): boolean {
  return HOP_BY_HOP.has(header_name.toLowerCase());
}

/** What `FileWrapper` reads from: anything with `read(size)` returning bytes. */
export interface FileLike {
  read(size?: number): Uint8Array;
  close?(): void;
}

/**
 * Iterate a file-like object in blocks (`wsgiref.util.FileWrapper`); `close()`
 * closes the file. This is what `environ["wsgi.file_wrapper"]` is.
 * @example return new FileWrapper(file, 8192);
 */
export class FileWrapper implements Iterable<Uint8Array> {
  /** How the inspector shows this class: by wsgiref's name for it. */
  static describe(): string {
    return "class 'wsgiref.util.FileWrapper'";
  }
  readonly filelike: FileLike;
  readonly blksize: number;
  close?: () => void;

  constructor(filelike: FileLike, blksize: number = 8192) {
    this.filelike = filelike;
    this.blksize = blksize;
    if (typeof filelike.close === "function") this.close = () => filelike.close?.();
  }

  *[Symbol.iterator](): Iterator<Uint8Array> {
    for (;;) {
      const data = this.filelike.read(this.blksize);
      if (!data || data.length === 0) return;
      yield data;
    }
  }
}
