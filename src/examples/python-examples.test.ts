/**
 * Every Python example of the gallery, as the gallery opens it: run by
 * Pyodide's CPython in Node with the build's stacks, and by the machine's
 * python3 serving the same files with the same packages on a real socket
 * (`python3 app.py`, scripts/wsgiref_module.py). The example's own request
 * gets python3's status and body (the Servers section's, every byte but
 * the date and Python's version), and the response shows what the example
 * says it shows: a header, the errors log, its layers, a build's error.
 * The page itself opens the seeds' examples from the gallery
 * (e2e/python.spec.ts); the rest are here, where a request through Flask
 * or Paste costs no browser.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureFrameworks } from "../../scripts/frameworks";
import type { PythonServer } from "../runner/python-server";
import { latin1, maskedWire, rawRequest } from "../runner/test-support/server-cases";
import { stackFolders, startWithStacks } from "../runner/test-support/stacks";
import { composeRequest } from "../request/compose";
import { fromShared } from "../share/project-state";
import { serializeRequest } from "../wsgi/raw-request";
import { wireOf } from "../wsgi/test-support/raw-cases";
import { hasPython, parseResponse, serveFolder } from "../wsgi/test-support/wsgiref-server";
import { EXAMPLES, type Example } from "./catalog";

const manifest = await ensureFrameworks(() => undefined);
const PYTHON = EXAMPLES.filter((example) => example.language === "python");

/** The bytes the panel sends for the example's request. */
const requestOf = (example: Example) =>
  serializeRequest(composeRequest(fromShared({ request: example.project.request }).draft).record);

/** python3's answer less any interim 1xx before it: its status (less the protocol) and body. */
function finalResponse(raw: Uint8Array): { status: string; body: Uint8Array } {
  let rest = raw;
  while (/^HTTP\/1\.\d 1\d\d /.test(latin1(rest.subarray(0, 13))))
    rest = rest.subarray(latin1(rest).indexOf("\r\n\r\n") + 4);
  const { statusLine, body } = parseResponse(rest);
  return { status: statusLine.replace(/^HTTP\/\d\.\d /, ""), body };
}

describe.skipIf(!hasPython() || manifest.stacks.length === 0)(
  "the gallery's Python examples",
  { timeout: 60_000 },
  () => {
    let python: PythonServer;
    beforeAll(async () => {
      python = await startWithStacks(manifest);
    }, 60_000);

    it("the Servers section has the six the gallery promises", () => {
      expect(PYTHON.filter((example) => example.source === "Servers")).toHaveLength(6);
    });

    it.each(PYTHON.map((example) => [example.title, example] as const))(
      "%s: answers as python3 does, and shows what it says",
      async (_title, example) => {
        const files = example.project.files ?? {};
        const shown = example.expect;
        const failure = (await python.prepare(files)) ?? python.load(files, "app.py");
        if (shown.buildError) {
          // What `python3 app.py` says of it: its last line is the same error.
          const dir = mkdtempSync(join(tmpdir(), "wsgi-example-"));
          writeFileSync(join(dir, "app.py"), files["app.py"]!);
          const run = spawnSync("python3", [join(dir, "app.py")], { encoding: "utf8" });
          const said = run.stderr.trim().split("\n").at(-1)!;
          expect(said).toContain(shown.buildError);
          expect(failure?.error).toContain(said);
          return;
        }
        expect(failure).toBeNull();
        const sent = requestOf(example);
        const ours = python.serve(rawRequest(latin1(sent)), 1);
        const served = await serveFolder(files, "app.py", stackFolders(manifest));
        let theirs: Uint8Array;
        try {
          theirs = await served.send(sent);
        } finally {
          await served.close();
        }
        const them = finalResponse(theirs);
        expect(ours.status).toBe(them.status);
        expect(ours.status).toBe(shown.status);
        const body = latin1(ours.body);
        if (example.source === "Servers") {
          expect(maskedWire(wireOf(ours))).toBe(maskedWire(theirs));
        } else if (
          ours.headers.some(([name, value]) => name === "Content-Encoding" && value === "gzip")
        ) {
          // Compressed with the time in it: the same text once inflated.
          expect(latin1(gunzipSync(ours.body))).toBe(latin1(gunzipSync(them.body)));
        } else if (example.project.files?.["app.py"]?.includes("demo_app")) {
          // demo_app lists python3's whole os.environ too: compare the request's own lines.
          for (const line of latin1(them.body)
            .split("\n")
            .filter((l) => /^(PATH_INFO|QUERY_STRING|REQUEST_METHOD|HTTP_HOST) /.test(l)))
            expect(body).toContain(line);
        } else {
          expect(body).toBe(latin1(them.body));
        }
        for (const text of shown.body ?? []) expect(body).toContain(text);
        if (shown.header) {
          const [name, value] = shown.header;
          expect(ours.headers.find(([key]) => key === name)?.[1]).toContain(value);
        }
        if (shown.errors) expect(ours.errors).toContain(shown.errors);
        if (shown.layers) expect(ours.layers?.map((layer) => layer.name)).toEqual(shown.layers);
      },
    );
  },
);
