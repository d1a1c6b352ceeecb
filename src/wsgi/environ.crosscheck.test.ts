/**
 * The environ cross-check: the same raw requests go to CPython's
 * wsgiref.simple_server and to our core; the app on both sides echoes every
 * str value of its environ and the body, and the two must match key for key,
 * in the same order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { utf8 } from "./bytes";
import type { RequestRecord } from "./records";
import { bothEnvirons } from "./test-support/oracle-apps";
import { hasPython, startWsgiref, type Wsgiref } from "./test-support/wsgiref-server";

function request(
  method: string,
  target: string,
  headers: [string, string][] = [["Host", "localhost:8000"]],
  body: Uint8Array | string = "",
  httpVersion = "HTTP/1.1",
): RequestRecord {
  return {
    method,
    target,
    httpVersion,
    headers,
    body: typeof body === "string" ? utf8(body) : body,
  };
}

const host: [string, string] = ["Host", "localhost:8000"];
const UPLOAD =
  '--B\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nfile body\r\n--B--\r\n';

const CASES: [string, RequestRecord][] = [
  ["a plain GET", request("GET", "/")],
  ["a query string, raw", request("GET", "/search?q=a+b&x=%20&y=%C3%A9")],
  ["an encoded slash in the path", request("GET", "/a%2Fb/c%20d")],
  ["a leading double slash", request("GET", "//etc//passwd?x=1")],
  ["raw UTF-8 in the path", request("GET", "/café/ünï")],
  ["percent-encoded UTF-8 in the path", request("GET", "/caf%C3%A9")],
  [
    "duplicate headers",
    request("GET", "/", [host, ["X-Dup", "1"], ["X-Dup", "2"], ["x-dup", "3"]]),
  ],
  ["a cookie", request("GET", "/", [host, ["Cookie", "session=abc; theme=dark"]])],
  [
    "a urlencoded POST",
    request(
      "POST",
      "/form",
      [host, ["Content-Type", "application/x-www-form-urlencoded"], ["Content-Length", "17"]],
      "name=Ada&lang=py%2B",
    ),
  ],
  [
    "underscores and dashes in names",
    request("GET", "/", [host, ["X-Under", "dash"], ["X_Under", "under"]]),
  ],
  ["HTTP/1.0 with no Host", request("GET", "/old", [], "", "HTTP/1.0")],
  [
    "a value with spaces around it",
    request("GET", "/", [host, ["X-Padded", "   padded value   "]]),
  ],
  [
    "a content type with a charset",
    request(
      "PUT",
      "/doc",
      [host, ["Content-Type", "text/plain; charset=utf-8"], ["Content-Length", "5"]],
      "hello",
    ),
  ],
  [
    "a header named like a CGI variable",
    request("GET", "/", [host, ["Path-Info", "/evil"], ["Request-Method", "PUT"]]),
  ],
  [
    "a binary body",
    request(
      "POST",
      "/bin",
      [host, ["Content-Type", "application/octet-stream"], ["Content-Length", "6"]],
      new Uint8Array([0, 1, 2, 0xfe, 0xff, 0x0a]),
    ),
  ],
  ["UTF-8 in a header value", request("GET", "/", [host, ["X-Name", "Zoë"]])],
  ["a custom method", request("PURGE", "/cache", [host])],
  ["HEAD", request("HEAD", "/", [host])],
  ["an empty query after ?", request("GET", "/path?", [host])],
  ["a fragment in the target", request("GET", "/a#frag?x", [host])],
  ["an absolute-form target", request("GET", "http://example.com/x?y=1", [host])],
  ["an encoded NUL and an invalid escape", request("GET", "/a%00b/%zz/%4", [host])],
  ["path parameters", request("GET", "/a;v=1/b;x", [host])],
  ["an empty header value", request("GET", "/", [host, ["X-Empty", ""]])],
  [
    "mixed-case names",
    request("GET", "/", [host, ["content-TYPE", "text/csv"], ["x-MiXeD-case", "v"]]),
  ],
  ["two Cookie headers", request("GET", "/", [host, ["Cookie", "a=1"], ["Cookie", "b=2"]])],
  ["OPTIONS *", request("OPTIONS", "*", [host])],
  [
    "an HTTP/1.0 POST",
    request(
      "POST",
      "/old",
      [
        ["Content-Length", "3"],
        ["Content-Type", "text/plain"],
      ],
      "a=b",
      "HTTP/1.0",
    ),
  ],
  ["Content-Length: 0", request("POST", "/", [host, ["Content-Length", "0"]])],
  [
    "two Content-Type headers",
    request(
      "POST",
      "/",
      [host, ["Content-Type", "text/a"], ["Content-Type", "text/b"], ["Content-Length", "1"]],
      "x",
    ),
  ],
  ["a tab inside a value", request("GET", "/", [host, ["X-Tab", "a\tb"]])],
  ["a host with port 80", request("GET", "/", [["Host", "example.com:80"]])],
  [
    "a multipart upload",
    request(
      "POST",
      "/upload",
      [
        host,
        ["Content-Type", "multipart/form-data; boundary=B"],
        ["Content-Length", String(UPLOAD.length)],
      ],
      UPLOAD,
    ),
  ],
  [
    "a JSON body",
    request(
      "PUT",
      "/api/1",
      [host, ["Content-Type", "application/json"], ["Content-Length", "13"]],
      '{"a": [1, 2]}',
    ),
  ],
  [
    "a body longer than Content-Length",
    request("POST", "/", [host, ["Content-Length", "3"]], "abc"),
  ],
  ["an Authorization header", request("GET", "/", [host, ["Authorization", "Basic dXNlcjpwYXNz"]])],
  [
    "a proxy-style header",
    request("GET", "/", [
      host,
      ["X-Forwarded-For", "10.0.0.1, 10.0.0.2"],
      ["X-Forwarded-Proto", "https"],
    ]),
  ],
];

describe.skipIf(!hasPython())("environ matches CPython's wsgiref.simple_server", () => {
  let wsgiref: Wsgiref;
  beforeAll(async () => {
    wsgiref = await startWsgiref("environ_app");
  });
  afterAll(() => wsgiref?.close());

  it.each(CASES)("%s", async (_name, record) => {
    const { python, ours } = await bothEnvirons(wsgiref, record);
    expect(ours).toEqual(python);
    expect(Object.keys(ours)).toEqual(Object.keys(python));
  });
});

if (!hasPython()) {
  it.skip("python3 is not installed: the CPython cross-check is skipped", () => {});
}
