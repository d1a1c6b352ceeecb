/**
 * The frameworks (Flask, Werkzeug, Bottle) from the build step, in
 * Pyodide's CPython in Node, against the machine's python3 running the same
 * project with the same packages (the stacks' zips on its import path) under
 * the server the module starts (Werkzeug's for app.run(), wsgiref's for
 * bottle.run()): the same bytes in, the same status, headers and body out,
 * and the start-up lines the server prints.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureFrameworks, FRAMEWORKS_DIR } from "../../scripts/frameworks";
import type { FrameworkManifest } from "../frameworks/manifest";
import { serializeRequest } from "../wsgi/raw-request";
import type { RequestRecord } from "../wsgi/records";
import { hasPython, parseResponse, runInFolder } from "../wsgi/test-support/wsgiref-server";
import { PythonServer } from "./python-server";
import { maskedHeaders, stackFolders, startWithStacks } from "./test-support/stacks";

const manifest: FrameworkManifest = await ensureFrameworks(() => undefined);

const example = (file: string) =>
  readFileSync(new URL(`../examples/apps/${file}`, import.meta.url), "utf8");

function request(target: string, headers: [string, string][] = [], method = "GET"): RequestRecord {
  return {
    method,
    target,
    httpVersion: "HTTP/1.1",
    headers: [["Host", "localhost:8000"], ...headers],
    body: new Uint8Array(),
    server: { name: "localhost", port: "8000" },
  };
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

/** Headers less what differs from run to run: the date, Python's version, a signed cookie's time and signature. */
const masked = (headers: [string, string][]) =>
  maskedHeaders(headers).map(([name, value]): [string, string] => [
    name,
    name === "Set-Cookie"
      ? value.replace(/^(session=[^.;]+)\.[^;]+/, "$1.<time>.<signature>")
      : value,
  ]);

/**
 * wsgiref.validate at a boundary, under python3 with Werkzeug's server: REMOTE_PORT made a str first
 * (Werkzeug gives an int, which validate refuses: the server's doing, checked in its own test).
 */
const VALIDATED_BOUNDARY = [
  "from wsgiref.validate import validator",
  "def wrap(app):",
  "    checked = validator(app)",
  "    def boundary(environ, start_response):",
  "        environ['REMOTE_PORT'] = str(environ['REMOTE_PORT'])",
  "        return checked(environ, start_response)",
  "    return boundary",
  "",
].join("\n");

