/**
 * @module raw-text
 * A raw request typed as text: every line the user types ends with CR LF
 * (or LF, as chosen), and escapes give any byte: `\r`, `\n`, `\t`, `\\`,
 * `\xNN`. Text outside ASCII goes out as UTF-8, as a client would send it.
 * The two functions are inverses: any bytes can be written, and come back.
 */
import { RequestError } from "./validate.ts";

/** What a line typed in the raw request ends with on the wire. */
export type LineEnd = "crlf" | "lf";

/** The largest raw request the panel sends and a link carries (512 KB). */
export const MAX_RAW_BYTES = 512 * 1024;

const encoder = new TextEncoder();

/** The bytes the raw text stands for; throws a RequestError naming the line and column of a bad escape. */
export function rawTextToBytes(text: string, lineEnd: LineEnd = "crlf"): Uint8Array {
  const out: number[] = [];
  let line = 1;
  let column = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n") {
      if (lineEnd === "crlf") out.push(0x0d);
      out.push(0x0a);
      line += 1;
      column = 1;
      continue;
    }
    if (ch === "\\") {
      const next = text[i + 1];
      const simple: Record<string, number> = { r: 0x0d, n: 0x0a, t: 0x09, "\\": 0x5c };
      if (next !== undefined && next in simple) {
        out.push(simple[next]);
        i += 1;
        column += 2;
        continue;
      }
      const hex = text.slice(i + 2, i + 4);
      if (next === "x" && /^[0-9a-fA-F]{2}$/.test(hex)) {
        out.push(parseInt(hex, 16));
        i += 3;
        column += 4;
        continue;
      }
      throw new RequestError(
        "Raw request",
        `line ${line}, column ${column}: "\\${next ?? ""}" is not an escape. Write \\r, \\n, \\t, \\xNN for a byte, or \\\\ for a backslash.`,
      );
    }
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const char = String.fromCodePoint(code);
      out.push(...encoder.encode(char));
      if (char.length === 2) i += 1;
    }
    column += 1;
  }
  if (out.length > MAX_RAW_BYTES) {
    throw new RequestError(
      "Raw request",
      `${out.length.toLocaleString("en")} bytes, over the panel's ${MAX_RAW_BYTES / 1024} KB.`,
    );
  }
  return Uint8Array.from(out);
}

/** Raw text that stands for exactly these bytes: each line end as a typed line, other bytes escaped. */
export function bytesToRawText(bytes: Uint8Array, lineEnd: LineEnd = "crlf"): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (lineEnd === "crlf" && b === 0x0d && bytes[i + 1] === 0x0a) {
      out += "\n";
      i += 1;
    } else if (lineEnd === "lf" && b === 0x0a) out += "\n";
    else if (b === 0x0d) out += "\\r";
    else if (b === 0x0a) out += "\\n";
    else if (b === 0x09) out += "\\t";
    else if (b === 0x5c) out += "\\\\";
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return out;
}
