/**
 * The request panel's logic, without the panel: building, refusing, the
 * params table, body encodings, curl import and export, redirects, cookies.
 */
import { describe, expect, it } from "vitest";
import { FieldStorage } from "../runtime/field-storage";
import { BytesIO } from "../runtime/io";
import { callPython, hasPython } from "../runtime/test-support/python-calls";
import type { ResponseRecord } from "../wsgi/records";
import { responseRecord } from "../wsgi/test-support/response-record";
import { encodeBody, formEncode, parseHex } from "./body";
import { composeRequest, previewRequest } from "./compose";
import { PlaygroundCookieJar } from "./cookie-jar";
import { exportCurl, importCurl } from "./curl";
import { defaultDraft, MAX_BODY_BYTES, newPart, newRow, type RequestDraft } from "./draft";
import { parseParams, splitTarget, withParams } from "./params";
import { followRedirect } from "./redirect";

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

function draft(change: Partial<RequestDraft> = {}): RequestDraft {
  return { ...defaultDraft(), ...change };
}

function response(status: string, headers: [string, string][]): ResponseRecord {
  return responseRecord(status, headers);
}

describe("building a request", () => {
  it("adds Host first and the body's headers after the user's, unless the user gave them", () => {
    const d = draft({ method: "POST", headers: [newRow("Cookie", "a=1"), newRow("X-Two", "2")] });
    d.body = { ...d.body, mode: "raw", raw: "hello", rawType: "text/plain" };
    const composed = composeRequest(d);
    expect(composed.record.headers).toEqual([
      ["Host", "localhost:8000"],
      ["Cookie", "a=1"],
      ["X-Two", "2"],
      ["Content-Type", "text/plain"],
      ["Content-Length", "5"],
    ]);
    expect(composed.record.server).toEqual({ name: "localhost", port: "8000" });
  });

  it("lets a user header override an automatic one, and sends a wrong Content-Length as typed", () => {
    const d = draft({
      method: "POST",
      headers: [newRow("Content-Length", "99"), newRow("Host", "evil.example")],
    });
    d.body = { ...d.body, mode: "raw", raw: "abc" };
    const composed = composeRequest(d);
    expect(composed.record.headers).toEqual([
      ["Content-Length", "99"],
      ["Host", "evil.example"],
      ["Content-Type", "text/plain"],
    ]);
    expect(composed.auto.filter((h) => !h.used).map((h) => h.name)).toEqual([
      "Host",
      "Content-Length",
    ]);
  });

  it("skips disabled rows and allows duplicate names", () => {
    const d = draft({
      headers: [
        newRow("X-A", "1"),
        { ...newRow("X-A", "off"), enabled: false },
        newRow("X-A", "2"),
      ],
    });
    expect(composeRequest(d).record.headers.filter(([n]) => n === "X-A")).toEqual([
      ["X-A", "1"],
      ["X-A", "2"],
    ]);
  });

  it.each([
    [{ method: "GE T" }, 'Method: "GE T" contains a space'],
    [{ method: "GET:" }, 'Method: "GET:" contains a colon'],
    [{ target: "/a b" }, "URL: contains a space"],
    [{ target: "nope" }, 'URL: "nope" must start with "/"'],
    [{ host: "local host" }, 'Host: "local host" is not a host name'],
    [{ headers: [newRow("Bad Name", "x")] }, 'Headers: row 1: "Bad Name" is not a header name'],
    [
      { headers: [newRow("X-Inject", "a\r\nSet-Cookie: x=1")] },
      "Headers: row 1 (X-Inject): the value contains a line break",
    ],
  ])("refuses %o, naming the field", (change, message) => {
    expect(() => composeRequest(draft(change as Partial<RequestDraft>))).toThrow(message);
  });

  it("accepts a custom method token", () => {
    expect(composeRequest(draft({ method: "PURGE" })).record.method).toBe("PURGE");
  });

  it("refuses a body over the limit before sending", () => {
    const d = draft({ method: "PUT" });
    d.body = {
      ...d.body,
      mode: "binary",
      binarySource: "file",
      binaryFile: { name: "big", type: "", bytes: new Uint8Array(MAX_BODY_BYTES + 1) },
    };
    expect(() => composeRequest(d)).toThrow("Body: 50.0 MB is over the 50 MB limit");
  });

  it("previews the raw request, with binary bytes escaped", () => {
    const d = draft({ method: "PUT", target: "/bin" });
    d.body = { ...d.body, mode: "binary", hex: "00 41 ff 0a" };
    expect(previewRequest(composeRequest(d).record)).toBe(
      "PUT /bin HTTP/1.1\r\nHost: localhost:8000\r\nContent-Type: application/octet-stream\r\nContent-Length: 4\r\n\r\n\\x00A\\xff\\n\n",
    );
  });
});

