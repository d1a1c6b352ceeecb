/**
 * Python Paste's `httpserver.serve`, run by Paste's own code in Pyodide's
 * CPython (its thread pool without threads, its socket in memory), against
 * the machine's python3 running the same module with the same Paste on a
 * real socket: the same bytes in, the same status, headers, environ and
 * body out (the second seed: `httpserver.serve(application, host='',
 * port='8000')`).
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { bytes } from "../wsgi/test-support/raw-cases";
import { parseResponse, runInFolder } from "../wsgi/test-support/wsgiref-server";
import { echoModule, latin1, rawRequest, SERVER_CASES } from "./test-support/server-cases";
import { describeServer } from "./test-support/server-suite";

/** An app that answers with its environ, served as the second seed serves its app. */
const ECHO = echoModule(
  ["paste.httpserver.thread_pool"],
  "from paste import httpserver\nhttpserver.serve(application, host='', port='8000')",
);

const SEED = readFileSync(new URL("../examples/apps/seed001-paste.py", import.meta.url), "utf8");

describeServer("Paste", "paste", ECHO, ({ python, load, zips }) => {
  it("the second seed as written: Paste's Server header, its environ, its print", async () => {
    await load({ "app.py": ECHO });
    const answer = python().serve(rawRequest(SERVER_CASES[1]![1]), 1);
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
    const seed = python().serve(rawRequest(SERVER_CASES[0]![1]), 2);
    const theirs = parseResponse(
      (await runInFolder({ "app.py": SEED }, "app.py", bytes(SERVER_CASES[0]![1]), zips)).sent,
    );
    expect(`${seed.httpVersion} ${seed.status}`.trim()).toBe(theirs.statusLine);
    expect(latin1(seed.body)).toBe(latin1(theirs.body));
  });
});
