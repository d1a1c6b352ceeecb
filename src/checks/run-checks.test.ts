/**
 * Checks run through the TypeScript server core, as the page runs them
 * through the panel's path: the verdicts, the failures' words, captures
 * and the checks' own cookie jar.
 */
import { describe, expect, it } from "vitest";
import type { Environ, StartResponse } from "../runtime/types";
import { serve } from "../wsgi/server-handler";
import { stoppedResponse } from "../wsgi/stopped";
import { parseHurl } from "./hurl-parser";
import { runChecks, type CheckResult } from "./run-checks";

const text = (s: string) => new TextEncoder().encode(s);

/** A small app: a home page, a JSON API that creates items, a login that sets a session. */
function app(environ: Environ, start_response: StartResponse) {
  const path = environ.PATH_INFO;
  const method = environ.REQUEST_METHOD;
  if (path === "/") {
    start_response("200 OK", [["Content-Type", "text/plain"]]);
    return [text("Hello world!")];
  }
  if (path === "/items" && method === "POST") {
    const length = Number(environ.CONTENT_LENGTH || 0);
    const body = JSON.parse(new TextDecoder().decode(environ["wsgi.input"].read(length)));
    start_response("201 Created", [
      ["Content-Type", "application/json"],
      ["Location", "/items/7"],
    ]);
    return [text(JSON.stringify({ id: 7, name: body.name, tags: ["a", "b"] }))];
  }
  if (path === "/login") {
    start_response("200 OK", [["Set-Cookie", "sid=abc123; Path=/"]]);
    return [text("in")];
  }
  if (path === "/me") {
    const cookie = String(environ.HTTP_COOKIE ?? "");
    start_response(cookie.includes("sid=abc123") ? "200 OK" : "403 Forbidden", []);
    return [text(`cookie: ${cookie}`)];
  }
  if (path === "/echo") {
    start_response("200 OK", [["Content-Type", "text/plain"]]);
    const length = Number(environ.CONTENT_LENGTH || 0);
    const body = new TextDecoder().decode(environ["wsgi.input"].read(length));
    return [text(`${environ.QUERY_STRING}|${environ.CONTENT_TYPE ?? ""}|${body}`)];
  }
  start_response("404 Not Found", [["Content-Type", "text/plain"]]);
  return [text("not found")];
}

async function run(checks: string): Promise<CheckResult[]> {
  const { file, errors } = parseHurl(checks);
  expect(errors).toEqual([]);
  return runChecks(file, async (request) => serve(app, request));
}

describe("runChecks", () => {
  it("three entries: two pass, the third says expected 200, got 404", async () => {
    const results = await run(`# The home page
GET http://localhost:8000/
HTTP 200
[Asserts]
body == "Hello world!"

# Create an item
POST http://localhost:8000/items
{"name": "pen"}
HTTP 201
Location: /items/7
[Asserts]
jsonpath "$.id" == 7
jsonpath "$.name" == "pen"
jsonpath "$.tags[*]" contains "b"
header "Content-Type" startsWith "application/json"

GET http://localhost:8000/missing
HTTP 200
`);
    expect(results.map((r) => [r.title, r.passed])).toEqual([
      ["The home page", true],
      ["Create an item", true],
      ["GET http://localhost:8000/missing", false],
    ]);
    expect(results[2]!.failures).toEqual([
      { assert: "status", expected: "200", actual: "404", line: 19 },
    ]);
    expect(results[1]!.request?.headers).toContainEqual(["Content-Type", "application/json"]);
  });

  it("a captured cookie and the checks' own jar carry the session into the next check", async () => {
    const results = await run(`GET http://localhost:8000/login
HTTP 200
[Captures]
session: cookie "sid"

# The jar sends it back
GET http://localhost:8000/me
HTTP 200
[Asserts]
body contains "sid=abc123"

# And a capture fills a template
GET http://localhost:8000/me
Cookie: sid={{session}}
HTTP 200
`);
    expect(results.map((r) => r.passed)).toEqual([true, true, true]);
    expect(results[2]!.request?.headers).toContainEqual(["Cookie", "sid=abc123"]);
  });

  it("each failed assert says what it expected and what came", async () => {
    const results = await run(
      `GET http://localhost:8000/
HTTP *
[Asserts]
status != 200
header "Content-Type" == "text/html"
header "X-Missing" exists
body not contains "Hello"
bytes count == 3
`.replace("bytes count == 3\n", "duration > 100000\n"),
    );
    expect(results[0]!.failures.map((f) => [f.assert, f.expected, f.actual])).toEqual([
      ["status != 200", "!= 200", "200"],
      ['header "Content-Type" == "text/html"', '"text/html"', '"text/plain"'],
      ['header "X-Missing" exists', "a value", "nothing"],
      ['body not contains "Hello"', 'not contains "Hello"', '"Hello world!"'],
      ["duration > 100000", "> 100000", expect.stringMatching(/^\d+$/)],
    ]);
  });

  it("query params, a form and a raw body reach the app as the panel sends them", async () => {
    const results = await run(`POST http://localhost:8000/echo?a=1
[QueryStringParams]
q: two words
[FormParams]
name: Ada Lovelace
HTTP 200
[Asserts]
body == "a=1&q=two%20words|application/x-www-form-urlencoded|name=Ada+Lovelace"

POST http://localhost:8000/echo
\`\`\`
raw text
\`\`\`
HTTP 200
[Asserts]
body == "|text/plain|raw text\\n"
`);
    expect(results.map((r) => [r.passed, r.failures])).toEqual([
      [true, []],
      [true, []],
    ]);
    // A raw body is sent with no Content-Type (wsgiref's environ then says text/plain, as CPython's).
    expect(results[1]!.request?.headers.map(([name]) => name)).toEqual(["Host", "Content-Length"]);
  });

  it("a template with no value fails its check with the reason; the others still run", async () => {
    const results = await run(`GET http://localhost:8000/items/{{id}}
HTTP 200

GET http://localhost:8000/
HTTP 200
`);
    expect(results[0]!.error).toBe(
      "{{id}} has no value: no earlier check captured id (its [Captures] must run first).",
    );
    expect(results.map((r) => r.passed)).toEqual([false, true]);
  });

  it("a check that runs past the time limit ends the run: the rest are not sent", async () => {
    const { file } = parseHurl(`GET http://localhost:8000/
HTTP 200

# Spins
GET http://localhost:8000/spin
HTTP 200

GET http://localhost:8000/
HTTP 200

GET http://localhost:8000/
HTTP 200
`);
    const sent: string[] = [];
    const results = await runChecks(file, async (request) => {
      sent.push(request.target);
      return request.target === "/spin"
        ? stoppedResponse(request, 5000, "Stopped after 5 s: GET /spin")
        : serve(app, request);
    });
    expect(sent).toEqual(["/", "/spin"]);
    expect(results.map((r) => [r.passed, r.error])).toEqual([
      [true, null],
      [false, null],
      [false, "Not run: check 2 ran past the time limit."],
      [false, "Not run: check 2 ran past the time limit."],
    ]);
    expect(results[1]!.failures[0]).toMatchObject({ expected: "200", actual: "504" });
  });
});