describe("text outside ASCII in a request", () => {
  it("goes on the wire as UTF-8, reaches the app as latin-1, and the panel says so", () => {
    const composed = composeRequest(
      draft({
        target: "/caf\u00e9",
        headers: [newRow("X-Name", "Zo\u00eb \u20ac"), newRow("X-Ok", "plain")],
      }),
    );
    expect(composed.notes).toHaveLength(2);
    expect(composed.notes[0]).toContain('The URL "/caf\u00e9" is not ASCII');
    expect(composed.notes[0]).toContain('"/caf\u00c3\u00a9"');
    expect(composed.notes[1]).toContain('HTTP_X_NAME = "Zo\u00c3\u00ab \u00e2\u0082\u00ac"');
    expect(
      composeRequest(draft({ headers: [newRow("Content-Type", "text/\u00e9")] })).notes[0],
    ).toContain("CONTENT_TYPE = ");
  });
});

describe("the params table", () => {
  it("keeps names and values raw, both ways", () => {
    const params = parseParams(splitTarget("/p?a=%2F&b=x+y&flag&c=").query);
    expect(params).toEqual([
      { name: "a", value: "%2F", hasValue: true },
      { name: "b", value: "x+y", hasValue: true },
      { name: "flag", value: "", hasValue: false },
      { name: "c", value: "", hasValue: true },
    ]);
    expect(withParams("/p?old", params)).toBe("/p?a=%2F&b=x+y&flag&c=");
    expect(withParams("/p?old", [])).toBe("/p");
  });
});

describe("body modes", () => {
  it("encodes form fields as a browser does", () => {
    expect(formEncode("Zoë & co=1/2*")).toBe("Zo%C3%AB+%26+co%3D1%2F2*");
    const body = {
      ...defaultDraft().body,
      mode: "form" as const,
      form: [newRow("name", "Ada L"), newRow("x", "1&2")],
    };
    expect(latin1(encodeBody(body).bytes)).toBe("name=Ada+L&x=1%262");
  });

  it("checks JSON and says where it breaks", () => {
    const body = { ...defaultDraft().body, mode: "json" as const, json: '{\n  "a": 1,\n}' };
    expect(() => encodeBody(body)).toThrow(/Body: JSON is not valid \(line 3, column 1\)/);
  });

  it("reads hex with spaces and 0x, and names a bad digit", () => {
    expect([...parseHex("0x00 ff\n0A")]).toEqual([0, 255, 10]);
    expect(() => parseHex("0g")).toThrow('hex: "g" is not a hex digit');
    expect(() => parseHex("abc")).toThrow("odd number of digits");
  });

  const file = {
    name: "photo.png",
    type: "image/png",
    bytes: new Uint8Array([0x89, 0x50, 0x0d, 0x0a, 0x00, 0xff]),
  };
  const multipart = {
    ...defaultDraft().body,
    mode: "multipart" as const,
    boundary: "BOUNDARY",
    parts: [newPart("text", "title", "Zoë"), { ...newPart("file", "photo"), file }],
  };

  it("builds multipart/form-data that the runtime's FieldStorage reads back", () => {
    const encoded = encodeBody(multipart);
    expect(encoded.contentType).toBe("multipart/form-data; boundary=BOUNDARY");
    const form = new FieldStorage({
      fp: new BytesIO(encoded.bytes),
      environ: {
        REQUEST_METHOD: "POST",
        CONTENT_TYPE: encoded.contentType!,
        CONTENT_LENGTH: String(encoded.bytes.length),
      },
    });
    expect(form.getfirst("title")).toBe("Zoë");
    const photo = form.get("photo") as FieldStorage;
    expect(photo.filename).toBe("photo.png");
    expect(photo.type).toBe("image/png");
    expect([...(photo.value as Uint8Array)]).toEqual([...file.bytes]);
  });

  it.skipIf(!hasPython())(
    "builds multipart/form-data that CPython's cgi.FieldStorage reads back",
    () => {
      const encoded = encodeBody(multipart);
      const [result] = callPython([
        [
          "field_storage",
          {
            REQUEST_METHOD: "POST",
            CONTENT_TYPE: encoded.contentType,
            CONTENT_LENGTH: String(encoded.bytes.length),
            QUERY_STRING: "",
          },
          latin1(encoded.bytes),
          {},
        ],
      ]);
      expect(result).toEqual({
        type: "multipart/form-data",
        fields: [
          ["title", "Zoë", null, "text/plain"],
          ["photo", { bytes: latin1(file.bytes) }, "photo.png", "image/png"],
        ],
      });
    },
  );
});

