/**
 * The inspector's rules: which body view, how bytes decode, the hex dump,
 * environ groups and the Python literal, the trace in words, comparisons.
 */
import { describe, expect, it } from "vitest";
import type { ResponseRecord } from "../wsgi/records";
import { responseRecord } from "../wsgi/test-support/response-record";
import {
  chooseView,
  decodeBody,
  defaultDecoding,
  hexRow,
  indexLines,
  lineStarts,
  newLineIndex,
  parseContentType,
  prettyJson,
} from "./body-format";
import { compareResponses } from "./compare";
import { describeKey, environAsPython, groupOf } from "./environ-docs";
import { describeTrace } from "./trace-format";

const enc = (text: string) => new TextEncoder().encode(text);

function record(status: string, headers: [string, string][], body: Uint8Array): ResponseRecord {
  return responseRecord(status, headers, body);
}

describe("body views", () => {
  it.each([
    ["application/json", 10, "pretty"],
    ["application/problem+json", 10, "pretty"],
    ["text/html; charset=utf-8", 10, "pretty"],
    ["text/html", 3 * 1024 * 1024, "raw"],
    ["text/plain", 10, "raw"],
    ["image/png", 10, "rendered"],
    ["application/octet-stream", 10, "hex"],
    [undefined, 10, "raw"],
  ] as const)("%s (%i bytes) opens in %s", (type, size, view) => {
    expect(chooseView(type, size)).toBe(view);
  });

  it("reads the charset and decodes latin-1 byte for byte", () => {
    expect(parseContentType('text/plain; Charset="ISO-8859-1"')).toEqual({
      type: "text/plain",
      charset: "iso-8859-1",
    });
    expect(defaultDecoding("text/plain; charset=iso-8859-1")).toBe("latin-1");
    expect(defaultDecoding("text/plain; charset=klingon")).toBe("utf-8");
    expect(decodeBody(new Uint8Array([0x80, 0xe9]), "latin-1")).toBe("\u0080é");
  });

  it("dumps hex rows with offsets and printable ASCII", () => {
    const bytes = new Uint8Array([...enc("Hello, WSGI!"), 0, 1, 0xff, 0x7f, 0x41]);
    expect(hexRow(bytes, 0)).toEqual({
      offset: "00000000",
      hex: "48 65 6c 6c 6f 2c 20 57  53 47 49 21 00 01 ff 7f",
      ascii: "Hello, WSGI!....",
    });
    expect(hexRow(bytes, 1)).toEqual({ offset: "00000010", hex: "41", ascii: "A" });
  });

  it("indexes line starts, for decoding a huge body line by line", () => {
    expect([...lineStarts(enc("ab\ncd\n\nef"))]).toEqual([0, 3, 6, 7]);
    expect([...lineStarts(enc(""))]).toEqual([0]);
    const many = new Uint8Array(5000).fill(0x0a);
    expect(lineStarts(many).length).toBe(5001);
  });

  it("indexes the same line starts a slice at a time, whatever the slices", () => {
    const text = enc("one\ntwo\n\nthree\n" + "x".repeat(3000) + "\nlast");
    const whole = [...lineStarts(text)];
    for (const slice of [1, 2, 3, 7, 100, 2999, text.length]) {
      const index = newLineIndex();
      while (index.scanned < text.length) {
        indexLines(text, index, index.scanned + slice);
      }
      expect([...index.starts.subarray(0, index.count)], `slices of ${slice}`).toEqual(whole);
    }
  });

  it("pretty-prints JSON and says when it is not", () => {
    expect(prettyJson('{"a":[1]}')).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(prettyJson("{nope")).toBeNull();
  });
});

describe("environ", () => {
  it("groups keys and explains them", () => {
    expect([
      groupOf("PATH_INFO"),
      groupOf("HTTP_HOST"),
      groupOf("wsgi.input"),
      groupOf("my.custom"),
    ]).toEqual(["CGI variables", "HTTP headers", "wsgi.*", "Other"]);
    expect(describeKey("HTTP_ACCEPT_LANGUAGE")).toContain("Accept-Language header");
    expect(describeKey("SCRIPT_NAME")).toContain("mounted");
  });

  it("copies as a Python dict literal", () => {
    expect(
      environAsPython({
        PATH_INFO: "/it's",
        "wsgi.version": [1, 0],
        "wsgi.run_once": false,
        "wsgi.input": { repr: "<BytesIO: 0 bytes>" },
      }),
    ).toBe(
      `{\n    'PATH_INFO': "/it's",\n    'wsgi.version': (1, 0),\n    'wsgi.run_once': False,\n    'wsgi.input': <BytesIO: 0 bytes>,\n}`,
    );
  });
});

describe("the call trace", () => {
  it("numbers the body events in order", () => {
    const lines = describeTrace([
      { kind: "call", at: 0 },
      { kind: "start_response", at: 0.1, status: "200 OK", headers: "[]", excInfo: null },
      { kind: "write", at: 0.2, size: 1 },
      { kind: "headers-sent", at: 0.2 },
      { kind: "return", at: 0.3, result: "generator" },
      { kind: "chunk", at: 0.4, size: 2 },
      { kind: "chunk", at: 0.5, size: 3 },
      { kind: "close", at: 0.6 },
    ]);
    expect(
      lines.filter((l) => l.bodyIndex !== null).map((l) => `${l.bodyIndex} ${l.step} ${l.detail}`),
    ).toEqual(["1 write 1 bytes", "2 yield chunk of 2 bytes", "3 yield chunk of 3 bytes"]);
    expect(lines[1]!.detail).toBe('("200 OK", [])');
  });
});

describe("comparing responses", () => {
  it("lists a changed status, changed headers and body lines, ignoring Date", () => {
    const a = record(
      "200 OK",
      [
        ["Date", "x"],
        ["Content-Type", "text/plain"],
        ["X-Old", "1"],
      ],
      enc("one\ntwo\n"),
    );
    const b = record(
      "404 Not Found",
      [
        ["Date", "y"],
        ["Content-Type", "text/html"],
        ["X-New", "2"],
      ],
      enc("one\nthree\n"),
    );
    const diff = compareResponses(a, b);
    expect(diff.status).toEqual({ before: "200 OK", after: "404 Not Found" });
    expect(diff.headers).toEqual([
      { name: "content-type", before: "text/plain", after: "text/html" },
      { name: "x-old", before: "1", after: null },
      { name: "x-new", before: null, after: "2" },
    ]);
    expect(diff.body).toEqual({
      identical: false,
      firstDifference: 5,
      parts: [
        { kind: "same", text: "one\n" },
        { kind: "removed", text: "two\n" },
        { kind: "added", text: "three\n" },
      ],
    });
  });

  it("says identical, or where binary bodies first differ", () => {
    const same = compareResponses(record("200 OK", [], enc("x")), record("200 OK", [], enc("x")));
    expect(same).toEqual({ status: null, headers: [], body: { identical: true } });
    const binary = compareResponses(
      record("200 OK", [], new Uint8Array([1, 2, 0xff])),
      record("200 OK", [], new Uint8Array([1, 2, 0xfe])),
    );
    expect(binary.body).toEqual({ identical: false, parts: null, firstDifference: 2 });
  });
});
