/**
 * @module validate-wrappers
 * The objects wsgiref.validate puts between the app and the server: the
 * input and error streams, write(), and the body iterator, each checking
 * how it is used.
 */
import { iterateLines } from "./io";
import { pyRepr } from "./repr";
import type { ErrorStream, InputStream, Write } from "./types";
import { assert, guarded, raising, type Reporter } from "./validate-report";

/** `InputWrapper`: wsgi.input as the validator hands it to the app. */
export class InputWrapper implements InputStream {
  private readonly input: InputStream;
  private readonly report: Reporter;

  constructor(wsgiInput: InputStream, report: Reporter = raising(null)) {
    this.input = wsgiInput;
    this.report = report;
  }

  read(...args: [size?: number | null]): Uint8Array {
    guarded(() =>
      assert(
        this.report,
        "input",
        args.length === 1,
        `wsgi.input.read() must be given exactly one argument, the size (got ${args.length} arguments)`,
      ),
    );
    const value = this.input.read(...args);
    guarded(() =>
      assert(
        this.report,
        "input",
        value instanceof Uint8Array,
        "wsgi.input.read() must return bytes",
      ),
    );
    return value;
  }

  readline(...args: [size?: number | null]): Uint8Array {
    guarded(() =>
      assert(
        this.report,
        "input",
        args.length <= 1,
        `wsgi.input.readline() takes at most one argument (got ${args.length})`,
      ),
    );
    const value = this.input.readline(...args);
    guarded(() =>
      assert(
        this.report,
        "input",
        value instanceof Uint8Array,
        "wsgi.input.readline() must return bytes",
      ),
    );
    return value;
  }

  readlines(...args: [hint?: number | null]): Uint8Array[] {
    guarded(() =>
      assert(
        this.report,
        "input",
        args.length <= 1,
        `wsgi.input.readlines() takes at most one argument (got ${args.length})`,
      ),
    );
    const lines = this.input.readlines(...args);
    guarded(() => {
      assert(
        this.report,
        "input",
        Array.isArray(lines),
        "wsgi.input.readlines() must return a list",
      );
      for (const line of lines)
        assert(
          this.report,
          "input",
          line instanceof Uint8Array,
          "wsgi.input.readlines() must return bytes lines",
        );
    });
    return lines;
  }

  [Symbol.iterator](): Iterator<Uint8Array> {
    return iterateLines(this);
  }

  close(): void {
    guarded(() => assert(this.report, "input", false, "input.close() must not be called"));
  }
}

/** `ErrorWrapper`: wsgi.errors as the validator hands it to the app. */
export class ErrorWrapper implements ErrorStream {
  private readonly errors: ErrorStream;
  private readonly report: Reporter;

  constructor(wsgiErrors: ErrorStream, report: Reporter = raising(null)) {
    this.errors = wsgiErrors;
    this.report = report;
  }

  write(s: string): void {
    guarded(() =>
      assert(
        this.report,
        "errors",
        typeof s === "string",
        `wsgi.errors.write() argument must be a str (got ${pyRepr(s)})`,
      ),
    );
    this.errors.write(s);
  }

  flush(): void {
    this.errors.flush();
  }

  writelines(seq: Iterable<string>): void {
    for (const line of seq) this.write(line);
  }

  close(): void {
    guarded(() => assert(this.report, "errors", false, "errors.close() must not be called"));
  }
}

/** `WriteWrapper`: the write() callable as the validator hands it to the app. */
export function writeWrapper(writer: Write, report: Reporter = raising(null)): Write {
  return (s: Uint8Array) => {
    guarded(() =>
      assert(
        report,
        "write",
        s instanceof Uint8Array,
        `write() argument must be bytes (got ${pyRepr(s)})`,
      ),
    );
    writer(s);
  };
}

/** `IteratorWrapper`: the body as the validator hands it to the server. */
export class IteratorWrapper implements Iterable<Uint8Array> {
  private readonly original: unknown;
  private readonly iterator: Iterator<unknown>;
  private closed = false;
  private checkStartResponse: unknown[] | null;
  private readonly report: Reporter;

  constructor(
    wsgiIterator: Iterable<unknown>,
    checkStartResponse: unknown[] | null,
    report: Reporter = raising(null),
  ) {
    this.original = wsgiIterator;
    this.iterator = wsgiIterator[Symbol.iterator]();
    this.checkStartResponse = checkStartResponse;
    this.report = report;
  }

  [Symbol.iterator](): Iterator<Uint8Array> {
    return { next: () => this.next() };
  }

  private next(): IteratorResult<Uint8Array> {
    guarded(() => assert(this.report, "iterator", !this.closed, "Iterator read after closed"));
    const step = this.iterator.next();
    if (step.done) return { done: true, value: undefined };
    const value = step.value;
    if (!(value instanceof Uint8Array)) {
      guarded(() =>
        this.report("iterator", "error", `Iterator yielded non-bytestring (${pyRepr(value)})`),
      );
    }
    if (this.checkStartResponse !== null) {
      const started = this.checkStartResponse.length > 0;
      this.checkStartResponse = null;
      guarded(() =>
        assert(
          this.report,
          "start-response",
          started,
          "The application returns and we started iterating over its body, but start_response has not yet been called",
        ),
      );
    }
    return { done: false, value: value as Uint8Array };
  }

  close(): void {
    this.closed = true;
    const original = this.original as { close?: unknown; return?: unknown; next?: unknown };
    if (typeof original.close === "function") (original.close as () => void).call(original);
    else if (typeof original.return === "function" && typeof original.next === "function") {
      (original.return as () => void).call(original);
    }
  }
}