describe("curl", () => {
  it("writes an empty header as curl wants it (Name;) and reads it back; Name: alone sends nothing", () => {
    const d = draft({ headers: [newRow("X-Empty", ""), newRow("X-Full", "v")] });
    const command = exportCurl(d, new Uint8Array(), null);
    expect(command).toContain("-H 'X-Empty;'");
    expect(importCurl(command).headers.map((h) => [h.name, h.value])).toEqual([
      ["X-Empty", ""],
      ["X-Full", "v"],
    ]);
    expect(importCurl("curl http://localhost:8000/ -H 'X-Gone:'").headers).toEqual([]);
  });

  it("imports the common flags", () => {
    const d = importCurl(
      `curl -X PUT 'http://localhost:8000/items/1?x=1' -H 'Accept: application/json' -H "X-Quote: it's" \\\n  -d '{"a": 1}' -H 'Content-Type: application/json' -b 'session=abc' -A 'agent/1' -e /from -u ada:pw`,
    );
    expect(d.method).toBe("PUT");
    expect(d.host).toBe("localhost:8000");
    expect(d.target).toBe("/items/1?x=1");
    expect(d.body.mode).toBe("raw");
    expect(d.body.raw).toBe('{"a": 1}');
    expect(d.body.rawType).toBe("application/json");
    expect(d.headers.map((h) => [h.name, h.value])).toEqual([
      ["Accept", "application/json"],
      ["X-Quote", "it's"],
      ["Cookie", "session=abc"],
      ["User-Agent", "agent/1"],
      ["Referer", "/from"],
      ["Authorization", "Basic YWRhOnB3"],
    ]);
  });

  it("turns -d into a POST and -F into multipart fields; -G moves data to the query", () => {
    expect(importCurl("curl localhost:8000/f -d a=1 -d b=2").method).toBe("POST");
    expect(importCurl("curl localhost:8000/f -d a=1 -d b=2").body.raw).toBe("a=1&b=2");
    const form = importCurl("curl http://localhost:8000/up -F name=Ada -F 'note=hi there'");
    expect(form.body.mode).toBe("multipart");
    expect(form.body.parts.map((p) => [p.name, p.value])).toEqual([
      ["name", "Ada"],
      ["note", "hi there"],
    ]);
    expect(importCurl("curl -G http://localhost:8000/s -d q=wsgi").target).toBe("/s?q=wsgi");
  });

  it.each([
    ["curl http://localhost:8000/ --data-binary @photo.png", "reads a file from your disk"],
    ["curl http://localhost:8000/ -F file=@photo.png", "uploads a file from your disk"],
    ["curl http://localhost:8000/ | grep x", "shell operators"],
    ["wget http://x/", 'must start with "curl"'],
    ["curl -X", "-X needs a value"],
    ["curl -s", "no URL"],
  ])("refuses %s with the reason", (command, reason) => {
    expect(() => importCurl(command)).toThrow(reason);
  });

  it("round-trips: export, then import, gives the same request", () => {
    const d = draft({
      method: "PATCH",
      target: "/a?b=%2F",
      headers: [newRow("Cookie", "x=1; y=2"), newRow("X-Sp", "a 'b' \"c\"")],
    });
    d.body = { ...d.body, mode: "raw", raw: "it's $HOME & more", rawType: "text/plain" };
    const composed = composeRequest(d);
    const command = exportCurl(d, composed.record.body, "text/plain");
    const back = importCurl(command);
    expect(composeRequest(back).record).toEqual(composed.record);
  });
});

