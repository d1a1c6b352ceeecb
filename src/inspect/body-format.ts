/**
 * @module body-format
 * How a response body is shown: which view suits its Content-Type, how its
 * bytes decode, and its hex dump rows. Pure functions, so the views stay
 * thin and the rules are tested.
 */

/** The body views. */
export type BodyViewKind = "pretty" | "raw" | "hex" | "rendered";

/** Decodings the Raw view offers. */
export const DECODINGS = ["utf-8", "latin-1", "utf-16le", "utf-16be", "windows-1252"] as const;
export type Decoding = (typeof DECODINGS)[number];

/** Bodies larger than this are not pretty-printed (it would block the page). */
export const PRETTY_LIMIT = 2 * 1024 * 1024;

/** The media type and charset of a Content-Type value. */
export function parseContentType(value: string | undefined): {
  type: string;
  charset: string | null;
} {
  if (!value) return { type: "", charset: null };
  const [type = "", ...params] = value.split(";");
  const charset = params
    .map((p) => p.trim())
    .find((p) => p.toLowerCase().startsWith("charset="))
    ?.slice(8)
    .replace(/^"|"$/g, "")
    .toLowerCase();
  return { type: type.trim().toLowerCase(), charset: charset ?? null };
}

/** True for media types that are JSON. */
export function isJson(type: string): boolean {
  return type === "application/json" || type.endsWith("+json");
}

/** True for HTML. */
export function isHtml(type: string): boolean {
  return type === "text/html" || type === "application/xhtml+xml";
}

/** True for types that are text. */
export function isText(type: string): boolean {
  return (
    type.startsWith("text/") ||
    isJson(type) ||
    /(xml|javascript|ecmascript|x-www-form-urlencoded)/.test(type)
  );
}

/** The view that suits a body best. */
export function chooseView(contentType: string | undefined, size: number): BodyViewKind {
  const { type } = parseContentType(contentType);
  if (type.startsWith("image/")) return "rendered";
  if ((isJson(type) || isHtml(type)) && size <= PRETTY_LIMIT) return "pretty";
  if (isText(type) || type === "") return "raw";
  return "hex";
}

/** The decoding a body's charset asks for (UTF-8 when none, or an unknown one, is given). */
export function defaultDecoding(contentType: string | undefined): Decoding {
  const charset = parseContentType(contentType).charset;
  if (charset === "iso-8859-1" || charset === "latin-1" || charset === "latin1") return "latin-1";
  if (charset && (DECODINGS as readonly string[]).includes(charset)) return charset as Decoding;
  return "utf-8";
}

/** Decode bytes; latin-1 maps each byte to the same code point (TextDecoder's "latin1" is windows-1252). */
export function decodeBody(bytes: Uint8Array, decoding: Decoding): string {
  if (decoding !== "latin-1") return new TextDecoder(decoding).decode(bytes);
  let out = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

/** Bytes per row of the hex view. */
export const HEX_ROW = 16;

/** One row of the hex dump: offset, hex pairs, printable ASCII. */
export function hexRow(
  bytes: Uint8Array,
  row: number,
): { offset: string; hex: string; ascii: string } {
  const start = row * HEX_ROW;
  const slice = bytes.subarray(start, start + HEX_ROW);
  let hex = "";
  let ascii = "";
  for (let i = 0; i < HEX_ROW; i++) {
    if (i === 8) hex += " ";
    if (i < slice.length) {
      const byte = slice[i]!;
      hex += byte.toString(16).padStart(2, "0") + " ";
      ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : ".";
    } else {
      hex += "   ";
    }
  }
  return { offset: start.toString(16).padStart(8, "0"), hex: hex.trimEnd(), ascii };
}

/** JSON re-indented, or null when the text is not JSON. */
export function prettyJson(text: string): string | null {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}

/** Where each line of a body starts (byte offsets), found so far: see `indexLines`. */
export interface LineIndex {
  starts: Uint32Array;
  /** How many of `starts` are found. */
  count: number;
  /** Bytes searched so far; the index is complete at the body's length. */
  scanned: number;
}

export function newLineIndex(): LineIndex {
  return { starts: new Uint32Array(1024), count: 1, scanned: 0 };
}

/**
 * Find the line starts of `bytes` up to byte `end`, continuing where
 * `index` stopped, so a huge body can be indexed a slice at a time.
 */
export function indexLines(bytes: Uint8Array, index: LineIndex, end: number): void {
  // indexOf runs natively: far faster than a JavaScript loop over 20 MB.
  let at = bytes.indexOf(0x0a, index.scanned);
  while (at !== -1 && at < end) {
    if (index.count === index.starts.length) {
      const grown = new Uint32Array(index.starts.length * 2);
      grown.set(index.starts);
      index.starts = grown;
    }
    index.starts[index.count++] = at + 1;
    at = bytes.indexOf(0x0a, at + 1);
  }
  index.scanned = at === -1 ? bytes.length : at;
}

/** Where each line of a body starts (byte offsets), so a huge text can be decoded a line at a time. */
export function lineStarts(bytes: Uint8Array): Uint32Array {
  const index = newLineIndex();
  indexLines(bytes, index, bytes.length);
  return index.starts.slice(0, index.count);
}

/** True when lines can be cut at LF bytes before decoding (every decoding but UTF-16). */
export function splitsAtNewlineBytes(decoding: Decoding): boolean {
  return !decoding.startsWith("utf-16");
}
