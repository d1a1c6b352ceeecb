/**
 * The server the code builds is the one that answers: wsgiref's
 * `make_server(host, port, app, server_class, handler_class)` with the
 * user's subclasses, in Pyodide's CPython, against the machine's python3
 * running the same module on a real socket (the third seed: "subclass this
 * class and supply it as a handler_class to the make_server() function").
 */
import { beforeAll, describe, expect, it } from "vitest";
import { serializeRequest } from "../wsgi/raw-request";
import type { RequestRecord } from "../wsgi/records";
import { hasPython, parseResponse, runInFolder } from "../wsgi/test-support/wsgiref-server";
import { PythonServer } from "./python-server";
import { maskedHeaders } from "./test-support/stacks";

const GET: RequestRecord = {
  method: "GET",
  target: "/hello?x=1",
  httpVersion: "HTTP/1.0",
  headers: [["Host", "localhost:8000"]],
  body: new Uint8Array(),
  server: { name: "localhost", port: "8000" },
};

/** An app that shows the environ keys the classes add, and a few the server sets. */
const ECHO = `import json, sys

def app(environ, start_response):
    shown = {k: v for k, v in environ.items() if k.startswith('myapp.')}
    shown['SERVER_SOFTWARE'] = environ['SERVER_SOFTWARE']
    shown['PATH_INFO'] = environ['PATH_INFO']
    start_response('200 OK', [('Content-Type', 'application/json')])
    return [json.dumps(shown, sort_keys=True).encode()]
`;

const SEED = `${ECHO}
from wsgiref.simple_server import make_server, WSGIServer, WSGIRequestHandler

class Handler(WSGIRequestHandler):
    def get_environ(self):
        env = super().get_environ()
        env['myapp.handler'] = type(self).__name__
        env['myapp.client'] = self.client_address[0]
        return env

    def log_message(self, format, *args):
        sys.stderr.write('handled: %s\\n' % (format % args))

    def handle(self):
        self.server.handled += 1
        super().handle()

class Server(WSGIServer):
    handled = 0

    def setup_environ(self):
        super().setup_environ()
        self.base_environ['myapp.server'] = type(self).__name__

def counted(environ, start_response):
    environ['myapp.count'] = str(httpd.handled)
    return app(environ, start_response)

httpd = make_server('', 8000, app, server_class=Server, handler_class=Handler)
httpd.set_app(counted)
print('Serving on port 8000...')
httpd.serve_forever()
`;

const THREADING = `${ECHO}
from socketserver import ThreadingMixIn
from wsgiref.simple_server import make_server, WSGIServer

class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True

with make_server('', 8000, app, ThreadingWSGIServer) as httpd:
    httpd.serve_forever()
`;

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

const masked = maskedHeaders;

/** The log line less its time: `handled: "GET / HTTP/1.0" 200 80`. */
const logLines = (text: string) => text.split("\n").filter((line) => line.startsWith("handled: "));

describe.skipIf(!hasPython())(
  "wsgiref's make_server with the user's classes",
  { timeout: 60_000 },
  () => {
    let python: PythonServer;

    beforeAll(async () => {
      python = await PythonServer.start();
    }, 120_000);

    async function both(source: string, record: RequestRecord) {
      const files = { "app.py": source };
      expect(python.load(files, "app.py")).toBeNull();
      const ours = python.serve(record, 1);
      const { sent, stderr } = await runInFolder(files, "app.py", serializeRequest(record));
      return { ours, theirs: parseResponse(sent), stderr };
    }

    it("a handler_class's get_environ, log_message and handle, a server_class's setup_environ, set_app", async () => {
      const { ours, theirs, stderr } = await both(SEED, GET);
      expect(`${ours.httpVersion} ${ours.status}`).toBe(theirs.statusLine);
      expect(masked(ours.headers)).toEqual(masked(theirs.headers));
      expect(latin1(ours.body)).toBe(latin1(theirs.body));
      expect(JSON.parse(latin1(ours.body))).toMatchObject({
        "myapp.handler": "Handler",
        "myapp.server": "Server",
        "myapp.count": "1",
      });
      // The handler's own log line, where python3 prints it (its stderr; the errors log here).
      expect(logLines(ours.errors)).toEqual(logLines(stderr));
      expect(logLines(ours.errors)).toHaveLength(1);
    });

    it("a server with ThreadingMixIn answers on the one thread there is", async () => {
      const { ours, theirs } = await both(THREADING, GET);
      expect(`${ours.httpVersion} ${ours.status}`).toBe(theirs.statusLine);
      expect(masked(ours.headers)).toEqual(masked(theirs.headers));
      expect(latin1(ours.body)).toBe(latin1(theirs.body));
    });

    it("a server_class's verify_request that refuses closes the connection with nothing sent", async () => {
      const refusing = `${ECHO}
from wsgiref.simple_server import make_server, WSGIServer

class Refusing(WSGIServer):
    def verify_request(self, request, client_address):
        return False

make_server('', 8000, app, Refusing).serve_forever()
`;
      const { ours, theirs } = await both(refusing, GET);
      expect(theirs.statusLine).toBe("");
      expect(ours.sent).toBe("nothing");
      expect(ours.body).toHaveLength(0);
    });

    it("under a sub-path (the preview on a project page), SCRIPT_NAME is the mount, whatever the handler", () => {
      const echoPaths = ECHO.replace(
        "shown['PATH_INFO'] = environ['PATH_INFO']",
        "shown['PATH_INFO'] = environ['PATH_INFO']; shown['SCRIPT_NAME'] = environ['SCRIPT_NAME']",
      );
      for (const source of [echoPaths, SEED.replace(ECHO, echoPaths)]) {
        expect(python.load({ "app.py": source }, "app.py")).toBeNull();
        const mounted = python.serve(
          { ...GET, target: "/tools/pg/hello", scriptName: "/tools/pg" },
          1,
        );
        expect(JSON.parse(latin1(mounted.body))).toMatchObject({
          SCRIPT_NAME: "/tools/pg",
          PATH_INFO: "/hello",
        });
      }
    });

    it("the module's state lives on between requests, as in one python3 process", () => {
      expect(python.load({ "app.py": SEED }, "app.py")).toBeNull();
      python.serve(GET, 1);
      const second = python.serve(GET, 1);
      expect(JSON.parse(latin1(second.body))).toMatchObject({ "myapp.count": "2" });
    });
  },
);
