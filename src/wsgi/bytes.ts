/**
 * @module bytes
 * Byte helpers shared by the core: WSGI speaks bytes on the wire and
 * "bytes-as-latin-1" strings in environ and headers (PEP 3333, "Unicode
 * Issues"), so these two conversions are everywhere.
 */

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** Encode a string as UTF-8 bytes. */
export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Decode UTF-8 bytes, replacing what does not decode. */
export function fromUtf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

/** Each byte becomes the code point of the same number (ISO-8859-1). */
export function latin1(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return out;
}

export { concatBytes } from "../runtime/concat-bytes";
