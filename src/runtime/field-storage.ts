/**
 * @module field-storage
 * The form parser the seeds use: a port of CPython's `cgi.FieldStorage`
 * (Python 3.11) for urlencoded and multipart/form-data bodies and query
 * strings, file fields included. `form["name"]` is `form.get("name")`,
 * `"name" in form` is `form.has("name")`; a text field's `value` is a
 * string and a file's is bytes, as in Python.
 */
import { concatBytes } from "./concat-bytes";
import { KeyError, PyTypeError, ValueError } from "./errors";
import { reprBytes } from "./repr";
import { BytesIO } from "./io";
import type { Environ, InputStream } from "./types";
import { parse_qsl, type Encoding } from "./urllib";

/** A field from a query string or an urlencoded body (`cgi.MiniFieldStorage`). */
export class MiniFieldStorage {
  readonly name: string;
  readonly value: string;
  readonly filename: null = null;
  readonly file: null = null;
  readonly type: null = null;
  readonly headers: Record<string, string> = {};

  constructor(name: string, value: string) {
    this.name = name;
    this.value = value;
  }
}

/** The keyword arguments of `FieldStorage`. */
export interface FieldStorageOptions {
  /** Where the body is read from; `environ["wsgi.input"]` when omitted. */
  fp?: InputStream;
  /** The request's environ: method, content type and length, query string. */
  environ?: Partial<Environ> | Record<string, unknown>;
  /** The part's headers (for nested parts); taken from environ when omitted. */
  headers?: Record<string, string>;
  outerboundary?: Uint8Array;
  keep_blank_values?: boolean;
  strict_parsing?: boolean;
  encoding?: Encoding;
  max_num_fields?: number | null;
  separator?: string;
}

type Field = FieldStorage | MiniFieldStorage;

const CRLF = new Uint8Array([0x0d, 0x0a]);

