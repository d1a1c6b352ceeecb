/**
 * Cheroot (CherryPy's server), run by its own code in Pyodide's CPython
 * (its HTTPConnection over a socket in memory, no thread pool, no
 * selector), against the machine's python3 running the same module with
 * the same Cheroot on a real socket: the same bytes in, the same bytes out.
 */
import { expect, it } from "vitest";
import { echoModule, latin1, rawRequest, SERVER_CASES } from "./test-support/server-cases";
import { describeServer } from "./test-support/server-suite";

/** An app that answers with its environ, served as Cheroot's documentation serves one. */
const ECHO = echoModule(
  [],
  "from cheroot import wsgi\nwsgi.Server(('0.0.0.0', 8080), application).start()",
);

describeServer("Cheroot", "cheroot", ECHO, ({ python, load }) => {
  it("names itself in SERVER_NAME and SERVER_SOFTWARE, and keeps the last forwarded header", async () => {
    await load({ "app.py": ECHO });
    const ours = python().serve(rawRequest(SERVER_CASES[2]![1]), 1);
    const environ = JSON.parse(latin1(ours.body)) as Record<string, string>;
    expect(environ.SERVER_SOFTWARE).toMatch(/^'Cheroot\/9\.0\.0/);
    expect(ours.server).toMatchObject({ name: "Cheroot", how: "code" });
  });
});
