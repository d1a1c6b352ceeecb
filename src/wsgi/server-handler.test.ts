/**
 * What the response record tells the inspector: the call trace, close()
 * after success and after failure, findings from wsgiref.validate's checks,
 * and the errors log. (Status, headers and body are cross-checked against
 * CPython in server-handler.crosscheck.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { b } from "../runtime/bytes-literal";
import type { Environ, StartResponse } from "../runtime/types";
import type { RequestRecord } from "./records";
import { serve } from "./server-handler";

const GET: RequestRecord = {
  method: "GET",
  target: "/",
  httpVersion: "HTTP/1.1",
  headers: [["Host", "localhost:8000"]],
  body: new Uint8Array(),
};

const text: [string, string][] = [["Content-Type", "text/plain"]];

describe("the call trace", () => {
  it("lists start_response, write, each chunk and close in order", () => {
    const closed: string[] = [];
    const body = {
      *[Symbol.iterator]() {
        yield b`one`;
        yield b`two`;
        yield b`three`;
      },
      close: () => closed.push("closed"),
    };
    const response = serve((_env: Environ, start_response: StartResponse) => {
      const write = start_response("200 OK", text);
      write(b`w`);
      return body;
    }, GET);
    expect(response.trace.map((e) => e.kind)).toEqual([
      "call",
      "start_response",
      "write",
      "headers-sent",
      "return",
      "chunk",
      "chunk",
      "chunk",
      "close",
    ]);
    expect(
      response.trace.filter((e) => e.kind === "chunk").map((e) => "size" in e && e.size),
    ).toEqual([3, 3, 5]);
    expect(closed).toEqual(["closed"]);
    expect(new TextDecoder().decode(response.body)).toBe("wonetwothree");
  });

  it("closes a generator (return()) when it fails half-way, so its finally runs", () => {
    const events: string[] = [];
    const response = serve(function* (_env: Environ, start_response: StartResponse) {
      start_response("200 OK", text);
      try {
        yield b`partial`;
        throw new Error("boom");
      } finally {
        events.push("finally");
      }
    }, GET);
    expect(events).toEqual(["finally"]);
    expect(response.truncated).toBe(true);
    expect(response.status).toBe("200 OK");
    expect(response.errors).toMatch(/Traceback[\s\S]*Error: boom/);
  });

  it("closes the body when a chunk is not bytes, then sends wsgiref's 500", () => {
    let closed = false;
    const response = serve((_env: Environ, start_response: StartResponse) => {
      start_response("200 OK", text);
      return Object.assign(["text" as unknown as Uint8Array], { close: () => (closed = true) });
    }, GET);
    expect(closed).toBe(true);
    expect(response.status).toBe("500 Internal Server Error");
    expect(response.findings[0]).toMatchObject({
      severity: "error",
      source: "handlers",
      pep: "unicode-issues",
    });
    expect(response.findings[0]!.message).toContain("str 'text', not bytes");
    expect(response.errors).toContain('"GET / HTTP/1.1" 500 59');
  });
});

describe("findings", () => {
  it("reports a missing Content-Type as wsgiref.validate would, without changing the response", () => {
    const response = serve((_env: Environ, start_response: StartResponse) => {
      start_response("200 OK", []);
      return [b`x`];
    }, GET);
    expect(response.status).toBe("200 OK");
    expect(response.findings).toEqual([
      expect.objectContaining({
        severity: "warning",
        source: "validate",
        message: "No Content-Type header found in headers ([])",
        pep: "the-start-response-callable",
      }),
    ]);
  });

  it("reports read() without a size, which wsgiref.validate forbids", () => {
    const response = serve(
      (env: Environ, start_response: StartResponse) => {
        const body = env["wsgi.input"].read();
        start_response("200 OK", text);
        return [body];
      },
      { ...GET, method: "POST", headers: [["Content-Length", "3"]], body: b`abc` },
    );
    expect(new TextDecoder().decode(response.body)).toBe("abc");
    expect(response.findings).toEqual([
      expect.objectContaining({
        source: "validate",
        message: "wsgi.input.read() must be given exactly one argument, the size (got 0 arguments)",
        pep: "input-and-error-streams",
      }),
    ]);
  });

  it("says WSGI is synchronous when the app returns a Promise", () => {
    const response = serve(
      (async (_env: Environ, start_response: StartResponse) => {
        start_response("200 OK", text);
        return [b`x`];
      }) as unknown as (env: Environ, sr: StartResponse) => Uint8Array[],
      GET,
    );
    expect(response.status).toBe("500 Internal Server Error");
    expect(response.findings.map((f) => f.message)).toContainEqual(
      expect.stringContaining("WSGI is synchronous"),
    );
  });

  it("reports a hop-by-hop header as the error wsgiref raises", () => {
    const response = serve((_env: Environ, start_response: StartResponse) => {
      start_response("200 OK", [...text, ["Connection", "close"]]);
      return [b`x`];
    }, GET);
    expect(response.status).toBe("500 Internal Server Error");
    expect(response.findings).toContainEqual(
      expect.objectContaining({
        severity: "error",
        message: "Hop-by-hop header, 'Connection: close', not allowed",
      }),
    );
  });

  it("records where in the source each finding happened", () => {
    const response = serve((_env: Environ, start_response: StartResponse) => {
      start_response("200 OK", []);
      return [b`x`];
    }, GET);
    expect(response.findings[0]!.stack).toContain("server-handler.test.ts");
  });
});

describe("the environ snapshot", () => {
  it("is plain data, with the streams described", () => {
    const response = serve((_env: Environ, start_response: StartResponse) => {
      start_response("200 OK", text);
      return [];
    }, GET);
    expect(response.environ.PATH_INFO).toBe("/");
    expect(response.environ["wsgi.version"]).toEqual([1, 0]);
    expect(response.environ["wsgi.input"]).toEqual({ repr: "<BytesIO: 0 bytes>" });
    expect(response.environ["wsgi.file_wrapper"]).toEqual({
      repr: "<class 'wsgiref.util.FileWrapper'>",
    });
    expect(() => structuredClone(response)).not.toThrow();
  });
});
