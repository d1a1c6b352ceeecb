/**
 * Werkzeug's development server (what Flask's `app.run()` and
 * `run_simple` start), run by Werkzeug's own code in Pyodide's CPython over
 * the socket in memory, against the machine's python3 running the same
 * module with the same Werkzeug on a real socket: the same bytes in, the
 * same bytes out — interim responses, chunked bodies, Werkzeug's environ.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bytes, wireOf } from "../wsgi/test-support/raw-cases";
import { serveFolder, type ServedFolder } from "../wsgi/test-support/wsgiref-server";
import { echoModule, latin1, maskedWire, rawRequest } from "./test-support/server-cases";
import { describeServer } from "./test-support/server-suite";

/** An app that answers with its environ, started as run_simple starts it (threaded, as app.run() does). */
const ECHO = echoModule(
  ["werkzeug.socket"],
  "from werkzeug.serving import run_simple\nrun_simple('localhost', 8000, application, threaded=True)",
);

/** Where Werkzeug's wire parts from wsgiref's: Expect gets its interim 100, a body of unknown length is chunked. */
const FLASK = `from flask import Flask, request, stream_with_context

app = Flask(__name__)

@app.route('/stream')
def stream():
    def parts():
        yield 'one,'
        yield 'two,'
        yield 'three'
    return app.response_class(stream_with_context(parts()), mimetype='text/plain')

@app.route('/environ', methods=['GET', 'POST'])
def environ():
    keys = ('SERVER_SOFTWARE', 'RAW_URI', 'REQUEST_URI', 'PATH_INFO', 'HTTP_X_FORWARDED_FOR')
    return {key: request.environ.get(key) for key in keys} | {
        'remote_port_type': type(request.environ['REMOTE_PORT']).__name__,
        'input_terminated': request.environ.get('wsgi.input_terminated', False),
        'body': request.get_data(as_text=True),
    }

app.run()
`;

describeServer("Werkzeug", "flask", ECHO, ({ python, load, zips }) => {
  describe("a Flask app's app.run(), as python3 answers it", () => {
    let theirs: ServedFolder;
    beforeAll(async () => {
      theirs = await serveFolder({ "app.py": FLASK }, "app.py", zips);
    }, 60_000);
    afterAll(() => theirs?.close());

    async function both(request: string) {
      await load({ "app.py": FLASK });
      const ours = python().serve(rawRequest(request), 1);
      expect(maskedWire(wireOf(ours))).toBe(maskedWire(await theirs.send(bytes(request))));
      return ours;
    }

    it("Werkzeug's environ: its keys, the dash and underscore headers joined, REMOTE_PORT an int", async () => {
      const ours = await both(
        "GET /environ?q=1 HTTP/1.1\r\nHost: x\r\nX_Forwarded_For: 6.6.6.6\r\nX-Forwarded-For: 10.0.0.1\r\n\r\n",
      );
      expect(ours.headers).toContainEqual([
        "Server",
        expect.stringMatching(/^Werkzeug\/2\.2\.2 Python\//),
      ]);
      expect(JSON.parse(latin1(ours.body))).toMatchObject({
        SERVER_SOFTWARE: "Werkzeug/2.2.2",
        RAW_URI: "/environ?q=1",
        REQUEST_URI: "/environ?q=1",
        HTTP_X_FORWARDED_FOR: "6.6.6.6,10.0.0.1",
        remote_port_type: "int",
      });
      expect(ours.environ["werkzeug.socket"]).toEqual({
        repr: expect.stringMatching(/^<socket\.socket fd=\d+, family=2, type=1, proto=0, laddr=/),
      });
      // validate refuses Werkzeug's int, and says whose doing it is.
      const refused = ours.findings.find((f) =>
        f.message.startsWith("Environmental variable REMOTE_PORT"),
      );
      expect(refused?.fix).toMatch(
        /^The server built this environ before the app ran \(werkzeug\.serving\.ThreadedWSGIServer\)/,
      );
      // Werkzeug's request log, to the request's own errors log.
      expect(ours.errors).toMatch(/127\.0\.0\.1 - - \[.*\] "GET \/environ\?q=1 HTTP\/1\.1" 200 -/);
    });

    it("a chunked request body decoded for the app, with wsgi.input_terminated", async () => {
      const ours = await both(
        "POST /environ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
      );
      expect(JSON.parse(latin1(ours.body))).toMatchObject({
        input_terminated: true,
        body: "hello world",
      });
    });

    it("a streamed body goes out chunked, and the client reads it joined", async () => {
      const ours = await both("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
      expect(ours.headers).toContainEqual(["Transfer-Encoding", "chunked"]);
      expect(ours.chunks).toEqual([4, 4, 5]);
      expect(latin1(ours.body)).toBe("one,two,three");
      expect(ours.trace.filter((event) => event.kind === "chunk")).toHaveLength(3);
    });

    it("Expect: 100-continue gets an interim 100 before the answer", async () => {
      const ours = await both(
        "POST /environ HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok",
      );
      expect(ours.interim?.[0]).toBe("HTTP/1.1 100 Continue");
      expect(ours.status).toBe("200 OK");
      expect(JSON.parse(latin1(ours.body))).toMatchObject({ body: "ok" });
    });
  });
});
