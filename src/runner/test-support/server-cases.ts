/**
 * @module server-cases
 * Test support for the servers a module starts (Paste's, Werkzeug's): an app
 * that answers with its environ, the requests where servers part ways, and
 * the request record that carries a request's exact bytes.
 */
import type { RequestRecord } from "../../wsgi/records";
import { bytes } from "../../wsgi/test-support/raw-cases";

/**
 * A module whose app answers with its environ as JSON (the keys whose values
 * differ by nature, from socket to socket and run to run, masked, with
 * `nature`) and the body it read; `serve` is the module's last lines, the
 * server it starts.
 */
export function echoModule(nature: string[], serve: string): string {
  return `import json

NATURE = (${["SERVER_NAME", "SERVER_PORT", "REMOTE_PORT", "wsgi.input", "wsgi.errors", ...nature]
    .map((key) => `'${key}'`)
    .join(", ")})

def application(environ, start_response):
    if environ.get('wsgi.input_terminated'):
        body = environ['wsgi.input'].read()
    else:
        length = environ.get('CONTENT_LENGTH') or '0'
        body = environ['wsgi.input'].read(int(length)) if length.isdigit() else b''
    shown = {k: ('<socket>' if k in NATURE else repr(v)) for k, v in environ.items()}
    shown['<body read>'] = body.decode('latin-1')
    start_response('200 OK', [('Content-Type', 'application/json')])
    return [json.dumps(shown, sort_keys=True, indent=1).encode()]

if __name__ == '__main__':
${serve
  .split("\n")
  .map((line) => `    ${line}`)
  .join("\n")}
`;
}

/** The request whose exact bytes are `text` (one byte a character), to localhost:8000. */
export const rawRequest = (text: string): RequestRecord => ({
  method: "",
  target: "",
  httpVersion: "",
  headers: [],
  body: new Uint8Array(),
  raw: bytes(text),
  server: { name: "localhost", port: "8000" },
});

export const latin1 = (data: Uint8Array) => Buffer.from(data).toString("latin1");

/** The bytes on the wire less what differs by nature: the date, Python's version. */
export const maskedWire = (wire: Uint8Array) =>
  latin1(wire)
    .replace(/^Date: .*\r$/m, "Date: <date>\r")
    .replace(/^(Server: .*)Python\/[\d.]+\r$/m, "$1Python/<version>\r");

/** Requests where the servers part ways (issue #37's list), and where a client goes wrong. */
export const SERVER_CASES: [string, string][] = [
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
  [
    "an absolute-form target",
    "GET http://example.com:8080/x?y=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  ],
  [
    "a folded header",
    "GET / HTTP/1.1\r\nHost: x\r\nX-Folded: one\r\n two\r\nConnection: close\r\n\r\n",
  ],
  ["raw UTF-8 in the path", "GET /caf\xc3\xa9 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"],
  [
    "Expect: 100-continue",
    "POST /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
  ],
];