// Each test starts a python3 and runs a framework in both: seconds on a busy machine.
describe.skipIf(!manifest.available || !hasPython())(
  "frameworks in Pyodide's CPython",
  { timeout: 60_000 },
  () => {
    let python: PythonServer;
    // The stacks' files as the build step left them unpacked, for python3.
    const zips = stackFolders(manifest);

    beforeAll(async () => {
      python = await startWithStacks(manifest);
    }, 60_000);

    /** Load `files`, serve `record`; what the playground answered. */
    async function serve(files: Record<string, string>, record: RequestRecord) {
      const failure = (await python.prepare(files)) ?? python.load(files, "app.py");
      expect(failure).toBeNull();
      return python.serve(record, 1);
    }

    /** The same request to the machine's python3 with the same packages. */
    async function python3(files: Record<string, string>, record: RequestRecord) {
      const { sent } = await runInFolder(files, "app.py", serializeRequest(record), zips);
      return parseResponse(sent);
    }

    async function sameAsPython3(files: Record<string, string>, record: RequestRecord) {
      const ours = await serve(files, record);
      const theirs = await python3(files, record);
      expect(ours.status).toBe(theirs.statusLine.replace(/^HTTP\/1\.\d /, ""));
      expect(masked(ours.headers)).toEqual(masked(theirs.headers));
      expect(latin1(ours.body)).toBe(latin1(theirs.body));
      return ours;
    }

    it("python3 runs the same packages: the build's, not any the machine has", () => {
      const versions = spawnSync(
        "python3",
        [
          "-S",
          "-c",
          "import flask, werkzeug, bottle; print(flask.__version__, werkzeug.__version__, bottle.__version__)",
        ],
        { env: { ...process.env, PYTHONPATH: zips.join(":") }, encoding: "utf8" },
      );
      expect(versions.stdout.trim()).toBe("2.2.2 2.2.2 0.12.23");
    });

    it("Flask's hello world: app.run() starts Werkzeug's server, which answers and logs as it does", async () => {
      const files = {
        "app.py": example("flask-hello.py"),
        "templates/hello.html": example("flask-hello.files/templates/hello.html"),
      };
      const ours = await sameAsPython3(files, request("/hello/%3Cb%3EWorld"));
      expect(latin1(ours.body)).toContain("<h1>Hello, &lt;b&gt;World!</h1>");
      expect(ours.errors).toContain(" * Serving Flask app 'app'");
      expect(ours.errors).toContain(" * Running on http://127.0.0.1:5000");
      expect(ours.headers).toContainEqual(["Server", expect.stringMatching(/^Werkzeug\/2\.2\.2 /)]);
      expect(ours.layers?.map((layer) => layer.name)).toEqual([
        "Flask",
        "Flask.wsgi_app",
        "Response",
      ]);
    });

    it("Flask's static route serves the project's static/ folder", async () => {
      const files = {
        "app.py": example("flask-hello.py"),
        "templates/hello.html": example("flask-hello.files/templates/hello.html"),
        "static/style.css": example("flask-hello.files/static/style.css"),
      };
      const record = request("/static/style.css");
      const ours = await serve(files, record);
      const theirs = await python3(files, record);
      // The file's time is each copy's own: Last-Modified, its ETag and the expiry differ by nature.
      const timeless = (headers: [string, string][]) =>
        masked(headers).filter(([name]) => !["Last-Modified", "ETag", "Expires"].includes(name));
      expect(ours.status).toBe("200 OK");
      expect(timeless(ours.headers)).toEqual(timeless(theirs.headers));
      expect(latin1(ours.body)).toBe(latin1(theirs.body));
      expect(latin1(ours.body)).toContain("color: #e63946;");
    });

    it("werkzeug.serving.make_server(...).serve_forever() makes Werkzeug's server the one that answers, and returns", async () => {
      const files = {
        "app.py": [
          "from werkzeug.serving import make_server",
          "from werkzeug.wrappers import Request, Response",
          "",
          "@Request.application",
          "def app(request):",
          "    return Response(f'werkzeug says {request.path}')",
          "",
          "make_server('localhost', 8000, app).serve_forever()",
          "print('after serve_forever')",
          "",
        ].join("\n"),
      };
      const ours = await sameAsPython3(files, request("/hi"));
      expect(latin1(ours.body)).toBe("werkzeug says /hi");
      expect(ours.errors).toContain("after serve_forever");
    });

    it("WebOb: a Request and a Response, as python3 answers them", async () => {
      const files = {
        "app.py": [
          "from webob import Request, Response",
          "from wsgiref.simple_server import make_server",
          "",
          "def app(environ, start_response):",
          "    request = Request(environ)",
          "    name = request.params.get('name', 'world')",
          "    response = Response(f'Hello, {name}!', content_type='text/plain')",
          "    response.set_cookie('seen', 'yes')",
          "    return response(environ, start_response)",
          "",
          "make_server('', 8000, app).serve_forever()",
          "",
        ].join("\n"),
      };
      const ours = await sameAsPython3(files, request("/?name=WebOb"));
      expect(latin1(ours.body)).toBe("Hello, WebOb!");
      expect(ours.layers?.map((layer) => layer.name)).toEqual(["app", "Response"]);
    });

    it("a JSON API in Flask: a POSTed JSON body, 201 and jsonify", async () => {
      const files = { "app.py": example("flask-json.py") };
      const body = new TextEncoder().encode('{"title": "Write a WSGI app"}');
      const record = {
        ...request(
          "/todos",
          [
            ["Content-Type", "application/json"],
            ["Content-Length", String(body.length)],
          ],
          "POST",
        ),
        body,
      };
      const ours = await sameAsPython3(files, record);
      expect(ours.status).toBe("201 CREATED");
      expect(JSON.parse(latin1(ours.body))).toEqual({ id: 2, title: "Write a WSGI app" });
    });

    it("ProxyFix: the X-Forwarded-* headers change the URL Flask sees, in ProxyFix's layer", async () => {
      const files = { "app.py": example("flask-proxy.py") };
      const record = request("/where", [
        ["X-Forwarded-For", "203.0.113.7"],
        ["X-Forwarded-Proto", "https"],
        ["X-Forwarded-Host", "shop.example"],
      ]);
      const ours = await sameAsPython3(files, record);
      expect(JSON.parse(latin1(ours.body))).toEqual({
        host: "shop.example",
        remote_addr: "203.0.113.7",
        scheme: "https",
        url: "https://shop.example/where",
      });
      const names = ours.layers?.map((layer) => layer.name);
      expect(names).toEqual(["Flask", "ProxyFix", "Flask.wsgi_app", "Response"]);
      const wsgiApp = ours.layers?.find((layer) => layer.name === "Flask.wsgi_app");
      expect(wsgiApp?.environ["REMOTE_ADDR"]).toBe("203.0.113.7");
      expect(wsgiApp?.environ["wsgi.url_scheme"]).toBe("https");
      const proxyFix = ours.layers?.find((layer) => layer.name === "ProxyFix");
      expect(proxyFix?.environ["REMOTE_ADDR"]).toBe("127.0.0.1");
    });

    it("DispatcherMiddleware: each mounted app sees its mount point in SCRIPT_NAME", async () => {
      const files = { "app.py": example("werkzeug-dispatch.py") };
      const legacy = await sameAsPython3(files, request("/legacy/report"));
      expect(latin1(legacy.body)).toBe("legacy app: SCRIPT_NAME='/legacy' PATH_INFO='/report'\n");
      expect(legacy.layers?.map((layer) => layer.name)).toEqual(["DispatcherMiddleware", "legacy"]);
      const site = await sameAsPython3(files, request("/about"));
      expect(latin1(site.body)).toBe("Flask app: SCRIPT_NAME='' path='/about'\n");
    });

    it("Bottle: a route parameter, Set-Cookie, and bottle.run() as it would start", async () => {
      const files = { "app.py": example("bottle-hello.py") };
      const first = await sameAsPython3(files, request("/hello/Ada"));
      expect(latin1(first.body)).toBe("Hello, Ada!\n");
      expect(first.headers).toContainEqual(["Set-Cookie", "last_name=Ada; Path=/"]);
      expect(first.errors).toContain(
        "Bottle v0.12.23 server starting up (using WSGIRefServer())...",
      );
      expect(first.errors).toContain("Listening on http://localhost:8080/");
      const again = await sameAsPython3(
        files,
        request("/hello/Grace", [["Cookie", "last_name=Ada"]]),
      );
      expect(latin1(again.body)).toBe("Hello, Grace! Last time you were Ada.\n");
    });

    it("a Flask session: the signed cookie comes back and the count goes up", async () => {
      const files = {
        "app.py": example("flask-session.py"),
        "templates/count.html": example("flask-session.files/templates/count.html"),
      };
      const first = await sameAsPython3(files, request("/"));
      expect(latin1(first.body)).toContain("Visit number 1");
      const cookie = first.headers.find(([name]) => name === "Set-Cookie")![1].split(";")[0]!;
      expect(cookie).toMatch(/^session=/);
      const second = await sameAsPython3(files, request("/", [["Cookie", cookie]]));
      expect(latin1(second.body)).toContain("Visit number 2");
    });

    it("debug mode: the reloader's restart and the PIN in the log, the debugger's page for an error", async () => {
      const files = {
        "app.py": [
          "from flask import Flask",
          "app = Flask(__name__)",
          "@app.route('/')",
          "def index():",
          "    return 1 / 0",
          "app.run(debug=True)",
          "",
        ].join("\n"),
      };
      const ours = await serve(files, request("/"));
      expect(ours.status).toBe("500 INTERNAL SERVER ERROR");
      const page = latin1(ours.body);
      expect(page).toContain("ZeroDivisionError: division by zero");
      expect(page).toContain("The debugger caught an exception in your WSGI application");
      expect(ours.errors).toContain(" * Debug mode: on");
      expect(ours.errors).toContain(" * Running on http://127.0.0.1:5000");
      expect(ours.errors).toContain(" * Restarting with stat");
      expect(ours.errors).toMatch(/ \* Debugger PIN: \d{3}-\d{3}-\d{3}/);
      expect(ours.layers?.[0]?.name).toBe("DebuggedApplication");
    });

    it("debug mode finds nothing between its layers, as wsgiref.validate at Flask's boundary says nothing", async () => {
      const app = [
        "from flask import Flask",
        "from boundary import wrap",
        "app = Flask(__name__)",
        "@app.route('/')",
        "def index():",
        "    return 'hi'",
        "app.wsgi_app = wrap(app.wsgi_app)",
        "app.run(debug=True)",
        "",
      ].join("\n");
      const ours = await serve(
        { "app.py": app, "boundary.py": "def wrap(app):\n    return app\n" },
        request("/"),
      );
      expect(latin1(ours.body)).toBe("hi");
      expect(ours.layers?.map((l) => l.name)).toContain("Flask.wsgi_app");
      expect(ours.findings.filter((f) => f.source === "layers").map((f) => f.message)).toEqual([]);
      const theirs = await runInFolder(
        { "app.py": app, "boundary.py": VALIDATED_BOUNDARY },
        "app.py",
        serializeRequest(request("/")),
        zips,
      );
      expect(latin1(parseResponse(theirs.sent).body)).toBe("hi");
      expect(theirs.stderr).not.toMatch(/AssertionError|WSGIWarning/);
    });
  },
);

