/**
 * The checks file's parser against the forms of Hurl's grammar
 * (Orange-OpenSource/hurl, docs/grammar.md and docs/asserting-response.md):
 * entries, sections, bodies, queries and predicates, and the errors —
 * each at its line and column, saying what is supported.
 */
import { describe, expect, it } from "vitest";
import { parseHurl } from "./hurl-parser";

const only = (text: string) => {
  const { file, errors } = parseHurl(text);
  expect(errors).toEqual([]);
  return file.entries;
};

describe("entries", () => {
  it("a request alone, a request and its response, in order, with the comments above as title", () => {
    const entries = only(`# The home page
GET http://localhost:8000/
HTTP 200

# Not here
# (a second line)
GET http://localhost:8000/missing
HTTP/1.1 404

GET http://localhost:8000/any
`);
    expect(
      entries.map((e) => [e.title, e.request.method, e.request.url, e.response?.status]),
    ).toEqual([
      ["The home page", "GET", "http://localhost:8000/", 200],
      ["Not here (a second line)", "GET", "http://localhost:8000/missing", 404],
      [null, "GET", "http://localhost:8000/any", undefined],
    ]);
    expect(entries[1]!.response?.version).toBe("HTTP/1.1");
    expect(entries[1]!.position).toEqual({ line: 7, column: 1 });
  });

  it("HTTP * takes any status; CRLF lines read the same", () => {
    const [entry] = only("GET http://localhost:8000/\r\nHTTP *\r\n");
    expect(entry!.response?.status).toBe("*");
  });

  it("a blank line between comments and the request ends the title", () => {
    const [entry] = only("# about something else\n\nGET http://localhost:8000/\n");
    expect(entry!.title).toBeNull();
  });
});

describe("requests", () => {
  it("headers, then sections of params and cookies", () => {
    const [entry] = only(`POST http://localhost:8000/login?next=/ # a comment
Accept: text/html
X-Token: a\\#b  # a comment after an escaped #
[QueryStringParams]
page: 2
[FormParams]
user: ada
password: {{secret}}
[Cookies]
theme: dark
`);
    const request = entry!.request;
    expect(request.url).toBe("http://localhost:8000/login?next=/");
    expect(request.headers.map((h) => [h.key, h.value])).toEqual([
      ["Accept", "text/html"],
      ["X-Token", "a#b"],
    ]);
    expect(request.query.map((h) => [h.key, h.value])).toEqual([["page", "2"]]);
    expect(request.form.map((h) => [h.key, h.value])).toEqual([
      ["user", "ada"],
      ["password", "{{secret}}"],
    ]);
    expect(request.cookies.map((h) => [h.key, h.value])).toEqual([["theme", "dark"]]);
    expect(request.headers[1]!.position).toEqual({ line: 3, column: 1 });
  });

  it("the short section names of newer Hurl: [Query], [Form], [Multipart]", () => {
    const [entry] = only("POST http://localhost:8000/\n[Query]\na: 1\n[Multipart]\nfield: value\n");
    expect(entry!.request.query[0]!.key).toBe("a");
    expect(entry!.request.multipart[0]!.value).toBe("value");
  });

  it("bodies: JSON over lines, a raw string, a one-line string, base64 and hex", () => {
    const entries = only(`POST http://localhost:8000/items
Content-Type: application/json
{
  "name": "a [bracket] and a } brace",
  "tags": ["x"]
}
HTTP 201

POST http://localhost:8000/raw
\`\`\`
line one
line two
\`\`\`

POST http://localhost:8000/one
\`hello\`

POST http://localhost:8000/b64
base64,aGVsbG8=;

POST http://localhost:8000/hex
hex,68 65 6c;

POST http://localhost:8000/array
[1, 2]
`);
    expect(entries.map((e) => [e.request.body?.kind, e.request.body?.text])).toEqual([
      ["json", '{\n  "name": "a [bracket] and a } brace",\n  "tags": ["x"]\n}'],
      ["raw", "line one\nline two\n"],
      ["oneline", "hello"],
      ["base64", "aGVsbG8="],
      ["hex", "68656c"],
      ["json", "[1, 2]"],
    ]);
    expect(entries[0]!.response?.status).toBe(201);
  });
});

