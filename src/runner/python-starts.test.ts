/**
 * The ways a module starts a server, in Pyodide's CPython, against the
 * machine's python3 running the same module with the same packages on a
 * real socket: Bottle's `run(server=...)` hands its app to wsgiref,
 * Waitress, Paste or Cheroot, and that server answers; arguments about
 * threads, processes and clocks are said, once, not to apply here.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ensureFrameworks } from "../../scripts/frameworks";
import type { FrameworkManifest } from "../frameworks/manifest";
import { bytes, wireOf } from "../wsgi/test-support/raw-cases";
import { hasPython, serveFolder } from "../wsgi/test-support/wsgiref-server";
import type { ServeProgress } from "../wsgi/serve-progress";
import type { PythonServer } from "./python-server";
import { latin1, maskedWire, rawRequest } from "./test-support/server-cases";
import { stackFolders, startWithStacks } from "./test-support/stacks";

const manifest: FrameworkManifest = await ensureFrameworks(() => undefined);
const has = (module: string) => manifest.stacks.some((stack) => stack.modules.includes(module));

const GET = "GET /hello/Ada?x=1 HTTP/1.1\r\nHost: localhost:8000\r\nConnection: close\r\n\r\n";

/** A Bottle app run by `server`, as Bottle's documentation starts it. */
const bottleOn = (server: string) => `from bottle import request, route, run

@route('/hello/<name>')
def hello(name):
    return f"Hello {name}: {request.environ.get('SERVER_SOFTWARE', 'no SERVER_SOFTWARE')}\\n"

run(host='localhost', port=8080, server='${server}', quiet=True)
`;

describe.skipIf(!hasPython() || !has("bottle"))(
  "servers as the code starts them",
  { timeout: 60_000 },
  () => {
    let python: PythonServer;
    beforeAll(async () => {
      python = await startWithStacks(manifest);
    }, 60_000);

    async function load(files: Record<string, string>) {
      expect((await python.prepare(files)) ?? python.load(files, "app.py")).toBeNull();
    }

    const BOTTLE: [string, string, string][] = [
      ["wsgiref", "wsgiref", "wsgiref"],
      ["waitress", "Waitress", "waitress"],
      ["paste", "Paste", "paste"],
      ["cheroot", "Cheroot", "cheroot"],
    ];
    for (const [server, name, module] of BOTTLE) {
      it.skipIf(module !== "wsgiref" && !has(module))(
        `bottle.run(server='${server}') is answered by ${name}, as under python3`,
        async () => {
          const files = { "app.py": bottleOn(server) };
          await load(files);
          const ours = python.serve(rawRequest(GET), 1);
          expect(ours.server).toMatchObject({ name, how: "code" });
          expect(ours.status).toBe("200 OK");
          expect(latin1(ours.body)).toMatch(/^Hello Ada: /);
          const theirs = await serveFolder(files, "app.py", stackFolders(manifest));
          try {
            expect(maskedWire(wireOf(ours))).toBe(maskedWire(await theirs.send(bytes(GET))));
          } finally {
            await theirs.close();
          }
        },
      );
    }

    it.skipIf(!has("waitress") || !has("cheroot"))(
      "arguments about threads and clocks are said once not to apply; what the code did not write is not",
      async () => {
        const APP = `def app(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return [b'ok']
`;
        await load({
          "app.py": `${APP}
import waitress
waitress.create_server(app, threads=8, channel_timeout=120)
waitress.serve(app, threads=8, url_scheme='https')
`,
        });
        const answer = python.serve(rawRequest(GET), 1);
        expect(answer.server?.name).toBe("Waitress");
        const log = answer.errors;
        const said = log.split("\n").filter((line) => line.startsWith("[playground]"));
        expect(said).toEqual([
          "[playground] Waitress: threads=8 does not apply here: a request runs on the one thread there is, one request at a time.",
          "[playground] Waitress: channel_timeout=120 does not apply here: a request ends when the page's time limit (top bar) says.",
        ]);
        // The next build says it again, once.
        await load({
          "app.py": `${APP}
from cheroot import wsgi
wsgi.Server(('0.0.0.0', 8080), app, numthreads=20).start()
`,
        });
        expect(python.serve(rawRequest(GET), 1).errors).toContain(
          "[playground] Cheroot: numthreads=20 does not apply here",
        );
        // A server started with its defaults, or as Flask starts Werkzeug (threaded by itself): nothing said.
        await load({
          "app.py": `${APP}
from werkzeug.serving import run_simple
run_simple('localhost', 8000, app, threaded=True)
`,
        });
        expect(python.serve(rawRequest(GET), 1).errors).not.toContain("[playground]");
      },
    );
    it.skipIf(!has("waitress"))(
      "a server that raises inside its own code answers 502, says the app is not at fault, and the next request works",
      async () => {
        await load({
          "app.py": `import waitress.channel

def app(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return [b'ok']

broke = []
read = waitress.channel.HTTPChannel.handle_read

def handle_read(self):
    if not broke:
        broke.append(True)
        raise RuntimeError('the channel broke')
    return read(self)

waitress.channel.HTTPChannel.handle_read = handle_read
waitress.serve(app)
`,
        });
        const failed = python.serve(rawRequest(GET), 1);
        expect(failed.status).toBe("502 Bad Gateway");
        expect(failed.errors).toContain("RuntimeError: the channel broke");
        expect(failed.findings.map((f) => f.message)).toContainEqual(
          expect.stringContaining("Waitress raised RuntimeError inside its own code"),
        );
        expect(latin1(failed.body)).toContain("not your app");
        const next = python.serve(rawRequest(GET), 1);
        expect(next.status).toBe("200 OK");
        expect(latin1(next.body)).toBe("ok");
      },
    );
    it.skipIf(!has("waitress"))(
      "a slow body through Waitress is told as the app gives it, and the record is Waitress's",
      async () => {
        await load({
          "app.py": `import time, waitress

def app(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    for i in range(1, 5):
        yield f'chunk {i}\\n'.encode()
        time.sleep(0.05)

waitress.serve(app)
`,
        });
        const told: ServeProgress[] = [];
        const record = python.serve(rawRequest(GET), 1, (progress) => told.push(progress));
        expect(told.length).toBeGreaterThanOrEqual(4);
        expect(told[0]!.status).toBe("200 OK");
        expect(told[0]!.headers).toEqual([["Content-Type", "text/plain"]]);
        expect(latin1(told[0]!.chunk)).toBe("chunk 1\n");
        expect(told.map((p) => latin1(p.chunk)).join("")).toBe(latin1(record.body));
        // Done, the record is what Waitress sent: its own headers, the body chunked on the wire.
        expect(record.headers.map(([name]) => name)).toContain("Server");
        expect(record.chunks?.length).toBeGreaterThanOrEqual(4);
      },
    );
  },
);
