/**
 * Python Paste's `httpserver.serve`, run by Paste's own code in Pyodide's
 * CPython (its thread pool without threads, its socket in memory), against
 * the machine's python3 running the same module with the same Paste on a
 * real socket: the same bytes in, the same status, headers, environ and
 * body out (the second seed: `httpserver.serve(application, host='',
 * port='8000')`).
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFrameworks } from "../../scripts/frameworks";
import type { FrameworkManifest } from "../frameworks/manifest";
import type { RequestRecord } from "../wsgi/records";
import { RAW_CASES, wireOf } from "../wsgi/test-support/raw-cases";
import {
  hasPython,
  parseResponse,
  runInFolder,
  serveFolder,
  type ServedFolder,
} from "../wsgi/test-support/wsgiref-server";
import type { PythonServer } from "./python-server";
import { stackFolders, startWithStacks } from "./test-support/stacks";

const manifest: FrameworkManifest = await ensureFrameworks(() => undefined);
const hasPaste = manifest.stacks.some((stack) => stack.name === "paste");

/** An app that answers with its environ (the keys a socket gives by nature masked) and the body it read. */
const ECHO = `import json

NATURE = ('SERVER_NAME', 'SERVER_PORT', 'REMOTE_PORT', 'wsgi.input', 'wsgi.errors',
          'paste.httpserver.thread_pool')

def application(environ, start_response):
    length = environ.get('CONTENT_LENGTH') or '0'
    body = environ['wsgi.input'].read(int(length)) if length.isdigit() else b''
    shown = {k: ('<socket>' if k in NATURE else repr(v)) for k, v in environ.items()}
    shown['<body read>'] = body.decode('latin-1')
    start_response('200 OK', [('Content-Type', 'application/json')])
    return [json.dumps(shown, sort_keys=True, indent=1).encode()]

if __name__ == '__main__':
    from paste import httpserver
    httpserver.serve(application, host='', port='8000')
`;

const SEED = readFileSync(new URL("../examples/apps/seed001-paste.py", import.meta.url), "utf8");

const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const raw = (text: string): RequestRecord => ({
  method: "",
  target: "",
  httpVersion: "",
  headers: [],
  body: new Uint8Array(),
  raw: bytes(text),
  server: { name: "localhost", port: "8000" },
});
const latin1 = (data: Uint8Array) => Buffer.from(data).toString("latin1");

/** The bytes on the wire less what differs by nature: the date, Python's version. */
const maskedWire = (wire: Uint8Array) =>
  latin1(wire)
    .replace(/^Date: .*\r$/m, "Date: <date>\r")
    .replace(/^(Server: .*)Python\/[\d.]+\r$/m, "$1Python/<version>\r");

/** The requests each server is tried with: where Paste and wsgiref part, and where a client goes wrong. */
const REQUESTS: [string, string][] = [
  ["a GET", "GET /hello?x=1 HTTP/1.1\r\nHost: localhost:8000\r\nConnection: close\r\n\r\n"],
  [
    "a path Paste normalises",
    "GET /a%2Fb/../c//d HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  ],
  [
    "an underscore header beside its dash twin",
    "GET / HTTP/1.1\r\nHost: x\r\nX_Forwarded_For: 6.6.6.6\r\nX-Forwarded-For: 10.0.0.1\r\nConnection: close\r\n\r\n",
  ],
  [
    "a POST with a length",
    "POST /form HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\nConnection: close\r\n\r\na=1&b=2",
  ],
  [
    "a chunked body",
    "POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
  ],
  ["HTTP/1.0 with no Host", "GET /old HTTP/1.0\r\n\r\n"],
  ["a request line that is not HTTP", "GARBAGE\r\n\r\n"],
  ["an unknown version", "GET / HTTP/2.5\r\nHost: x\r\n\r\n"],
];

describe.skipIf(!hasPaste || !hasPython())(
  "Paste's httpserver in Pyodide's CPython",
  { timeout: 60_000 },
  () => {
    let python: PythonServer;
    const zips = stackFolders(manifest);

    beforeAll(async () => {
      python = await startWithStacks(manifest);
    }, 60_000);

    async function load(files: Record<string, string>) {
      expect((await python.prepare(files)) ?? python.load(files, "app.py")).toBeNull();
    }

    describe("each request, against python3 serving the same module with the same Paste", () => {
      let theirs: ServedFolder;
      beforeAll(async () => {
        theirs = await serveFolder({ "app.py": ECHO }, "app.py", zips);
      }, 60_000);
      afterAll(() => theirs?.close());

      // The playground's own raw cases (wsgiref's), then where Paste parts from wsgiref.
      for (const [what, request] of [...RAW_CASES, ...REQUESTS]) {
        it(`answers as Paste does: ${what}`, async () => {
          await load({ "app.py": ECHO });
          const ours = python.serve(raw(request), 1);
          expect(maskedWire(wireOf(ours))).toBe(maskedWire(await theirs.send(bytes(request))));
        });
      }
    });

    it("the second seed as written: Paste's Server header, its environ, its print", async () => {
      await load({ "app.py": ECHO });
      const answer = python.serve(raw(REQUESTS[1]![1]), 1);
      expect(answer.headers).toContainEqual([
        "Server",
        expect.stringMatching(/^PasteWSGIServer\/0\.5 Python\//),
      ]);
      const environ = JSON.parse(latin1(answer.body)) as Record<string, string>;
      expect(environ.PATH_INFO).toBe("'/a/c/d'");
      expect(environ.SERVER_SOFTWARE).toBeUndefined();
      expect(environ["paste.httpserver.thread_pool"]).toBe("<socket>");
      expect(answer.errors).toContain("serving on http://127.0.0.1:8000");
      // The seed's own app returns str, as Python 2 did: Paste fails it its way.
      await load({ "app.py": SEED });
      const seed = python.serve(raw(REQUESTS[0]![1]), 2);
      const theirs = parseResponse(
        (await runInFolder({ "app.py": SEED }, "app.py", bytes(REQUESTS[0]![1]), zips)).sent,
      );
      expect(`${seed.httpVersion} ${seed.status}`.trim()).toBe(theirs.statusLine);
      expect(latin1(seed.body)).toBe(latin1(theirs.body));
    });
  },
);
