/**
 * @module bytes-literal
 * The `b` tag: Python's `b"..."` literal for TypeScript.
 */

import { concatBytes } from "./concat-bytes";

const encoder = new TextEncoder();

/**
 * Build bytes from a template: text is encoded as UTF-8, interpolated
 * `Uint8Array`s are copied as they are, anything else goes through `String()`.
 * @example b`Hello ${name}!` // Uint8Array
 */
export function b(strings: TemplateStringsArray | string, ...values: unknown[]): Uint8Array {
  if (typeof strings === "string") return encoder.encode(strings);
  const parts: Uint8Array[] = [];
  strings.forEach((text, i) => {
    parts.push(encoder.encode(text));
    if (i < values.length) {
      const value = values[i];
      parts.push(value instanceof Uint8Array ? value : encoder.encode(String(value)));
    }
  });
  return concatBytes(parts);
}
