/**
 * Waitress, run by its own code in Pyodide's CPython (its channel, parser
 * and tasks over a socket in memory, no threads), against the machine's
 * python3 running the same module with the same Waitress on a real socket:
 * the same bytes in, the same bytes out.
 */
import { expect, it } from "vitest";
import { echoModule, latin1, rawRequest, SERVER_CASES } from "./test-support/server-cases";
import { describeServer } from "./test-support/server-suite";

/** An app that answers with its environ, served as Waitress's documentation serves one. */
const ECHO = echoModule(
  ["REMOTE_HOST", "waitress.client_disconnected"],
  "from waitress import serve\nserve(application, host='0.0.0.0', port=8080)",
);

describeServer("Waitress", "waitress", ECHO, ({ python, load }) => {
  it("prints what python3 prints (nothing: serve() logs at INFO, under logging's WARNING), and takes the last forwarded header", async () => {
    await load({ "app.py": ECHO });
    const ours = python().serve(rawRequest(SERVER_CASES[2]![1]), 1);
    expect(ours.errors).toBe("");
    const environ = JSON.parse(latin1(ours.body)) as Record<string, string>;
    expect(environ.SERVER_SOFTWARE).toBe("'waitress'");
    expect(environ.HTTP_X_FORWARDED_FOR).toBe("'10.0.0.1'");
  });
});