describe.skipIf(!manifest.available)("a stack that cannot be had", () => {
  it("fails the build with the stack's name and why, and the next build tries again", async () => {
    let fail = true;
    const python = await PythonServer.start(undefined, {
      manifest,
      fetch: async (stack) => {
        if (fail) throw new Error("frameworks/bottle.tar.gz answered 404");
        return new Uint8Array(gunzipSync(readFileSync(join(FRAMEWORKS_DIR, stack.file))));
      },
    });
    const files = { "app.py": "import bottle\napp = bottle.Bottle()\n" };
    const failure = await python.prepare(files);
    expect(failure?.summary).toBe(
      "Bottle could not be loaded: frameworks/bottle.tar.gz answered 404",
    );
    expect(failure?.error).toContain("(The project imports bottle.)");
    fail = false;
    expect(await python.prepare(files)).toBeNull();
    expect(python.load(files, "app.py")).toBeNull();
  }, 60_000);
});

describe("a build without the frameworks", () => {
  it("import flask, or a server chosen, says that this build has none, and how to make one that has", async () => {
    const python = await PythonServer.start(undefined, {
      manifest: {
        ...manifest,
        available: false,
        reason: "it was made without Debian's package tools (dpkg-deb not found)",
        stacks: [],
      },
      fetch: () => Promise.reject(new Error("no stacks")),
    });
    const files = { "app.py": "import flask\n" };
    const failure = (await python.prepare(files)) ?? python.load(files, "app.py");
    expect(failure?.summary).toBe("ModuleNotFoundError: No module named 'flask'");
    expect(failure?.error).toContain(
      "flask comes with Flask, which this build of the playground does not have: it was made without Debian's package tools (dpkg-deb not found).",
    );
    expect(failure?.error).toContain("npm run frameworks");
    // A server chosen in Server that the build does not have says so the same way.
    const hello = { "app.py": "def app(environ, start_response):\n    return []\n" };
    const chosen =
      (await python.prepare(hello, "gunicorn")) ?? python.load(hello, "app.py", "gunicorn");
    expect(chosen?.summary).toBe("ModuleNotFoundError: No module named 'gunicorn'");
    expect(chosen?.error).toMatch(
      /gunicorn comes with .*, which this build of the playground does not have/,
    );
  }, 60_000);
});
