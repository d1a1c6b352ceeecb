/**
 * @module server-suite
 * Test support: the suite every server's test is — CPython started in
 * Node with the build's stacks, the module loaded (with the server chosen,
 * if one is), and every raw case and server case sent through the
 * playground's server and through python3 serving the same module with the
 * same packages on a real socket, compared byte for byte. A test adds its
 * own cases in `more`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFrameworks } from "../../../scripts/frameworks";
import { bytes, RAW_CASES, wireOf } from "../../wsgi/test-support/raw-cases";
import { hasPython, serveFolder, type ServedFolder } from "../../wsgi/test-support/wsgiref-server";
import type { PythonServer } from "../python-server";
import { maskedWire, rawRequest, SERVER_CASES } from "./server-cases";
import { stackFolders, startWithStacks } from "./stacks";

const manifest = await ensureFrameworks(() => undefined);

/** What a suite's own tests get: the started CPython, a way to load a module, python3's import path. */
export interface ServerSuite {
  python: () => PythonServer;
  load: (files: Record<string, string>) => Promise<void>;
  zips: string[];
}

/**
 * The suite for the server `name` (its stack `stack`): `module` served by
 * the playground and by python3 (`chosen`: the server a command line
 * chooses, as `gunicorn app:app`), then `more`.
 */
export function describeServer(
  name: string,
  stack: string,
  module: string,
  more: (suite: ServerSuite) => void,
  chosen?: "gunicorn",
): void {
  const present = manifest.stacks.some((s) => s.name === stack);
  describe.skipIf(!present || !hasPython())(
    `${name} in Pyodide's CPython`,
    { timeout: 60_000 },
    () => {
      let python: PythonServer;
      const zips = stackFolders(manifest);
      beforeAll(async () => {
        python = await startWithStacks(manifest);
      }, 60_000);

      async function load(files: Record<string, string>) {
        const failure =
          (await python.prepare(files, chosen)) ?? python.load(files, "app.py", chosen);
        expect(failure).toBeNull();
      }

      describe(`each request, against python3 serving the same module with the same ${name}`, () => {
        let theirs: ServedFolder;
        beforeAll(async () => {
          theirs = await serveFolder({ "app.py": module }, "app.py", zips, chosen);
        }, 60_000);
        afterAll(() => theirs?.close());

        // The playground's own raw cases (wsgiref's), then where servers part ways.
        for (const [what, request] of [...RAW_CASES, ...SERVER_CASES]) {
          it(`answers as ${name} does: ${what}`, async () => {
            await load({ "app.py": module });
            const ours = python.serve(rawRequest(request), 1);
            expect(maskedWire(wireOf(ours))).toBe(maskedWire(await theirs.send(bytes(request))));
          });
        }
      });

      more({ python: () => python, load, zips });
    },
  );
}
