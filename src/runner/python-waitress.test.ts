/**
 * Waitress, run by its own code in Pyodide's CPython (its channel, parser
 * and tasks over a socket in memory, no threads), against the machine's
 * python3 running the same module with the same Waitress on a real socket:
 * the same bytes in, the same bytes out.
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
const hasWaitress = manifest.stacks.some((stack) => stack.name === "waitress");

/** An app that answers with its environ, served as Waitress's documentation serves one. */
const ECHO = echoModule(
  ["REMOTE_HOST", "waitress.client_disconnected"],
  "from waitress import serve\nserve(application, host='0.0.0.0', port=8080)",
);

describe.skipIf(!hasWaitress || !hasPython())(
  "Waitress in Pyodide's CPython",
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

    describe("each request, against python3 serving the same module with the same Waitress", () => {
      let theirs: ServedFolder;
      beforeAll(async () => {
        theirs = await serveFolder({ "app.py": ECHO }, "app.py", zips);
      }, 60_000);
      afterAll(() => theirs?.close());

      for (const [what, request] of [...RAW_CASES, ...SERVER_CASES]) {
        it(`answers as Waitress does: ${what}`, async () => {
          await load({ "app.py": ECHO });
          const ours = python.serve(rawRequest(request), 1);
          expect(maskedWire(wireOf(ours))).toBe(maskedWire(await theirs.send(bytes(request))));
        });
      }
    });

    it("prints what python3 prints (nothing: serve() logs at INFO, under logging's WARNING), and takes the last forwarded header", async () => {
      await load({ "app.py": ECHO });
      const ours = python.serve(rawRequest(SERVER_CASES[2]![1]), 1);
      expect(ours.errors).toBe("");
      const environ = JSON.parse(latin1(ours.body)) as Record<string, string>;
      expect(environ.SERVER_SOFTWARE).toBe("'waitress'");
      expect(environ.HTTP_X_FORWARDED_FOR).toBe("'10.0.0.1'");
    });
  },
);
