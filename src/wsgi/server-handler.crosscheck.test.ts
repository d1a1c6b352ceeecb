/**
 * The response cross-check: each app of the oracle runs on CPython's
 * wsgiref.simple_server and, as its TypeScript twin, on our core; the status
 * line, the headers (names, values, order) and the body bytes must match.
 * Date values and the default Server value are masked: they differ by
 * nature (time; "CPython/3.x" against "WSGIPlayground").
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latin1 } from "./bytes";
import { serializeRequest } from "./raw-request";
import type { ResponseRecord } from "./records";
import { SOFTWARE_VERSION, serve } from "./server-handler";
import { ORACLE_APPS, oracleRequest } from "./test-support/oracle-apps";
import {
  hasPython,
  parseResponse,
  startWsgiref,
  type Wsgiref,
} from "./test-support/wsgiref-server";

function mask([name, value]: [string, string]): [string, string] {
  if (name === "Date" && value !== "yesterday") return [name, "<date>"];
  if (
    name === "Server" &&
    (value.startsWith("WSGIServer/0.2 CPython/") || value === SOFTWARE_VERSION)
  ) {
    return [name, "<server>"];
  }
  return [name, value];
}

function ours(record: ResponseRecord) {
  return {
    statusLine: record.status ? `${record.httpVersion} ${record.status}` : "",
    headers: record.headers.map(mask),
    body: latin1(record.body),
  };
}

const CASES: [string, string][] = Object.keys(ORACLE_APPS).map((name) => [name, "GET"]);
CASES.push(["hello", "HEAD"]);

describe.skipIf(!hasPython())("responses match CPython's wsgiref.simple_server", () => {
  let wsgiref: Wsgiref;
  beforeAll(async () => {
    wsgiref = await startWsgiref("apps");
  });
  afterAll(() => wsgiref?.close());

  it.each(CASES)("%s (%s)", async (name, method) => {
    const record = oracleRequest(name, { method });
    const raw = parseResponse(await wsgiref.send(serializeRequest(record)));
    const python = {
      statusLine: raw.statusLine,
      headers: raw.headers.map(mask),
      body: latin1(raw.body),
    };
    const response = serve(ORACLE_APPS[name], record);
    expect(ours(response)).toEqual(python);
    if (response.status.startsWith("500 Internal")) expect(response.errors).toContain("Traceback");
  });
});

if (!hasPython()) {
  it.skip("python3 is not installed: the CPython cross-check is skipped", () => {});
}
