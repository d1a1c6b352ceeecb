/**
 * The raw-request cross-check: the same bytes go to CPython's
 * wsgiref.simple_server (over a socket, whose sending side is then closed)
 * and to our server. Whatever comes back must be the same bytes: the status
 * line, the headers (Date and Server masked), the body, which for the app
 * that answers is the environ it was given, as JSON. Refusals are
 * http.server's own pages; HTTP/0.9 answers are a body alone; an empty
 * request line is answered with nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromUtf8, latin1 } from "./bytes";
import { parseHttpRequest } from "./http-request";
import { serve } from "./server-handler";
import { rawEnvironApp } from "./test-support/oracle-apps";
import { bytes, masked, RAW_CASES as CASES, wireOf } from "./test-support/raw-cases";
import { hasPython, startWsgiref, type Wsgiref } from "./test-support/wsgiref-server";

describe.skipIf(!hasPython())("raw requests: the same bytes back as CPython's wsgiref", () => {
  let wsgiref: Wsgiref;
  let server: { name: string; port: string };
  beforeAll(async () => {
    wsgiref = await startWsgiref("raw_environ_app");
    const probe = await wsgiref.send(bytes("GET / HTTP/1.0\r\n\r\n"));
    const json = latin1(probe).split("\r\n\r\n")[1];
    const environ = JSON.parse(fromUtf8(bytes(json))) as Record<string, string>;
    server = { name: environ.SERVER_NAME, port: environ.SERVER_PORT };
  });
  afterAll(() => wsgiref?.close());

  it("covers at least 40 requests", () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  it.each(CASES)("%s", async (_, text) => {
    const raw = bytes(text);
    const python = await wsgiref.send(raw);
    const record = serve(rawEnvironApp, {
      method: "",
      target: "",
      httpVersion: "",
      headers: [],
      body: new Uint8Array(),
      raw,
      server,
    });
    expect(masked(wireOf(record))).toBe(masked(python));
    // Every byte is accounted for, in order.
    const fates = record.fates ?? parseHttpRequest(raw).fates;
    let at = 0;
    for (const fate of fates) {
      expect(fate.start).toBeGreaterThanOrEqual(at);
      at = fate.end;
    }
  });
});

if (!hasPython()) {
  it.skip("python3 is not installed: the CPython cross-check is skipped", () => {});
}
