/**
 * Gunicorn chosen as the project's server (as `gunicorn app:app` chooses it
 * on a command line): its sync worker's own code in Pyodide's CPython over
 * a socket in memory, against the machine's python3 running Gunicorn's
 * arbiter and one sync worker on a real socket for the same module: the
 * same bytes in, the same bytes out.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFrameworks } from "../../scripts/frameworks";
import type { FrameworkManifest } from "../frameworks/manifest";
import { bytes, RAW_CASES, wireOf } from "../wsgi/test-support/raw-cases";
import { hasPython, serveFolder, type ServedFolder } from "../wsgi/test-support/wsgiref-server";
import type { PythonServer } from "./python-server";
import {
  echoModule,
  latin1,
  maskedWire,
  rawRequest,
  SERVER_CASES,
} from "./test-support/server-cases";
import { stackFolders, startWithStacks } from "./test-support/stacks";

const manifest: FrameworkManifest = await ensureFrameworks(() => undefined);
const hasGunicorn = manifest.stacks.some((stack) => stack.name === "gunicorn");

/** An app that answers with its environ; the module starts no server: Gunicorn is chosen. */
const ECHO = echoModule(["gunicorn.socket"], "pass");

describe.skipIf(!hasGunicorn || !hasPython())(
  "Gunicorn, chosen as the server, in Pyodide's CPython",
  { timeout: 60_000 },
  () => {
    let python: PythonServer;
    const zips = stackFolders(manifest);

    beforeAll(async () => {
      python = await startWithStacks(manifest);
    }, 60_000);

    async function load(files: Record<string, string>) {
      const failure =
        (await python.prepare(files, "gunicorn")) ?? python.load(files, "app.py", "gunicorn");
      expect(failure).toBeNull();
    }

    describe("each request, against python3's gunicorn app:app", () => {
      let theirs: ServedFolder;
      beforeAll(async () => {
        theirs = await serveFolder({ "app.py": ECHO }, "app.py", zips, "gunicorn");
      }, 60_000);
      afterAll(() => theirs?.close());

      for (const [what, request] of [...RAW_CASES, ...SERVER_CASES]) {
        it(`answers as Gunicorn does: ${what}`, async () => {
          await load({ "app.py": ECHO });
          const ours = python.serve(rawRequest(request), 1);
          expect(maskedWire(wireOf(ours))).toBe(maskedWire(await theirs.send(bytes(request))));
        });
      }
    });

    it("says it is Gunicorn, chosen, and logs the arbiter's start as Gunicorn does", async () => {
      await load({ "app.py": ECHO });
      const ours = python.serve(rawRequest(SERVER_CASES[0]![1]), 1);
      expect(ours.headers).toContainEqual(["Server", "gunicorn"]);
      const environ = JSON.parse(latin1(ours.body)) as Record<string, string>;
      expect(environ.SERVER_SOFTWARE).toBe("'gunicorn/20.1.0'");
      expect(ours.server).toMatchObject({ name: "Gunicorn", how: "chosen" });
      expect(ours.errors).toMatch(/\[INFO\] Starting gunicorn 20\.1\.0/);
      expect(ours.errors).toMatch(/\[INFO\] Listening at: http:\/\/127\.0\.0\.1:8000 \(\d+\)/);
      expect(ours.errors).toMatch(/\[INFO\] Using worker: sync/);
    });
  },
);