describe("responses", () => {
  it("headers, captures and asserts with every supported query and predicate", () => {
    const [entry] = only(`POST http://localhost:8000/items
HTTP 201
Location: /items/1
[Captures]
id: jsonpath "$.id"
session: cookie "sid"
[Asserts]
status == 201
header "Location" startsWith "/items/"
cookie "sid" exists
body contains "created"
jsonpath "$.id" == 1
jsonpath "$.price" >= 9.5
jsonpath "$.ok" == true
jsonpath "$.gone" == null
regex "id=(\\\\d+)" == "1"
regex /id=(\\d+)/ != "2"
bytes endsWith "}"
duration < 1000
body not contains "error"
body matches /^\\{/
header "X-Id" == {{id}}
status greaterThanOrEquals 200
`);
    const response = entry!.response!;
    expect(response.headers.map((h) => [h.key, h.value])).toEqual([["Location", "/items/1"]]);
    expect(response.captures.map((c) => [c.name, c.query.kind, c.query.argument])).toEqual([
      ["id", "jsonpath", "$.id"],
      ["session", "cookie", "sid"],
    ]);
    expect(
      response.asserts.map((a) => [
        a.query.kind,
        a.query.argument,
        a.predicate.not,
        a.predicate.op,
        a.predicate.value,
      ]),
    ).toEqual([
      ["status", null, false, "==", { kind: "number", value: 201, integer: true }],
      ["header", "Location", false, "startsWith", { kind: "string", value: "/items/" }],
      ["cookie", "sid", false, "exists", null],
      ["body", null, false, "contains", { kind: "string", value: "created" }],
      ["jsonpath", "$.id", false, "==", { kind: "number", value: 1, integer: true }],
      ["jsonpath", "$.price", false, ">=", { kind: "number", value: 9.5, integer: false }],
      ["jsonpath", "$.ok", false, "==", { kind: "boolean", value: true }],
      ["jsonpath", "$.gone", false, "==", { kind: "null" }],
      ["regex", "id=(\\d+)", false, "==", { kind: "string", value: "1" }],
      ["regex", "id=(\\d+)", false, "!=", { kind: "string", value: "2" }],
      ["bytes", null, false, "endsWith", { kind: "string", value: "}" }],
      ["duration", null, false, "<", { kind: "number", value: 1000, integer: true }],
      ["body", null, true, "contains", { kind: "string", value: "error" }],
      ["body", null, false, "matches", { kind: "string", value: "^\\{" }],
      ["header", "X-Id", false, "==", { kind: "template", name: "id" }],
      ["status", null, false, ">=", { kind: "number", value: 200, integer: true }],
    ]);
    expect(response.asserts[1]!.text).toBe('header "Location" startsWith "/items/"');
    expect(response.asserts[1]!.position).toEqual({ line: 9, column: 1 });
  });

  it("quoted strings read their escapes", () => {
    const [entry] = only(
      'GET http://localhost:8000/\nHTTP 200\n[Asserts]\nbody == "a\\"b\\n\\u{e9}"\n',
    );
    expect(entry!.response!.asserts[0]!.predicate.value).toEqual({
      kind: "string",
      value: 'a"b\né',
    });
  });

  it("an exact body after the response's headers", () => {
    const [entry] = only("GET http://localhost:8000/\nHTTP 200\n```Hello world!```\n");
    expect(entry!.response!.body).toMatchObject({ kind: "raw", text: "Hello world!" });
  });
});

describe("errors, each at its place, saying what is supported", () => {
  const errorsOf = (text: string) => parseHurl(text).errors;

  it("a line that is no request", () => {
    expect(errorsOf("get http://localhost:8000/\n")).toEqual([
      {
        message:
          'Expected a request line: a method in capitals and a URL, as "GET http://localhost:8000/".',
        line: 1,
        column: 1,
        endColumn: 27,
      },
    ]);
    expect(errorsOf("HTTP 200\n")[0]!.message).toMatch(/must follow a request/);
  });

  it("a query or a predicate Hurl has and the playground does not run", () => {
    const errors = errorsOf(
      'GET http://localhost:8000/\nHTTP 200\n[Asserts]\nxpath "//h1" exists\njsonpath "$.a" isInteger\n  status == 200 extra\n',
    );
    expect(errors.map((e) => [e.line, e.column, e.endColumn])).toEqual([
      [4, 1, 6],
      [5, 16, 25],
      [6, 17, 22],
    ]);
    expect(errors[0]!.message).toBe(
      "The query xpath is not supported here: the supported queries are status, header, cookie, body, jsonpath, regex, bytes, duration.",
    );
    expect(errors[1]!.message).toMatch(
      /^The predicate isInteger is not supported here: the supported predicates are ==, !=/,
    );
    expect(errors[2]!.message).toBe("Nothing may follow the predicate's value.");
  });

  it("sections that are not supported, and what follows them is skipped", () => {
    const errors = errorsOf(
      "GET http://localhost:8000/\n[Options]\nretry: 3\nHTTP 200\n[BasicAuth]\nbob: secret\n",
    );
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [
        2,
        "[Options] is not supported here: a request may have [QueryStringParams], [FormParams], [MultipartFormData] and [Cookies].",
      ],
      [5, "[BasicAuth] is not supported here: a response may have [Captures] and [Asserts]."],
    ]);
  });

  it("unclosed strings, bodies and regexes", () => {
    expect(
      errorsOf('GET http://localhost:8000/\nHTTP 200\n[Asserts]\nbody == "abc\n')[0],
    ).toMatchObject({
      line: 4,
      column: 9,
      message: 'This quoted string is not closed: add a " at its end.',
    });
    expect(errorsOf('POST http://localhost:8000/\n{\n  "a": 1\n')[0]).toMatchObject({
      line: 2,
      message: "This JSON body is not closed: its brackets do not balance.",
    });
    expect(errorsOf("POST http://localhost:8000/\n```\nnever closed\n")[0]!.message).toMatch(
      /raw body is not closed/,
    );
    expect(
      errorsOf("GET http://localhost:8000/\nHTTP 200\n[Asserts]\nbody matches /abc\n")[0]!.message,
    ).toMatch(/regex is not closed/);
  });

  it("a file body, an XML body, a capture with a filter, a header line without a colon", () => {
    const errors = errorsOf(
      'POST http://localhost:8000/\nfile,data.bin;\nHTTP 200\n[Captures]\nn: jsonpath "$.items" count\n\nGET http://localhost:8000/\nnot a header\n',
    );
    expect(errors.map((e) => e.line)).toEqual([2, 5, 8]);
    expect(errors[0]!.message).toMatch(/file, body is not supported/);
    expect(errors[1]!.message).toMatch(/filters are not supported/);
    expect(errors[2]!.message).toMatch(/Expected a line `name: value`/);
  });

  it("what can be read around an error is still read", () => {
    const { file, errors } = parseHurl(
      "GET http://localhost:8000/a\nHTTP 200\n[Asserts]\nnonsense\nstatus == 200\n\nGET http://localhost:8000/b\nHTTP 404\n",
    );
    expect(errors).toHaveLength(1);
    expect(file.entries.map((e) => [e.request.url, e.response?.asserts.length])).toEqual([
      ["http://localhost:8000/a", 1],
      ["http://localhost:8000/b", 0],
    ]);
  });
});
