/**
 * Gunicorn chosen as the project's server (as `gunicorn app:app` chooses it
 * on a command line): its sync worker's own code in Pyodide's CPython over
 * a socket in memory, against the machine's python3 running Gunicorn's
 * arbiter and one sync worker on a real socket for the same module: the
 * same bytes in, the same bytes out.
 */
import { expect, it } from "vitest";
import { echoModule, latin1, rawRequest, SERVER_CASES } from "./test-support/server-cases";
import { describeServer } from "./test-support/server-suite";

/** An app that answers with its environ; the module starts no server: Gunicorn is chosen. */
const ECHO = echoModule(["gunicorn.socket"], "pass");

describeServer(
  "Gunicorn",
  "gunicorn",
  ECHO,
  ({ python, load }) => {
    it("says it is Gunicorn, chosen, and logs the arbiter's start as Gunicorn does", async () => {
      await load({ "app.py": ECHO });
      const ours = python().serve(rawRequest(SERVER_CASES[0]![1]), 1);
      expect(ours.headers).toContainEqual(["Server", "gunicorn"]);
      const environ = JSON.parse(latin1(ours.body)) as Record<string, string>;
      expect(environ.SERVER_SOFTWARE).toBe("'gunicorn/20.1.0'");
      expect(ours.server).toMatchObject({ name: "Gunicorn", how: "chosen" });
      expect(ours.errors).toMatch(/\[INFO\] Starting gunicorn 20\.1\.0/);
      expect(ours.errors).toMatch(/\[INFO\] Listening at: http:\/\/127\.0\.0\.1:8000 \(\d+\)/);
      expect(ours.errors).toMatch(/\[INFO\] Using worker: sync/);
    });
  },
  "gunicorn",
);
