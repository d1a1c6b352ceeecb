/**
 * The findings between two layers, against python3 with a real
 * `wsgiref.validate.validator` placed at the same boundary.
 *
 * Each case is a stack written around one boundary: `wrap(inner)` where the
 * finding's two layers meet. In the playground `wrap` passes the app
 * through unchanged, and the layer watch says what it finds there; under
 * python3 `wrap` is CPython's own validator, which raises (or warns) where
 * the rule is broken. A true case must be found by both; a correct stack
 * must be clean in both (issue 36: a generator's end was told as a chunk).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { RequestRecord } from "../wsgi/records";
import { bytes } from "../wsgi/test-support/raw-cases";
import { hasPython, runInFolder } from "../wsgi/test-support/wsgiref-server";
import { sequence } from "../components/Layers/sequence";
import { PythonServer } from "./python-server";

const REQUEST = "GET /items HTTP/1.0\r\nHost: localhost:8000\r\n\r\n";

/** `wrap` in the playground: nothing between the two layers but the watch. */
const PASS = "def wrap(app):\n    return app\n";
/** `wrap` under python3: CPython's validator at the boundary. */
const VALIDATE = "from wsgiref.validate import validator as wrap\n";

/** Middleware the cases are made of: one that reads its app's body itself, one that closes what it read. */
const PARTS = [
  "from boundary import wrap",
  "def buffer(app):",
  "    def buffered(environ, start_response):",
  "        body = app(environ, start_response)",
  "        chunks = [chunk if isinstance(chunk, bytes) else b'' for chunk in body]",
  "        if hasattr(body, 'close'):",
  "            body.close()",
  "        return [b''.join(chunks)]",
  "    return buffered",
  "def gen_app(environ, start_response):",
  "    start_response('200 OK', [('Content-Type', 'text/plain')])",
  "    yield b'one '",
  "    yield b'two'",
  "",
].join("\n");

interface Case {
  /** What the stack does at its boundary. */
  what: string;
  /** The rest of app.py: `application = …`, with `wrap(…)` at the boundary. */
  code: string;
  /** The start of the playground's finding there, or null where the stack is correct. */
  finding: string | null;
}

const CASES: Case[] = [
  {
    what: "validator over a generator: its end is no chunk",
    code: "from wsgiref.validate import validator\napplication = validator(wrap(gen_app))\n",
    finding: null,
  },
  {
    what: "a middleware that reads a generator and closes it",
    code: "application = buffer(wrap(gen_app))\n",
    finding: null,
  },
  {
    what: "an iterable class whose __next__ raises StopIteration",
    code: [
      "class Body:",
      "    def __init__(self, environ, start_response):",
      "        start_response('200 OK', [('Content-Type', 'text/plain')])",
      "        self.left = [b'a', b'b']",
      "    def __iter__(self):",
      "        return self",
      "    def __next__(self):",
      "        if not self.left:",
      "            raise StopIteration",
      "        return self.left.pop(0)",
      "    def close(self):",
      "        pass",
      "application = buffer(wrap(Body))",
      "",
    ].join("\n"),
    finding: null,
  },
  {
    what: "a generator that yields None",
    code: [
      "def none_app(environ, start_response):",
      "    start_response('200 OK', [('Content-Type', 'text/plain')])",
      "    yield b'one'",
      "    yield None",
      "application = buffer(wrap(none_app))",
      "",
    ].join("\n"),
    finding:
      "The iterable none_app returned gave buffer.<locals>.buffered a chunk that is not bytes: None",
  },
  {
    what: "a layer that passes down a PATH_INFO without its slash",
    code: [
      "def strip(app):",
      "    def stripped(environ, start_response):",
      "        environ['PATH_INFO'] = environ['PATH_INFO'].lstrip('/')",
      "        return app(environ, start_response)",
      "    return stripped",
      "application = strip(wrap(gen_app))",
      "",
    ].join("\n"),
    finding:
      "strip.<locals>.stripped passed gen_app an environ that wsgiref.validate refuses: PATH_INFO doesn't start with /",
  },
  {
    what: "a layer that adds its own environ key",
    code: [
      "def user(app):",
      "    def with_user(environ, start_response):",
      "        environ['myapp.user'] = 'ada'",
      "        return app(environ, start_response)",
      "    return with_user",
      "application = user(wrap(gen_app))",
      "",
    ].join("\n"),
    finding: null,
  },
  {
    what: "a start_response called with a status that has no reason",
    code: [
      "def terse(environ, start_response):",
      "    start_response('200', [('Content-Type', 'text/plain')])",
      "    return [b'ok']",
      "def rename(app):",
      "    def renamed(environ, start_response):",
      "        def passed(status, headers, exc_info=None):",
      "            return start_response(status + ' OK', headers, exc_info)",
      "        return app(environ, passed)",
      "    return renamed",
      "application = rename(wrap(terse))",
      "",
    ].join("\n"),
    finding:
      "terse called the start_response rename.<locals>.renamed gave it with what wsgiref.validate refuses",
  },
  {
    what: "a middleware's start_response called as the server's would be",
    code: [
      "def tag(app):",
      "    def tagged(environ, start_response):",
      "        def passed(status, headers, exc_info=None):",
      "            return start_response(status, headers + [('X-Tag', '1')], exc_info)",
      "        return app(environ, passed)",
      "    return tagged",
      "application = tag(wrap(gen_app))",
      "",
    ].join("\n"),
    finding: null,
  },
  {
    what: "a layer that returns bytes, not an iterable of them",
    code: [
      "def flat(environ, start_response):",
      "    start_response('200 OK', [('Content-Type', 'text/plain')])",
      "    return b'flat'",
      "application = buffer(wrap(flat))",
      "",
    ].join("\n"),
    finding: "flat returned to buffer.<locals>.buffered what wsgiref.validate refuses",
  },
  {
    what: "a middleware that reads a generator and never closes it",
    code: [
      "def leaky(app):",
      "    def leaked(environ, start_response):",
      "        body = b''.join(app(environ, start_response))",
      "        return [body]",
      "    return leaked",
      "application = leaky(wrap(gen_app))",
      "",
    ].join("\n"),
    finding: "leaky.<locals>.leaked never closed the iterable gen_app returned",
  },
];

