/**
 * Raw text and bytes: any bytes can be written as raw text and come back
 * the same, for both line ends; a bad escape names its line and column.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToRawText, rawTextToBytes } from "./raw-text";

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

describe("raw request text", () => {
  it("writes any bytes as text that reads back as the same bytes", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom("crlf", "lf"),
        (bytes, end) => {
          const lineEnd = end as "crlf" | "lf";
          expect([...rawTextToBytes(bytesToRawText(bytes, lineEnd), lineEnd)]).toEqual([...bytes]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("ends typed lines with CR LF or LF, and reads the escapes", () => {
    expect([...rawTextToBytes("GET /\\x80%80 HTTP/1.0\n\n")]).toEqual(
      ascii("GET /\x80%80 HTTP/1.0\r\n\r\n"),
    );
    expect([...rawTextToBytes("A\nB\\r\\n\\t\\\\", "lf")]).toEqual(ascii("A\nB\r\n\t\\"));
    expect([...rawTextToBytes("é")]).toEqual([0xc3, 0xa9]);
  });

  it("names the line and column of a bad escape", () => {
    expect(() => rawTextToBytes("GET / HTTP/1.1\nX: \\q")).toThrow(
      'Raw request: line 2, column 4: "\\q" is not an escape.',
    );
    expect(() => rawTextToBytes("\\x4")).toThrow("line 1, column 1");
  });
});
