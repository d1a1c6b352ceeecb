/**
 * @module urllib
 * The parts of `urllib.parse` a WSGI app needs: `quote`, `unquote`,
 * `parse_qs` and `parse_qsl`, with CPython's rules (a `+` is a space in a
 * query, a bad `%` escape stays as it is, undecodable bytes become U+FFFD).
 * Python's keyword arguments are an options object here.
 */

import { ValueError } from "./errors";
import { encodeLatin1 } from "./latin1";
import { reprStr } from "./repr";

const ALWAYS_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~";
const HEX = /^[0-9a-fA-F]{2}$/;

/** The text encodings these functions take: CPython's names for UTF-8 and Latin-1. */
export type Encoding = "utf-8" | "utf8" | "latin-1" | "latin1" | "iso-8859-1";

function isLatin1(encoding: Encoding): boolean {
  return encoding === "latin-1" || encoding === "latin1" || encoding === "iso-8859-1";
}

function encode(text: string, encoding: Encoding): Uint8Array {
  return isLatin1(encoding) ? encodeLatin1(text) : new TextEncoder().encode(text);
}

function decode(bytes: Uint8Array, encoding: Encoding): string {
  if (!isLatin1(encoding)) return new TextDecoder("utf-8").decode(bytes);
  let out = "";
  for (const byte of bytes) out += String.fromCharCode(byte);
  return out;
}

/**
 * Percent-encode a string (`urllib.parse.quote`): letters, digits, `_.-~`
 * and the `safe` characters stay as they are.
 * @example quote("/a b/ü") // "/a%20b/%C3%BC"
 */
export function quote(string: string, safe: string = "/", encoding: Encoding = "utf-8"): string {
  const keep = new Set(ALWAYS_SAFE + safe);
  let out = "";
  for (const byte of encode(string, encoding)) {
    const char = String.fromCharCode(byte);
    out +=
      byte < 0x80 && keep.has(char) ? char : "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** `urllib.parse.unquote_to_bytes`: each valid `%XX` becomes the byte XX. */
export function unquote_to_bytes(string: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < string.length; i++) {
    const pair = string.slice(i + 1, i + 3);
    if (string[i] === "%" && HEX.test(pair)) {
      bytes.push(parseInt(pair, 16));
      i += 2;
    } else {
      bytes.push(...new TextEncoder().encode(string[i]!));
    }
  }
  return new Uint8Array(bytes);
}

/**
 * Decode `%XX` escapes (`urllib.parse.unquote`). Runs of ASCII are decoded
 * as a whole with `encoding`; other characters are kept as they are.
 * @example unquote("caf%C3%A9") // "café"
 */
export function unquote(string: string, encoding: Encoding = "utf-8"): string {
  if (!string.includes("%")) return string;
  // eslint-disable-next-line no-control-regex -- ASCII runs, NUL included
  return string.replace(/[\x00-\x7f]+/g, (run) =>
    run.includes("%") ? decode(unquote_to_bytes(run), encoding) : run,
  );
}

/** The keyword arguments of `parse_qs` and `parse_qsl`. */
export interface ParseQsOptions {
  /** Keep `name=` and `name` fields, with value `""`. */
  keep_blank_values?: boolean;
  /** Throw on a field without `=` instead of skipping it. */
  strict_parsing?: boolean;
  encoding?: Encoding;
  /** Throw when there are more fields than this. */
  max_num_fields?: number | null;
  separator?: string;
}

/**
 * Parse a query string into `[name, value]` pairs (`urllib.parse.parse_qsl`).
 * @example parse_qsl("a=1&b=x+y") // [["a", "1"], ["b", "x y"]]
 */
export function parse_qsl(qs: string, options: ParseQsOptions = {}): [string, string][] {
  const {
    keep_blank_values = false,
    strict_parsing = false,
    encoding = "utf-8",
    max_num_fields = null,
    separator = "&",
  } = options;
  if (!separator) throw new ValueError("Separator must be of type string or bytes.");
  if (max_num_fields !== null) {
    const fields = qs ? qs.split(separator).length : 0;
    if (max_num_fields < fields) throw new ValueError("Max number of fields exceeded");
  }
  const pairs: [string, string][] = [];
  for (const field of qs ? qs.split(separator) : []) {
    if (!field && !strict_parsing) continue;
    const eq = field.indexOf("=");
    let name: string;
    let value: string;
    if (eq === -1) {
      if (strict_parsing) throw new ValueError(`bad query field: ${reprStr(field)}`);
      if (!keep_blank_values) continue;
      name = field;
      value = "";
    } else {
      name = field.slice(0, eq);
      value = field.slice(eq + 1);
    }
    if (value.length || keep_blank_values) {
      pairs.push([
        unquote(name.replace(/\+/g, " "), encoding),
        unquote(value.replace(/\+/g, " "), encoding),
      ]);
    }
  }
  return pairs;
}

/**
 * Parse a query string into a dictionary of value lists (`urllib.parse.parse_qs`).
 * @example parse_qs("a=1&a=2") // { a: ["1", "2"] }
 */
export function parse_qs(qs: string, options: ParseQsOptions = {}): Record<string, string[]> {
  const result: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [name, value] of parse_qsl(qs, options)) (result[name] ??= []).push(value);
  return result;
}
