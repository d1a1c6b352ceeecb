/**
 * The Python runtime against CPython on this machine: Pyodide's CPython,
 * serving through the playground's server module, must give what the
 * machine's own `wsgiref.simple_server` gives over a real socket: the same
 * status line, headers and body for every oracle app, and the same environ
 * for crafted requests. Date and the Server's Python version are masked
 * (Pyodide is CPython 3.12; the machine's python3 may be another).
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serializeRequest } from "../wsgi/raw-request";
import type { RequestRecord } from "../wsgi/records";
import { ORACLE_APPS, oracleRequest } from "../wsgi/test-support/oracle-apps";
import {
  hasPython,
  parseResponse,
  runInFolder,
  startWsgiref,
  type Wsgiref,
} from "../wsgi/test-support/wsgiref-server";
import { bytes, masked as maskedWire, RAW_CASES, wireOf } from "../wsgi/test-support/raw-cases";
import type { ServeProgress } from "../wsgi/serve-progress";
import { environDiff, headChanges, passedUp } from "../wsgi/layers";
import { interruptedResponse } from "../wsgi/stopped";
import { InterruptLine } from "./interrupt";
import { PythonServer } from "./python-server";

const ORACLE = readFileSync(new URL("../../scripts/wsgiref_oracle.py", import.meta.url), "utf8");

function masked(headers: [string, string][]): [string, string][] {
  return headers.map(([name, value]) => {
    if (name === "Date") return [name, "<date>"];
    if (name === "Server") return [name, value.replace(/CPython\/[\d.]+/, "CPython/<version>")];
    return [name, value];
  });
}

const GET = bytes("GET /deep/path HTTP/1.0\r\nHost: localhost:8000\r\n\r\n");

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

describe.skipIf(!hasPython())(
  "Python apps on Pyodide's CPython, against the machine's wsgiref",
  () => {
    let wsgiref: Wsgiref;
    let python: PythonServer;

    beforeAll(async () => {
      [wsgiref, python] = await Promise.all([startWsgiref("apps"), PythonServer.start()]);
      const failure = python.load(
        {
          "app.py": "from wsgiref_oracle import dispatch as application\n",
          "wsgiref_oracle.py": ORACLE,
        },
        "app.py",
      );
      expect(failure).toBeNull();
    }, 120_000);

    afterAll(() => wsgiref?.close());

    for (const app of Object.keys(ORACLE_APPS)) {
      it(`answers as wsgiref does: ${app}`, async () => {
        const record = oracleRequest(app);
        const theirs = parseResponse(await wsgiref.send(serializeRequest(record)));
        const ours = python.serve(record, 1);
        const oursLine = `${ours.httpVersion} ${ours.status}`.trimEnd();
        expect(oursLine).toBe(theirs.statusLine);
        expect(masked(ours.headers)).toEqual(masked(theirs.headers));
        expect(latin1(ours.body)).toBe(latin1(theirs.body));
      });
    }

    const CRAFTED: [string, Partial<RequestRecord>][] = [
      ["an encoded slash and a query", { target: "/a%2Fb/%7Euser?x=1&y=%20" }],
      ["a double slash", { target: "//x//y" }],
      ["bytes outside ASCII, as latin-1", { target: "/caf%C3%A9" }],
      [
        "a POST body with its length",
        { method: "POST", body: new TextEncoder().encode("a=1&b=2") },
      ],
    ];
    for (const [what, change] of CRAFTED) {
      it(`builds wsgiref's environ: ${what}`, async () => {
        const headers: [string, string][] = [
          ["Host", "localhost:8000"],
          ["X-Oracle-App", "environ_app"],
          ["Cookie", "a=1"],
          ["X-Dup", "one"],
          ["X-Dup", "two"],
        ];
        if (change.body) headers.push(["Content-Length", String(change.body.length)]);
        const record = oracleRequest("environ_app", { ...change, headers });
        const theirs = JSON.parse(
          latin1(parseResponse(await wsgiref.send(serializeRequest(record))).body),
        ) as Record<string, unknown>;
        const ours = JSON.parse(
          latin1(
            python.serve(
              {
                ...record,
                server: { name: theirs.SERVER_NAME as string, port: String(wsgiref.port) },
              },
              1,
            ).body,
          ),
        ) as Record<string, unknown>;
        // What differs by nature: the software version, the client's address and port.
        for (const key of ["SERVER_SOFTWARE", "REMOTE_ADDR", "REMOTE_HOST"]) {
          delete theirs[key];
          delete ours[key];
        }
        expect(ours).toEqual(theirs);
      });
    }

    describe("raw requests: the same bytes back", () => {
      let raw: Wsgiref;
      let server: { name: string; port: string };
      beforeAll(async () => {
        raw = await startWsgiref("raw_environ_app");
        const probe = parseResponse(await raw.send(bytes("GET / HTTP/1.0\r\n\r\n")));
        const environ = JSON.parse(Buffer.from(probe.body).toString("utf8")) as Record<
          string,
          string
        >;
        server = { name: environ.SERVER_NAME, port: environ.SERVER_PORT };
        const failure = python.load(
          {
            "app.py": "from wsgiref_oracle import raw_environ_app as application\n",
            "wsgiref_oracle.py": ORACLE,
          },
          "app.py",
        );
        expect(failure).toBeNull();
      });
      afterAll(() => raw?.close());

      for (const [what, text] of RAW_CASES) {
        it(what, async () => {
          const request = bytes(text);
          const theirs = await raw.send(request);
          const ours = python.serve({ ...rawRecord(request), server }, 1);
          expect(maskedWire(wireOf(ours))).toBe(maskedWire(theirs));
        });
      }
    });

    describe("layers: every callable between the server and the app", () => {
      const STACK = readFileSync(new URL("../../e2e/apps/layers.py", import.meta.url), "utf8");
      const get = (target: string) => rawRecord(bytes(`GET ${target} HTTP/1.0\r\n\r\n`));

      it("finds tag, upper, Mount and inner, with what each changed and who closed what", () => {
        expect(python.load({ "app.py": STACK }, "app.py")).toBeNull();
        const ours = python.serve(get("/api/items"), 1);
        expect(latin1(ours.body)).toBe("/ITEMS '/API'");
        const layers = ours.layers ?? [];
        expect(layers.map((l) => l.name)).toEqual([
          "add_header.<locals>.tag",
          "upper",
          "Mount",
          "inner",
        ]);
        const [tag, upper, mount, inner] = layers;
        expect(tag!.defined).toEqual({ file: "app.py", line: 7, column: 1 });
        expect(upper!.kind).toBe("generator");
        expect(mount!.kind).toBe("callable object");
        // Mount received the path whole; inner, after shift_path_info.
        const shifted = environDiff(mount!.environ, inner!.environ);
        expect(shifted).toHaveLength(2);
        expect(shifted).toContainEqual({ key: "PATH_INFO", before: "/api/items", after: "/items" });
        expect(shifted).toContainEqual({ key: "SCRIPT_NAME", before: "", after: "/api" });
        expect(upper!.startResponse).toBe("wrapper");
        expect(mount!.startResponse).toBe("caller's");
        expect(headChanges(layers, 0)).toEqual([{ kind: "added", name: "X-Layer", value: "tag" }]);
        // upper and Mount passed the wrapper down: inner's call went through tag's wrapper.
        expect(upper!.calls).toEqual([]);
        expect(passedUp(layers, 1)?.headers).toEqual([["Content-Type", "text/plain"]]);
        expect(inner!.returned).toBe("Closing");
        expect(mount!.passesThrough).toBe(true);
        expect(inner!.closedBy).toBeNull();
        expect(upper!.closedBy).toBe("the server");
        const unclosed = ours.findings.filter((f) => f.source === "layers");
        expect(unclosed.map((f) => f.message)).toEqual([
          expect.stringContaining("upper never closed the iterable Mount returned (Closing)"),
        ]);
        expect(unclosed[0]!.location).toEqual({ file: "app.py", line: 14, column: 1 });
        // The call trace names the layer of each step, as the TypeScript runtime does.
        expect(ours.trace.map((e) => [e.kind, e.layer])).toEqual([
          ["call", "add_header.<locals>.tag"],
          ["return", "add_header.<locals>.tag"],
          ["start_response", "inner"],
          ["chunk", "upper"],
          ["headers-sent", null],
          ["chunk", "upper"],
          ["chunk", "upper"],
          ["close", "upper"],
        ]);
      });

      it("what the server's own environ breaks is the server's finding, never a layer's", () => {
        expect(python.load({ "app.py": STACK }, "app.py")).toBeNull();
        const ours = python.serve(rawRecord(bytes("FOO /api/items HTTP/1.0\r\n\r\n")), 1);
        expect(ours.findings.map((f) => [f.source, f.message])).toContainEqual([
          "validate",
          "Unknown REQUEST_METHOD: 'FOO'",
        ]);
        expect(ours.findings.filter((f) => f.source === "layers").map((f) => f.message)).toEqual([
          expect.stringContaining("upper never closed"),
        ]);
      });

      it("a one-layer app has one layer and no layer findings", () => {
        const app =
          "def application(environ, start_response):\n    start_response('200 OK', [])\n    return [b'hi']\n";
        expect(python.load({ "app.py": app }, "app.py")).toBeNull();
        const ours = python.serve(get("/"), 1);
        expect(ours.layers?.map((l) => [l.name, l.startResponse, l.chunks])).toEqual([
          ["application", "server's", [2]],
        ]);
        expect(ours.findings.filter((f) => f.source === "layers")).toEqual([]);
        expect(ours.trace.some((e) => "layer" in e)).toBe(false);
      });

      it("a bound method, wsgiref.validate's lint_app and a changed body that kept Content-Length", () => {
        const app = [
          "from wsgiref.validate import validator",
          "class App:",
          "    def wsgi_app(self, environ, start_response):",
          "        start_response('200 OK', [('Content-Type', 'text/plain'), ('Content-Length', '2')])",
          "        return [b'hi']",
          "def shout(app):",
          "    def loud(environ, start_response):",
          "        return [chunk + b'!' for chunk in app(environ, start_response)]",
          "    return loud",
          "application = validator(shout(App().wsgi_app))",
          "",
        ].join("\n");
        expect(python.load({ "app.py": app }, "app.py")).toBeNull();
        const ours = python.serve(get("/"), 1);
        expect(ours.layers?.map((l) => [l.name, l.kind])).toEqual([
          ["validator.<locals>.lint_app", "function"],
          ["shout.<locals>.loud", "function"],
          ["App.wsgi_app", "method"],
        ]);
        const messages = ours.findings.filter((f) => f.source === "layers").map((f) => f.message);
        expect(messages).toEqual([
          "shout.<locals>.loud passed up Content-Length: 2, but the body it produced is 3 bytes.",
        ]);
      });

      it("wsgiref.validate's rules at every boundary, each finding naming both layers", () => {
        const app = [
          "def proxy_fix(app):",
          "    def fix(environ, start_response):",
          "        environ['PATH_INFO'] = environ['PATH_INFO'].lstrip('/')",
          "        return app(environ, start_response)",
          "    return fix",
          "def buffered(app):",
          "    def buffer(environ, start_response):",
          "        calls = []",
          "        def remember(status, headers, exc_info=None):",
          "            calls.append((status, headers))",
          "            return lambda data: None",
          "        body = [bytes(c, 'latin-1') if isinstance(c, str) else c for c in app(environ, remember)]",
          "        start_response(*calls[-1])",
          "        return body",
          "    return buffer",
          "def inner(environ, start_response):",
          "    start_response('200 OK', [('Content-Type', 'text/plain')])",
          "    start_response('201 Created', [('Content-Type', 'text/plain')])",
          "    return [b'made ', 'it']",
          "application = proxy_fix(buffered(inner))",
          "",
        ].join("\n");
        expect(python.load({ "app.py": app }, "app.py")).toBeNull();
        const ours = python.serve(get("/items"), 1);
        expect(ours.status).toBe("201 Created");
        expect(latin1(ours.body)).toBe("made it");
        const between = ours.findings.filter((f) => f.source === "layers");
        expect(between.map((f) => f.message)).toEqual([
          "proxy_fix.<locals>.fix passed buffered.<locals>.buffer an environ that wsgiref.validate refuses: PATH_INFO doesn't start with /: 'items'",
          "inner called the start_response buffered.<locals>.buffer gave it 2 times, again without exc_info: PEP 3333 allows a second call only with exc_info, from an error handler (the server would say 'Headers already set!').",
          "The iterable inner returned gave buffered.<locals>.buffer a chunk that is not bytes: 'it' (wsgiref.validate: Iterator yielded non-bytestring).",
        ]);
        expect(between.map((f) => f.location?.line)).toEqual([2, 16, 16]);
        // The server's own boundary was kept: only the check between two layers sees the fault.
        expect(ours.findings.filter((f) => f.source === "validate")).toEqual([]);
      });
    });

    describe("projects of many files", () => {
      const PROJECT: Record<string, string> = {
        "app.py": [
          "from wsgiref.simple_server import make_server",
          "from pkg import render",
          "",
          "def app(environ, start_response):",
          "    start_response('200 OK', [('Content-Type', 'text/html')])",
          "    return [render(environ['PATH_INFO']).encode()]",
          "",
          "make_server('', 8000, app).serve_forever()",
          "",
        ].join("\n"),
        "pkg/__init__.py": "from .views import render\n",
        "pkg/views.py": [
          "from . import helpers",
          "",
          "def render(path):",
          "    with open('templates/page.html') as page:",
          "        return page.read().replace('{path}', path) + helpers.tag()",
          "",
        ].join("\n"),
        "pkg/helpers.py": "def tag():\n    return __name__\n",
        "templates/page.html": "<p>{path}</p>",
      };

      it("packages, relative imports and open() from the project's folder, as python3 app.py there", async () => {
        expect(python.load(PROJECT, "app.py")).toBeNull();
        const ours = python.serve(rawRecord(GET), 1);
        const theirs = parseResponse((await runInFolder(PROJECT, "app.py", GET)).sent);
        expect(`${ours.httpVersion} ${ours.status}`).toBe(theirs.statusLine);
        expect(latin1(ours.body)).toBe(latin1(theirs.body));
        expect(latin1(ours.body)).toBe("<p>/deep/path</p>pkg.helpers");
      });

      it("a renamed module is not found at the import line, and found again once renamed back", () => {
        const files = { "app.py": "import routes\napplication = routes.app\n", "routes.py": "" };
        files["routes.py"] =
          "def app(environ, start_response):\n    start_response('200 OK', [])\n    return [b'one']\n";
        expect(python.load(files, "app.py")).toBeNull();
        const renamed = { "app.py": files["app.py"], "urls.py": files["routes.py"] };
        const failure = python.load(renamed, "app.py");
        expect(failure?.summary).toBe("ModuleNotFoundError: No module named 'routes'");
        expect(failure?.location).toEqual({ file: "app.py", line: 1, column: 1, endColumn: 14 });
        expect(failure?.error).toContain('File "app.py", line 1, in <module>');
        // Back under its name, with new text: imported afresh, not from the last build.
        const back = { ...files, "routes.py": files["routes.py"].replace("one", "two") };
        expect(python.load(back, "app.py")).toBeNull();
        const served = python.serve(rawRecord(GET), 2);
        expect(latin1(served.body)).toBe("two");
      });

      it("a SyntaxError in an imported module is placed in that module", () => {
        const failure = python.load(
          { "app.py": "import routes\n", "routes.py": "x = 1\ndef broken(:\n" },
          "app.py",
        );
        expect(failure?.location).toEqual({
          file: "routes.py",
          line: 2,
          column: 12,
          endColumn: 13,
        });
        expect(failure?.summary).toMatch(/^ {0,2}File "routes.py", line 2[\s\S]*SyntaxError: /);
      });

      it("an exception at import time marks the expression that raised (oops, as CPython places it), in characters", () => {
        const failure = python.load({ "app.py": "s = 'café ☕'; oops()\n" }, "app.py");
        expect(failure?.summary).toBe("NameError: name 'oops' is not defined");
        expect(failure?.location).toEqual({ file: "app.py", line: 1, column: 15, endColumn: 19 });
      });
    });

    describe("what python3 app.py does, said when it happens", () => {
      const POST = bytes("POST / HTTP/1.0\r\nContent-Length: 5\r\n\r\nhello");
      const READ_ALL = [
        "def application(environ, start_response):",
        "    body = environ['wsgi.input'].read()",
        "    start_response('200 OK', [('Content-Type', 'text/plain')])",
        "    return [body]",
        "",
      ].join("\n");

      it("the user's own validator raises as CPython's: 500, and the AssertionError in the errors log", async () => {
        const files = {
          "app.py":
            READ_ALL +
            "from wsgiref.validate import validator\napplication = validator(application)\n",
        };
        expect(python.load(files, "app.py")).toBeNull();
        const ours = python.serve(rawRecord(POST), 1);
        const theirs = await runInFolder(files, "app.py", POST);
        const parsed = parseResponse(theirs.sent);
        expect(`${ours.httpVersion} ${ours.status}`).toBe(parsed.statusLine);
        expect(ours.status).toBe("500 Internal Server Error");
        expect(latin1(ours.body)).toBe(latin1(parsed.body));
        expect(theirs.stderr).toMatch(/validate\.py.*\n.*\n?AssertionError/);
        expect(ours.errors).toContain("AssertionError");
        expect(frames(ours.errors)).toEqual(frames(theirs.stderr));
      });

      it("an interrupt stops a loop where it runs: wsgiref logs the KeyboardInterrupt, the runner names the line", () => {
        const line = InterruptLine.shared();
        python.interruptWith(line.buffer);
        // The page's stop, made from inside the loop: nothing else runs beside CPython here.
        (globalThis as { stopNow?: () => boolean }).stopNow = () => line.stop(9, "limit", 2000);
        const files = {
          "app.py": [
            "import js",
            "def application(environ, start_response):",
            "    n = 0",
            "    while True:",
            "        n += 1",
            "        if n == 1000: js.stopNow()",
            "",
          ].join("\n"),
        };
        expect(python.load(files, "app.py")).toBeNull();
        line.begin(9);
        const ours = python.serve(rawRecord(GET), 1);
        const stop = line.end();
        expect(stop).toEqual({ byUser: false, afterMs: 2000 });
        // What CPython's wsgiref does with a KeyboardInterrupt in the app: a 500, the traceback logged.
        expect(ours.status).toBe("500 Internal Server Error");
        expect(ours.errors).toMatch(
          /File "app\.py", line [4-6], in application\n(.*\n)*KeyboardInterrupt/,
        );
        expect(python.lastInterrupt).toMatchObject({ file: "app.py", function: "application" });
        expect([4, 5, 6]).toContain(python.lastInterrupt?.line);
        const answered = interruptedResponse(ours, {
          ...stop!,
          what: "GET /deep/path",
          at: python.lastInterrupt,
          grewBytes: 0,
        });
        expect(answered.status).toBe("504 Gateway Timeout");
        expect(latin1(answered.body)).toContain(
          `It was running app.py, line ${python.lastInterrupt!.line}, in application:`,
        );
        expect(answered.findings[0]?.location?.line).toBe(python.lastInterrupt!.line);
        expect(answered.errors).toContain("KeyboardInterrupt");
        // The same CPython answers the next request, with nothing left pending.
        line.begin(10);
        expect(python.load({ "app.py": READ_ALL }, "app.py")).toBeNull();
        expect(python.serve(rawRecord(POST), 1).status).toBe("200 OK");
        expect(line.end()).toBeNull();
        expect(python.lastInterrupt).toBeNull();
      });

      it("time.sleep lets an interrupt in between its slices, and keeps its own errors", () => {
        const line = InterruptLine.shared();
        python.interruptWith(line.buffer);
        (globalThis as { stopNow?: () => boolean }).stopNow = () => line.stop(12, "user", 300);
        line.begin(12);
        const failure = python.load(
          {
            "app.py":
              "import js, time\nturns = 0\njs.stopNow()\nwhile True:\n    time.sleep(0.2)\n    turns += 1\n",
          },
          "app.py",
        );
        line.end();
        expect(failure?.summary).toBe("KeyboardInterrupt");
        // Stopped in the first sleep: CPython's own sleep would have gone on for dozens of turns.
        expect(python.lastInterrupt).toMatchObject({ line: 5, text: "time.sleep(0.2)" });
        expect(failure?.error).not.toContain("playground");
        const errors = python.load(
          {
            "app.py": [
              "import time",
              "for bad in (-1, 'x', float('nan')):",
              "    try:",
              "        time.sleep(bad)",
              "    except Exception as e:",
              "        print(type(e).__name__, e)",
              "print(time.sleep.__name__)",
              "app = None",
            ].join("\n"),
          },
          "app.py",
        );
        expect(errors?.error).toContain(
          [
            "ValueError sleep length must be non-negative",
            "TypeError 'str' object cannot be interpreted as an integer",
            "ValueError Invalid value NaN (not a number)",
            "sleep",
          ].join("\n"),
        );
      });

      it("an interrupt at the top level fails the build at the line it ran", () => {
        const line = InterruptLine.shared();
        python.interruptWith(line.buffer);
        (globalThis as { stopNow?: () => boolean }).stopNow = () => line.stop(11, "user", 700);
        line.begin(11);
        const failure = python.load(
          {
            "app.py": "import js\nn = 0\nwhile True:\n    n += 1\n    if n == 500: js.stopNow()\n",
          },
          "app.py",
        );
        expect(line.end()).toEqual({ byUser: true, afterMs: 700 });
        expect(failure?.summary).toBe("KeyboardInterrupt");
        expect(python.lastInterrupt).toMatchObject({ file: "app.py", function: "<module>" });
      });

      it("read() with no size answers here, with a finding that a real server would block", () => {
        expect(python.load({ "app.py": READ_ALL }, "app.py")).toBeNull();
        const ours = python.serve(rawRecord(POST), 1);
        expect(ours.status).toBe("200 OK");
        expect(latin1(ours.body)).toBe("hello");
        const finding = ours.findings.find((f) => f.message.includes("read() with no size"));
        expect(finding?.message).toMatch(/would block/);
        expect(finding?.location).toEqual({ file: "app.py", line: 2, column: 1 });
        // Reading exactly CONTENT_LENGTH is what a server expects: no finding.
        expect(
          python.load({ "app.py": READ_ALL.replace(".read()", ".read(5)") }, "app.py"),
        ).toBeNull();
        expect(python.serve(rawRecord(POST), 2).findings).toEqual([]);
      });

      it("a generator app that calls start_response in its body breaks no rule, as under CPython's validator", () => {
        const app = [
          "def application(environ, start_response):",
          "    start_response('200 OK', [('Content-Type', 'text/plain')])",
          "    yield b'hi'",
          "",
        ].join("\n");
        expect(python.load({ "app.py": app }, "app.py")).toBeNull();
        expect(python.serve(rawRecord(bytes("GET / HTTP/1.0\r\n\r\n")), 1).findings).toEqual([]);
        // A body read before start_response is called still is one.
        const early = "def application(environ, start_response):\n    return [b'hi']\n";
        expect(python.load({ "app.py": early }, "app.py")).toBeNull();
        const messages = python
          .serve(rawRecord(bytes("GET / HTTP/1.0\r\n\r\n")), 2)
          .findings.map((f) => f.message);
        expect(messages).toContain(
          "The application returns and we started iterating over its body, but start_response has not yet been called",
        );
      });

      it("what the top level prints and warns is the errors log of the next response, every build", () => {
        const files = {
          "app.py":
            "import cgi\nprint('Serving on port 8000...')\ndef app(e, s):\n    s('200 OK', [])\n    return []\n",
        };
        for (const build of [1, 2]) {
          expect(python.load(files, "app.py")).toBeNull();
          const first = python.serve(rawRecord(GET), build);
          expect(first.errors).toMatch(/^app\.py:1: DeprecationWarning: 'cgi' is deprecated/);
          expect(first.errors).toContain("Serving on port 8000...\n");
          expect(python.serve(rawRecord(GET), build).errors).not.toContain("Serving on");
        }
        // An edit moves the import to line 2: the warning shows line 2 as it is now.
        const edited = {
          "app.py":
            "print('Serving on port 8000...')\nimport cgi\n" +
            files["app.py"].split("\n").slice(2).join("\n"),
        };
        expect(python.load(edited, "app.py")).toBeNull();
        expect(python.serve(rawRecord(GET), 3).errors).toMatch(
          /\napp\.py:2: DeprecationWarning: .*\n {2}import cgi\n/,
        );
      });

      it("a traceback holds the user's frames and the standard library's, as python3's does", async () => {
        const files = {
          "app.py":
            "def helper():\n    raise ValueError('boom')\n\ndef application(environ, start_response):\n    helper()\n",
        };
        expect(python.load(files, "app.py")).toBeNull();
        const ours = python.serve(rawRecord(GET), 1);
        const theirs = await runInFolder(files, "app.py", GET);
        expect(ours.errors).not.toContain("playground");
        expect(frames(ours.errors)).toEqual([
          "handlers.py run",
          "app.py application",
          "app.py helper",
        ]);
        expect(frames(ours.errors)).toEqual(frames(theirs.stderr));
      });

      it("a str body is found at the app's return line; a generator's at its yield", () => {
        const files = {
          "app.py": [
            "def listed(environ, start_response):",
            "    start_response('200 OK', [])",
            "    return ['Hello World']",
            "",
            "def generated(environ, start_response):",
            "    start_response('200 OK', [])",
            "    yield b'fine'",
            "    yield 'not bytes'",
            "",
            "application = listed",
            "",
          ].join("\n"),
        };
        expect(python.load(files, "app.py")).toBeNull();
        const listed = python
          .serve(rawRecord(GET), 1)
          .findings.find((f) => f.message.startsWith("Iterator yielded non-bytestring"));
        expect(listed?.location).toEqual({ file: "app.py", line: 3, column: 1 });
        // wsgiref's own AssertionError, raised as it writes the str: at the same return.
        const raised = python
          .serve(rawRecord(GET), 1)
          .findings.find((f) => f.source === "handlers");
        expect(raised?.message).toMatch(/^AssertionError: write\(\) argument must be a bytes/);
        expect(raised?.location).toEqual({ file: "app.py", line: 3, column: 1 });
        files["app.py"] = files["app.py"].replace(
          "application = listed",
          "application = generated",
        );
        expect(python.load(files, "app.py")).toBeNull();
        const generated = python
          .serve(rawRecord(GET), 2)
          .findings.find((f) => f.message.startsWith("Iterator yielded non-bytestring"));
        expect(generated?.location).toEqual({ file: "app.py", line: 8, column: 1 });
      });

      it("a slow body is told as it goes: the head with the first chunk, then the rest", () => {
        const app = [
          "import time",
          "def application(environ, start_response):",
          "    start_response('200 OK', [('Content-Type', 'text/plain')])",
          "    for i in range(1, 5):",
          "        yield f'chunk {i}\\n'.encode()",
          "        time.sleep(0.05)",
          "",
        ].join("\n");
        expect(python.load({ "app.py": app }, "app.py")).toBeNull();
        const told: ServeProgress[] = [];
        const record = python.serve(rawRecord(GET), 1, (progress) => told.push(progress));
        expect(told.length).toBeGreaterThanOrEqual(4);
        expect(told[0]!.status).toBe("200 OK");
        expect(told[0]!.headers?.map(([name]) => name)).toEqual(["Date", "Server", "Content-Type"]);
        expect(latin1(told[0]!.chunk)).toBe("chunk 1\n");
        const sent = told.map((p) => latin1(p.chunk)).join("");
        expect(latin1(record.body)).toBe("chunk 1\nchunk 2\nchunk 3\nchunk 4\n");
        expect(latin1(record.body).startsWith(sent)).toBe(true);
        expect(told.flatMap((p) => p.trace).some((e) => e.kind === "chunk")).toBe(true);
      });

      it("a module outside the standard library: CPython's error, and what can be imported", () => {
        const failure = python.load({ "app.py": "import django\n", "routes.py": "" }, "app.py");
        expect(failure?.summary).toBe("ModuleNotFoundError: No module named 'django'");
        expect(failure?.error).toMatch(
          /django is not installed here: .*standard library.*\(app, routes\)/,
        );
      });

      it("a standard-library module comes from the zip compiled once, with the spec zipimport gives", () => {
        const app = `import builtins, zipimport
compiled = []
_compile = builtins.compile
def counting(source, name, *args, **kwargs):
    compiled.append(name)
    return _compile(source, name, *args, **kwargs)
builtins.compile = counting
import xml.dom.minidom
builtins.compile = _compile
ours = xml.dom.minidom.__spec__
theirs = zipimport.zipimporter(xml.dom.__path__[0]).find_spec("xml.dom.minidom")
fields = lambda s: (s.name, s.origin, s.submodule_search_locations, s.has_location, s.cached, s.parent)
said = repr((compiled.count(ours.origin), fields(ours) == fields(theirs), ours.origin))
def application(environ, start_response):
    start_response("200 OK", [])
    return [said.encode()]
`;
        expect(python.load({ "app.py": app }, "app.py")).toBeNull();
        const ours = python.serve(rawRecord(bytes("GET / HTTP/1.0\r\n\r\n")), 1);
        expect(latin1(ours.body)).toBe("(1, True, '/lib/python312.zip/xml/dom/minidom.py')");
      });

      it("a WebAssembly limit says so at the error", () => {
        const failure = python.load({ "app.py": "data = b'a' * (3 * 1024**3)\n" }, "app.py");
        expect(failure?.summary).toBe(
          "OverflowError: cannot fit 'int' into an index-sized integer",
        );
        expect(failure?.error).toContain("WebAssembly, a 32-bit machine");
      });
    });
  },
);

/** The frames of a traceback, as (file name, function): the same code whatever the folders. */
function frames(text: string): string[] {
  return [...text.matchAll(/File "(?:[^"]*\/)?([^"/]+)", line \d+, in (\S+)/g)].map(
    ([, file, fn]) => `${file} ${fn}`,
  );
}

/** A request record that is its raw bytes alone. */
function rawRecord(raw: Uint8Array): RequestRecord {
  return { method: "", target: "", httpVersion: "", headers: [], body: new Uint8Array(), raw };
}
