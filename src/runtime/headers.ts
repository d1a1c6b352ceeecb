/**
 * @module headers
 * `wsgiref.headers.Headers`: a list of response headers with dictionary-like
 * access by case-insensitive name. It works on the list it is given, so
 * `start_response(status, headers.items())` sends what was built.
 */
import { AssertionError, PyTypeError, ValueError } from "./errors";
import { pyRepr } from "./repr";
import type { Header } from "./types";

// RFC 9110 section 5.5: no control characters; a value may hold a tab.
// eslint-disable-next-line no-control-regex -- these control characters are the point
export const NAME_DISALLOWED: RegExp = /[\x00-\x1f\x7f]/;
// eslint-disable-next-line no-control-regex -- these control characters are the point
export const VALUE_DISALLOWED: RegExp = /[\x00-\x08\x0a-\x1f\x7f]/;

/** `_convert_string_type`: a str, free of control characters (CR and LF above all). */
function checkString(value: unknown, name: boolean): string {
  if (typeof value === "string") {
    if ((name ? NAME_DISALLOWED : VALUE_DISALLOWED).test(value)) {
      throw new ValueError("Control characters not allowed in headers");
    }
    return value;
  }
  throw new AssertionError(`Header names/values must be of type str (got ${pyRepr(value)})`);
}

/** `_formatparam`: `key="value"`, quoted and escaped. */
function formatParam(param: string, value: string | null): string {
  if (value !== null && value.length > 0) {
    return `${param}="${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  }
  return param;
}

/**
 * Manage a collection of HTTP response headers. Python's `h[name]`,
 * `h[name] = v`, `del h[name]` and `name in h` are `get`, `set`, `delete`
 * and `has` here; `len(h)` is `h.length`; `str(h)` is `h.toString()`.
 * @example
 * const headers = new Headers([["Content-Type", "text/plain"]]);
 * headers.add_header("Content-Disposition", "attachment", { filename: "a.txt" });
 * start_response("200 OK", headers.items());
 */
export class Headers {
  private readonly _headers: Header[];

  constructor(headers: Header[] | null = null) {
    const list = headers ?? [];
    if (!Array.isArray(list)) throw new PyTypeError("Headers must be a list of name/value tuples");
    this._headers = list;
    for (const [name, value] of list) {
      checkString(name, true);
      checkString(value, false);
    }
  }

  /** The number of headers, duplicates included (`len(h)`). */
  get length(): number {
    return this._headers.length;
  }

  /** Replace every `name` header by one with `value` (`h[name] = value`). */
  set(name: string, value: string): void {
    this.delete(name);
    this._headers.push([checkString(name, true), checkString(value, false)]);
  }

  /** Remove every `name` header; no error when there is none (`del h[name]`). */
  delete(name: string): void {
    const lower = checkString(name.toLowerCase(), true);
    const kept = this._headers.filter(([key]) => key.toLowerCase() !== lower);
    this._headers.splice(0, this._headers.length, ...kept);
  }

  /** The first value of `name`, or `default_` (`h.get(name)`, `h[name]`). */
  get(name: string): string | null;
  get<T>(name: string, default_: T): string | T;
  get(name: string, default_: unknown = null): unknown {
    const lower = checkString(name.toLowerCase(), true);
    for (const [key, value] of this._headers) if (key.toLowerCase() === lower) return value;
    return default_;
  }

  /** True when a `name` header is present (`name in h`). */
  has(name: string): boolean {
    return this.get(name) !== null;
  }

  /** Every value of `name`, in order. */
  get_all(name: string): string[] {
    const lower = checkString(name.toLowerCase(), true);
    return this._headers.filter(([key]) => key.toLowerCase() === lower).map(([, value]) => value);
  }

  /** Every name, in order, duplicates included. */
  keys(): string[] {
    return this._headers.map(([key]) => key);
  }

  /** Every value, in order. */
  values(): string[] {
    return this._headers.map(([, value]) => value);
  }

  /** A copy of the `[name, value]` list. */
  items(): Header[] {
    return this._headers.map(([key, value]) => [key, value]);
  }

  /** The first value of `name`; when there is none, add `value` and return it. */
  setdefault(name: string, value: string): string {
    const found = this.get(name);
    if (found !== null) return found;
    this._headers.push([checkString(name, true), checkString(value, false)]);
    return value;
  }

  /**
   * Add a header with parameters; underscores in parameter names become
   * dashes, a null parameter is added as a bare name.
   * @example h.add_header("content-disposition", "attachment", { filename: "bud.gif" })
   */
  add_header(
    _name: string,
    _value: string | null,
    params: Record<string, string | null> = {},
  ): void {
    const parts: string[] = [];
    if (_value !== null) parts.push(checkString(_value, false));
    for (const [key, value] of Object.entries(params)) {
      const name = checkString(key, true).replace(/_/g, "-");
      parts.push(value === null ? name : formatParam(name, checkString(value, false)));
    }
    this._headers.push([checkString(_name, true), parts.join("; ")]);
  }

  /** The headers as HTTP sends them, each line ending in CRLF, then a blank line. */
  toString(): string {
    return [...this._headers.map(([key, value]) => `${key}: ${value}`), "", ""].join("\r\n");
  }

  /** Python's repr: `Headers([('Content-Type', 'text/plain')])`. */
  describe(): string {
    return `Headers([${this._headers.map(([k, v]) => `(${pyRepr(k)}, ${pyRepr(v)})`).join(", ")}])`;
  }
}