function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function startsWith(line: Uint8Array, prefix: Uint8Array): boolean {
  if (line.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (line[i] !== prefix[i]) return false;
  return true;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && startsWith(a, b);
}

/** `bytes.rstrip()`/`strip()`: ASCII white space. */
function strip(line: Uint8Array, left = true): Uint8Array {
  const space = (byte: number) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
  let start = 0;
  let end = line.length;
  while (end > 0 && space(line[end - 1]!)) end--;
  while (left && start < end && space(line[start]!)) start++;
  return line.subarray(start, end);
}

/** `cgi._parseparam` and `cgi.parse_header`: `form-data; name="a"` → key and parameters. */
export function parse_header(line: string): [string, Record<string, string>] {
  const parts: string[] = [];
  let s = ";" + line;
  while (s.startsWith(";")) {
    s = s.slice(1);
    let end = s.indexOf(";");
    const quotes = (upTo: number) =>
      s.slice(0, upTo).split('"').length - 1 - (s.slice(0, upTo).split('\\"').length - 1);
    while (end > 0 && quotes(end) % 2) end = s.indexOf(";", end + 1);
    if (end < 0) end = s.length;
    parts.push(s.slice(0, end).trim());
    s = s.slice(end);
  }
  const [key = "", ...params] = parts;
  const pdict: Record<string, string> = {};
  for (const param of params) {
    const eq = param.indexOf("=");
    if (eq < 0) continue;
    const name = param.slice(0, eq).trim().toLowerCase();
    let value = param.slice(eq + 1).trim();
    if (value.length >= 2 && value[0] === '"' && value.at(-1) === '"') {
      value = value.slice(1, -1).replace(/\\\\/g, "\\").replace(/\\"/g, '"');
    }
    pdict[name] = value;
  }
  return [key, pdict];
}

/** Part headers as `email.parser.FeedParser` reads them, by lower-case name. */
function parsePartHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  let last: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (!line) continue;
    if (/^[ \t]/.test(line) && last) {
      headers[last] += " " + line.trim();
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    if (!(last in headers)) headers[last] = line.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * Parse a form from a request (`cgi.FieldStorage`): the query string for GET
 * and HEAD, the body for POST (urlencoded or multipart/form-data).
 * @example
 * const form = new FieldStorage({ fp: environ["wsgi.input"], environ, keep_blank_values: true });
 * const name = form.getfirst("name", "");
 */
export class FieldStorage {
  /** The field's name (from Content-Disposition), null at the top level. */
  name: string | null = null;
  /** The uploaded file's name, or null for a text field. */
  filename: string | null = null;
  /** The content type: `multipart/form-data`, `text/plain`, … */
  type: string;
  type_options: Record<string, string>;
  disposition: string;
  disposition_options: Record<string, string>;
  headers: Record<string, string>;
  /** The fields, or null for a single value (a part, or a body that is not a form). */
  list: Field[] | null = null;
  /** A file field's content, as a stream. */
  file: BytesIO | null = null;
  private text: string | null = null;
  private bytes: Uint8Array | null = null;
  private done = 0;
  private readonly fp: InputStream;
  private readonly options: FieldStorageOptions;
  private readonly length: number;
  private readonly binary: boolean;
  private qsOnPost: string | null = null;

  constructor(options: FieldStorageOptions = {}) {
    this.options = options;
    const environ = (options.environ ?? {}) as Record<string, unknown>;
    const method =
      typeof environ.REQUEST_METHOD === "string" ? environ.REQUEST_METHOD.toUpperCase() : "GET";
    let fp = options.fp ?? (environ["wsgi.input"] as InputStream | undefined) ?? new BytesIO();
    let headers = options.headers;
    if (method === "GET" || method === "HEAD") {
      const qs = typeof environ.QUERY_STRING === "string" ? environ.QUERY_STRING : "";
      fp = new BytesIO(bytesOf(qs));
      headers ??= { "content-type": "application/x-www-form-urlencoded" };
    }
    if (!headers) {
      headers = {};
      if (method === "POST") headers["content-type"] = "application/x-www-form-urlencoded";
      if (typeof environ.CONTENT_TYPE === "string") headers["content-type"] = environ.CONTENT_TYPE;
      if (typeof environ.QUERY_STRING === "string") this.qsOnPost = environ.QUERY_STRING;
      if (typeof environ.CONTENT_LENGTH === "string")
        headers["content-length"] = environ.CONTENT_LENGTH;
    }
    this.headers = headers;
    this.fp = fp;
    [this.disposition, this.disposition_options] =
      "content-disposition" in headers ? parse_header(headers["content-disposition"]!) : ["", {}];
    if ("name" in this.disposition_options) this.name = this.disposition_options.name!;
    if ("filename" in this.disposition_options) this.filename = this.disposition_options.filename!;
    this.binary = this.filename !== null;
    const outer = options.outerboundary ?? new Uint8Array(0);
    [this.type, this.type_options] =
      "content-type" in headers
        ? parse_header(headers["content-type"]!)
        : outer.length || method !== "POST"
          ? ["text/plain", {}]
          : ["application/x-www-form-urlencoded", {}];
    const length = Number.parseInt(headers["content-length"] ?? "", 10);
    this.length = /^\s*[+-]?\d+\s*$/.test(headers["content-length"] ?? "") ? length : -1;

    if (this.type === "application/x-www-form-urlencoded") this.readUrlencoded();
    else if (this.type.startsWith("multipart/")) this.readMulti(environ);
    else this.readSingle(outer);
  }

  /** The value: text or bytes for a single field, the field list for a form. */
  get value(): string | Uint8Array | Field[] | null {
    if (this.bytes !== null) return this.bytes;
    if (this.text !== null) return this.text;
    return this.list;
  }

  private parseQsl(qs: string): [string, string][] {
    return parse_qsl(qs, {
      keep_blank_values: this.options.keep_blank_values,
      strict_parsing: this.options.strict_parsing,
      encoding: this.options.encoding,
      max_num_fields: this.options.max_num_fields,
      separator: this.options.separator,
    });
  }

  private readUrlencoded(): void {
    let qs = new TextDecoder().decode(this.fp.read(this.length));
    if (this.qsOnPost) qs += "&" + this.qsOnPost;
    this.list = this.parseQsl(qs).map(([key, value]) => new MiniFieldStorage(key, value));
  }

  private readMulti(environ: Record<string, unknown>): void {
    const ib = this.type_options.boundary ?? "";
    if (!/^[ -~]{0,200}[!-~]$/.test(ib)) {
      throw new ValueError(`Invalid boundary in multipart form: ${reprBytes(bytesOf(ib))}`);
    }
    const list: Field[] = [];
    this.list = list;
    if (this.qsOnPost) {
      for (const [key, value] of this.parseQsl(this.qsOnPost))
        list.push(new MiniFieldStorage(key, value));
    }
    const delimiter = bytesOf("--" + ib);
    let first = this.fp.readline();
    while (!equal(strip(first), delimiter) && first.length) first = this.fp.readline();
    for (;;) {
      const headerLines: Uint8Array[] = [];
      for (;;) {
        const data = this.fp.readline();
        headerLines.push(data);
        if (strip(data).length === 0) break;
      }
      const headerBytes = concatBytes(headerLines);
      if (headerBytes.length === 0) break;
      const headers = parsePartHeaders(new TextDecoder().decode(headerBytes));
      delete headers["content-length"];
      const part = new FieldStorage({
        ...this.options,
        fp: this.fp,
        headers,
        outerboundary: bytesOf(ib),
        environ,
      });
      list.push(part);
      if (part.done) break;
    }
  }

  private readSingle(outer: Uint8Array): void {
    if (this.length >= 0) {
      const data = this.fp.read(this.length);
      if (!this.binary && data.length > 0) {
        throw new PyTypeError("write() argument must be str, not bytes");
      }
      this.store([data]);
      return;
    }
    const chunks: Uint8Array[] = [];
    if (outer.length) this.readToOuterBoundary(outer, chunks);
    else chunks.push(this.fp.read());
    this.store(chunks);
  }

  private store(chunks: Uint8Array[]): void {
    const data = concatBytes(chunks);
    if (this.binary) {
      this.bytes = data;
      this.file = new BytesIO(data);
    } else {
      this.text = new TextDecoder().decode(data);
    }
  }

  /** `read_lines_to_outerboundary`: the CRLF before the boundary is not content. */
  private readToOuterBoundary(outer: Uint8Array, out: Uint8Array[]): void {
    const next = concatBytes([bytesOf("--"), outer]);
    const last = concatBytes([next, bytesOf("--")]);
    let delim: Uint8Array = new Uint8Array(0);
    let lastLineLfEnd = true;
    for (;;) {
      let line: Uint8Array = this.fp.readline(1 << 16);
      if (!line.length) {
        this.done = -1;
        return;
      }
      if (delim.length === 1 && delim[0] === 0x0d) {
        line = concatBytes([delim, line]);
        delim = new Uint8Array(0);
      }
      if (lastLineLfEnd && line[0] === 0x2d && line[1] === 0x2d) {
        const stripped = strip(line, false);
        if (equal(stripped, next)) return;
        if (equal(stripped, last)) {
          this.done = 1;
          return;
        }
      }
      const odelim = delim;
      const n = line.length;
      if (n >= 2 && line[n - 2] === 0x0d && line[n - 1] === 0x0a) {
        delim = CRLF;
        line = line.subarray(0, n - 2);
        lastLineLfEnd = true;
      } else if (line[n - 1] === 0x0a) {
        delim = line.subarray(n - 1);
        line = line.subarray(0, n - 1);
        lastLineLfEnd = true;
      } else if (line[n - 1] === 0x0d) {
        delim = line.subarray(n - 1);
        line = line.subarray(0, n - 1);
        lastLineLfEnd = false;
      } else {
        delim = new Uint8Array(0);
        lastLineLfEnd = false;
      }
      out.push(odelim, line);
    }
  }

  private fields(): Field[] {
    if (this.list === null) throw new PyTypeError("not indexable");
    return this.list;
  }

  /** The field `key`, or a list when it occurs more than once (`form[key]`). */
  get(key: string): Field | Field[] {
    const found = this.fields().filter((item) => item.name === key);
    if (found.length === 0) throw new KeyError(`'${key}'`);
    return found.length === 1 ? found[0]! : found;
  }

  /** True when the form has a field `key` (`key in form`). */
  has(key: string): boolean {
    return this.fields().some((item) => item.name === key);
  }

  /** The value of `key` (a list when repeated), or `default_`. */
  getvalue<T = null>(key: string, default_?: T): FieldValue | FieldValue[] | T {
    if (!this.has(key)) return default_ ?? (null as T);
    const value = this.get(key);
    return Array.isArray(value) ? value.map(valueOf) : valueOf(value);
  }

  /** The first value of `key`, or `default_`. */
  getfirst<T = null>(key: string, default_?: T): FieldValue | T {
    if (!this.has(key)) return default_ ?? (null as T);
    const value = this.get(key);
    return valueOf(Array.isArray(value) ? value[0]! : value);
  }

  /** Every value of `key`, as a list (empty when absent). */
  getlist(key: string): FieldValue[] {
    if (!this.has(key)) return [];
    const value = this.get(key);
    return Array.isArray(value) ? value.map(valueOf) : [valueOf(value)];
  }

  /** The field names, each once, in the order they first appear (Python's order is a set's). */
  keys(): string[] {
    return [...new Set(this.fields().map((item) => item.name ?? ""))];
  }

  /** The number of distinct field names (`len(form)`). */
  get size(): number {
    return this.keys().length;
  }
}

/** What a field's `value` holds: text, or bytes for a file. */
export type FieldValue = string | Uint8Array | Field[] | null;

function valueOf(field: Field): FieldValue {
  return field.value;
}
