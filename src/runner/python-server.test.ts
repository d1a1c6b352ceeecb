/**
 * The Python runtime against CPython on this machine: Pyodide's CPython,
 * serving through the playground's server module, must give what the
 * machine's own `wsgiref.simple_server` gives over a real socket: the same
 * status line, headers and body for every oracle app, and the same environ
 * for crafted requests. Date and the Server's Python version are masked
 * (Pyodide is CPython 3.12; the machine's python3 may be another).
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serializeRequest } from "../wsgi/raw-request";
import type { RequestRecord } from "../wsgi/records";
import { ORACLE_APPS, oracleRequest } from "../wsgi/test-support/oracle-apps";
import {
  hasPython,
  parseResponse,
  startWsgiref,
  type Wsgiref,
} from "../wsgi/test-support/wsgiref-server";
import { bytes, masked as maskedWire, RAW_CASES, wireOf } from "../wsgi/test-support/raw-cases";
import { PythonServer } from "./python-server";

const ORACLE = readFileSync(new URL("../../scripts/wsgiref_oracle.py", import.meta.url), "utf8");

function masked(headers: [string, string][]): [string, string][] {
  return headers.map(([name, value]) => {
    if (name === "Date") return [name, "<date>"];
    if (name === "Server") return [name, value.replace(/CPython\/[\d.]+/, "CPython/<version>")];
    return [name, value];
  });
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

describe.skipIf(!hasPython())(
  "Python apps on Pyodide's CPython, against the machine's wsgiref",
  () => {
    let wsgiref: Wsgiref;
    let python: PythonServer;

    beforeAll(async () => {
      [wsgiref, python] = await Promise.all([startWsgiref("apps"), PythonServer.start()]);
      const error = python.load(
        {
          "app.py": "from wsgiref_oracle import dispatch as application\n",
          "wsgiref_oracle.py": ORACLE,
        },
        "app.py",
      );
      expect(error).toBeNull();
    }, 120_000);

    afterAll(() => wsgiref?.close());

    for (const app of Object.keys(ORACLE_APPS)) {
      it(`answers as wsgiref does: ${app}`, async () => {
        const record = oracleRequest(app);
        const theirs = parseResponse(await wsgiref.send(serializeRequest(record)));
        const ours = python.serve(record, 1);
        const oursLine = `${ours.httpVersion} ${ours.status}`.trimEnd();
        expect(oursLine).toBe(theirs.statusLine);
        expect(masked(ours.headers)).toEqual(masked(theirs.headers));
        expect(latin1(ours.body)).toBe(latin1(theirs.body));
      });
    }

    const CRAFTED: [string, Partial<RequestRecord>][] = [
      ["an encoded slash and a query", { target: "/a%2Fb/%7Euser?x=1&y=%20" }],
      ["a double slash", { target: "//x//y" }],
      ["bytes outside ASCII, as latin-1", { target: "/caf%C3%A9" }],
      [
        "a POST body with its length",
        { method: "POST", body: new TextEncoder().encode("a=1&b=2") },
      ],
    ];
    for (const [what, change] of CRAFTED) {
      it(`builds wsgiref's environ: ${what}`, async () => {
        const headers: [string, string][] = [
          ["Host", "localhost:8000"],
          ["X-Oracle-App", "environ_app"],
          ["Cookie", "a=1"],
          ["X-Dup", "one"],
          ["X-Dup", "two"],
        ];
        if (change.body) headers.push(["Content-Length", String(change.body.length)]);
        const record = oracleRequest("environ_app", { ...change, headers });
        const theirs = JSON.parse(
          latin1(parseResponse(await wsgiref.send(serializeRequest(record))).body),
        ) as Record<string, unknown>;
        const ours = JSON.parse(
          latin1(
            python.serve(
              {
                ...record,
                server: { name: theirs.SERVER_NAME as string, port: String(wsgiref.port) },
              },
              1,
            ).body,
          ),
        ) as Record<string, unknown>;
        // What differs by nature: the software version, the client's address and port.
        for (const key of ["SERVER_SOFTWARE", "REMOTE_ADDR", "REMOTE_HOST"]) {
          delete theirs[key];
          delete ours[key];
        }
        expect(ours).toEqual(theirs);
      });
    }

    describe("raw requests: the same bytes back", () => {
      let raw: Wsgiref;
      let server: { name: string; port: string };
      beforeAll(async () => {
        raw = await startWsgiref("raw_environ_app");
        const probe = parseResponse(await raw.send(bytes("GET / HTTP/1.0\r\n\r\n")));
        const environ = JSON.parse(Buffer.from(probe.body).toString("utf8")) as Record<
          string,
          string
        >;
        server = { name: environ.SERVER_NAME, port: environ.SERVER_PORT };
        const error = python.load(
          {
            "app.py": "from wsgiref_oracle import raw_environ_app as application\n",
            "wsgiref_oracle.py": ORACLE,
          },
          "app.py",
        );
        expect(error).toBeNull();
      });
      afterAll(() => raw?.close());

      for (const [what, text] of RAW_CASES) {
        it(what, async () => {
          const request = bytes(text);
          const theirs = await raw.send(request);
          const ours = python.serve(
            {
              method: "",
              target: "",
              httpVersion: "",
              headers: [],
              body: new Uint8Array(),
              raw: request,
              server,
            },
            1,
          );
          expect(maskedWire(wireOf(ours))).toBe(maskedWire(theirs));
        });
      }
    });
  },
);