/** What python3 says with the validator at the boundary: each failed rule's line of its error log. */
async function python3Says(code: string): Promise<string[]> {
  const files = { "app.py": PARTS + code, "boundary.py": VALIDATE };
  const { stderr } = await runInFolder(files, "app.py", bytes(REQUEST));
  return stderr.split("\n").filter((line) => /AssertionError|WSGIWarning/.test(line));
}

describe.skipIf(!hasPython())(
  "findings between layers, as python3's wsgiref.validate at the same boundary",
  () => {
    let python: PythonServer;

    beforeAll(async () => {
      python = await PythonServer.start();
    }, 120_000);

    const record = (): RequestRecord => ({
      method: "",
      target: "",
      httpVersion: "",
      headers: [],
      body: new Uint8Array(),
      raw: bytes(REQUEST),
    });

    for (const { what, code, finding } of CASES) {
      it(`${finding ? "found" : "clean"}: ${what}`, async () => {
        expect(python.load({ "app.py": PARTS + code, "boundary.py": PASS }, "app.py")).toBeNull();
        const ours = python.serve(record(), 1);
        const between = ours.findings.filter((f) => f.source === "layers").map((f) => f.message);
        const theirs = await python3Says(code);
        if (finding === null) {
          expect(between).toEqual([]);
          expect(theirs).toEqual([]);
        } else {
          expect(between).toEqual([expect.stringContaining(finding)]);
          expect(theirs).not.toEqual([]);
        }
      }, 30_000);
    }

    it("the picture names what a pass-through layer passed on as the user's code does, not the playground", () => {
      const code = [
        "def log(app):",
        "    def logged(environ, start_response):",
        "        return app(environ, start_response)",
        "    return logged",
        "application = log(log(wrap(gen_app)))",
        "",
      ].join("\n");
      expect(python.load({ "app.py": PARTS + code, "boundary.py": PASS }, "app.py")).toBeNull();
      const layers = python.serve(record(), 1).layers ?? [];
      const calls = sequence(layers).filter((arrow) => arrow.kind === "call");
      expect(calls.map((arrow) => arrow.label)).toEqual([
        "logged(environ, start_response)",
        "logged(environ, start_response)",
        "read: gen_app's body runs",
      ]);
    });
  },
);