describe("redirects", () => {
  const post = draft({
    method: "POST",
    target: "/form",
    headers: [newRow("Content-Type", "application/x-www-form-urlencoded")],
  });
  post.body = { ...post.body, mode: "raw", raw: "a=1" };

  it("turns a POST into a GET on 302 and 303, resolving the Location", () => {
    for (const status of ["302 Found", "303 See Other"]) {
      const next = followRedirect(post, response(status, [["Location", "done?id=7"]]))!;
      expect([next.method, next.target, next.body.mode, next.headers.length]).toEqual([
        "GET",
        "/done?id=7",
        "none",
        0,
      ]);
    }
  });

  it("keeps the method and body on 307 and 308", () => {
    const next = followRedirect(
      post,
      response("307 Temporary Redirect", [["Location", "http://localhost:8000/again"]]),
    )!;
    expect([next.method, next.target, next.body.mode]).toEqual(["POST", "/again", "raw"]);
  });

  it("is null for a response that is not a redirect", () => {
    expect(followRedirect(post, response("200 OK", [["Location", "/x"]]))).toBeNull();
    expect(followRedirect(post, response("304 Not Modified", []))).toBeNull();
  });
});

describe("the cookie jar", () => {
  it("stores, scopes by path, expires and sends cookies as a browser would", () => {
    const jar = new PlaygroundCookieJar();
    const rejected = jar.storeFrom("localhost:8000", "/login", [
      ["Set-Cookie", "session=abc; Path=/; HttpOnly"],
      ["Set-Cookie", "pref=dark; Path=/admin; Max-Age=60"],
      ["Set-Cookie", "gone=1; Max-Age=0"],
      ["Set-Cookie", "other=1; Domain=example.com"],
      ["Content-Type", "text/plain"],
    ]);
    expect(rejected.map((r) => r.header)).toEqual(["other=1; Domain=example.com"]);
    expect(jar.cookieHeader("localhost:8000", "/")).toBe("session=abc");
    expect(jar.cookieHeader("localhost:8000", "/admin/users")).toBe("pref=dark; session=abc");
    expect(jar.list().map((c) => [c.name, c.path, c.httpOnly, c.expires !== null])).toEqual([
      ["session", "/", true, false],
      ["pref", "/admin", false, true],
    ]);
  });

  it("can be edited, and survives serialisation", () => {
    const jar = new PlaygroundCookieJar();
    jar.set("localhost:8000", { name: "a", value: "1" });
    jar.set("localhost:8000", { name: "b", value: "2" });
    jar.remove({ name: "a", domain: "localhost", path: "/" });
    const copy = new PlaygroundCookieJar(jar.serialize());
    expect(copy.cookieHeader("localhost:8000", "/")).toBe("b=2");
    copy.clear();
    expect(copy.cookieHeader("localhost:8000", "/")).toBeNull();
  });
});
