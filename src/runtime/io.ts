/**
 * @module io
 * In-memory streams, as Python's `io.BytesIO` and `io.StringIO`: the server
 * uses them for `wsgi.input` (exactly the body bytes the request carried,
 * so reading past the end returns empty bytes at once, where a socket would
 * block) and `wsgi.errors`, and `setup_testing_defaults` for test environs.
 */
import { pyTypeName } from "./repr";
import type { ErrorStream, InputStream } from "./types";

const EMPTY = new Uint8Array(0);
const NEWLINE = 0x0a;

function sizeArg(size: unknown, method: string): number | null {
  if (size === undefined || size === null) return null;
  if (typeof size !== "number" || !Number.isInteger(size)) {
    throw new TypeError(
      `argument should be integer or None, not '${pyTypeName(size)}' (${method})`,
    );
  }
  return size < 0 ? null : size;
}

/** Iterate a binary stream line by line, as Python's `for line in stream`. */
export function* iterateLines(stream: {
  readline(): Uint8Array;
}): Generator<Uint8Array, void, unknown> {
  for (;;) {
    const line = stream.readline();
    if (line.length === 0) return;
    yield line;
  }
}

/**
 * A binary stream over bytes (`io.BytesIO`), readable as `wsgi.input`.
 * @example new BytesIO(b`name=Ada`).read() // the 8 bytes
 */
export class BytesIO implements InputStream {
  private position = 0;
  private readonly data: Uint8Array;

  constructor(data: Uint8Array = new Uint8Array(0)) {
    this.data = data;
  }

  /** How the inspector shows this stream. */
  describe(): string {
    return `BytesIO: ${this.data.length} bytes`;
  }

  /** Bytes consumed so far. */
  get consumed(): number {
    return this.position;
  }

  read(size?: number | null): Uint8Array {
    const n = sizeArg(size, "read");
    const end = n === null ? this.data.length : Math.min(this.data.length, this.position + n);
    return this.take(end);
  }

  readline(size?: number | null): Uint8Array {
    const n = sizeArg(size, "readline");
    const limit = n === null ? this.data.length : Math.min(this.data.length, this.position + n);
    const newline = this.data.indexOf(NEWLINE, this.position);
    const end = newline === -1 || newline >= limit ? limit : newline + 1;
    return this.take(end);
  }

  readlines(hint?: number | null): Uint8Array[] {
    const n = sizeArg(hint, "readlines");
    const lines: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const line = this.readline();
      if (line.length === 0) break;
      lines.push(line);
      total += line.length;
      if (n !== null && n > 0 && total >= n) break;
    }
    return lines;
  }

  [Symbol.iterator](): Iterator<Uint8Array> {
    return iterateLines(this);
  }

  private take(end: number): Uint8Array {
    if (end <= this.position) return EMPTY;
    const out = this.data.slice(this.position, end);
    this.position = end;
    return out;
  }
}

/**
 * A text stream that keeps what is written (`io.StringIO`), usable as `wsgi.errors`.
 * @example const log = new StringIO(); log.write("hi"); log.getvalue() // "hi"
 */
export class StringIO implements ErrorStream {
  private readonly parts: string[] = [];

  write(text: string): void {
    if (typeof text !== "string") {
      throw new TypeError(`write() argument must be str, not ${pyTypeName(text)}`);
    }
    this.parts.push(text);
  }

  writelines(lines: Iterable<string>): void {
    for (const line of lines) this.write(line);
  }

  flush(): void {}

  /** How the inspector shows this stream. */
  describe(): string {
    return "StringIO";
  }

  /** Everything written so far. */
  getvalue(): string {
    return this.parts.join("");
  }
}
