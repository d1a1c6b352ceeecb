/**
 * The Servers tab's comparison in Pyodide's CPython: one request's bytes
 * through every server, each running the module afresh, and the build
 * that answers left as it was (its app's state included).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ensureFrameworks } from "../../scripts/frameworks";
import type { FrameworkManifest } from "../frameworks/manifest";
import type { PythonServer } from "./python-server";
import { latin1, rawRequest } from "./test-support/server-cases";
import { startWithStacks } from "./test-support/stacks";

const manifest: FrameworkManifest = await ensureFrameworks(() => undefined);
const servers = ["wsgiref", "paste", "werkzeug", "waitress", "gunicorn", "cheroot"] as const;
const hasAll = servers
  .slice(1)
  .every((name) => manifest.stacks.some((stack) => stack.modules.includes(name)));

/** An app that counts its calls and says what X-Forwarded-For it got. */
const APP = `import itertools
calls = itertools.count(1)

def application(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return [f"call {next(calls)}: {environ.get('HTTP_X_FORWARDED_FOR')!r}".encode()]
`;

const SPOOF =
  "GET / HTTP/1.1\r\nHost: localhost:8000\r\nX_Forwarded_For: 6.6.6.6\r\nX-Forwarded-For: 10.0.0.1\r\nConnection: close\r\n\r\n";

describe.skipIf(!hasAll)("one request through every server", { timeout: 60_000 }, () => {
  let python: PythonServer;
  beforeAll(async () => {
    python = await startWithStacks(manifest);
  }, 60_000);

  it("each server answers as its own rules say, and the build on screen keeps its state", async () => {
    const files = { "app.py": APP };
    expect((await python.prepare(files)) ?? python.load(files, "app.py")).toBeNull();
    expect(latin1(python.serve(rawRequest(SPOOF), 1).body)).toBe("call 1: '6.6.6.6,10.0.0.1'");
    expect(await python.prepareServers(servers)).toBeNull();
    const compared = python.serve({ ...rawRequest(SPOOF), servers: [...servers] }, 1);
    const answers = compared.comparisons!;
    expect(answers.map((a) => a.server)).toEqual([...servers]);
    const bodies = Object.fromEntries(answers.map((a) => [a.server, latin1(a.response!.body)]));
    // Each ran the module afresh: call 1 on each.
    expect(bodies).toEqual({
      wsgiref: "call 1: '6.6.6.6,10.0.0.1'",
      paste: "call 1: '10.0.0.1'",
      werkzeug: "call 1: '6.6.6.6,10.0.0.1'",
      waitress: "call 1: '10.0.0.1'",
      gunicorn: "call 1: '6.6.6.6,10.0.0.1'",
      cheroot: "call 1: '10.0.0.1'",
    });
    expect(answers.map((a) => a.response!.server?.name)).toEqual([
      "wsgiref",
      "Paste",
      "Werkzeug",
      "Waitress",
      "Gunicorn",
      "Cheroot",
    ]);
    // The build that answers is the one that was loaded: its count goes on (2 was the compare's own call).
    expect(latin1(compared.body)).toBe("call 2: '6.6.6.6,10.0.0.1'");
    expect(latin1(python.serve(rawRequest(SPOOF), 1).body)).toBe("call 3: '6.6.6.6,10.0.0.1'");
    expect(python.serve(rawRequest(SPOOF), 1).server).toMatchObject({
      name: "wsgiref",
      how: "default",
    });
  });
});
