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
import { concatBytes } from "./bytes";
import { serve } from "./server-handler";
import { PROGRESS_EVERY_MS, type ServeProgress } from "./serve-progress";
import { stoppedResponse } from "./stopped";

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

  it("refuses CR and LF in a header as CPython does (gh-143916): wsgiref's 500, never the header", () => {
    const response = serve((_env: Environ, start_response: StartResponse) => {
      start_response("200 OK", [...text, ["X-Echo", "a\r\nSet-Cookie: stolen=1"]]);
      return [b`x`];
    }, GET);
    expect(response.status).toBe("500 Internal Server Error");
    expect(response.headers.map(([name]) => name)).not.toContain("Set-Cookie");
    expect(response.headers.map(([, value]) => value).join("")).not.toMatch(/[\r\n]/);
    expect(response.errors).toContain("ValueError: Control characters not allowed in headers");
    expect(response.findings).toContainEqual(
      expect.objectContaining({
        severity: "error",
        message: "Control characters not allowed in headers",
        fix: expect.stringContaining("response splitting"),
      }),
    );
  });

  it("allows a tab in a header value but no control character in a name or the status", () => {
    const run = (status: string, headers: [string, string][]) =>
      serve((_env: Environ, start_response: StartResponse) => {
        start_response(status, headers);
        return [b`x`];
      }, GET);
    expect(run("200 OK", [...text, ["X-Tab", "a\tb"]]).status).toBe("200 OK");
    expect(run("200 OK", [...text, ["X-Tab\t", "b"]]).errors).toContain(
      "ValueError: Control characters not allowed in headers",
    );
    expect(run("200 OK\r\nX-Injected: 1", text).errors).toContain(
      "ValueError: Control characters are not allowed in status",
    );
  });

  it("sends a CR/LF header added to the list after start_response as wsgiref does, and reports it", () => {
    const response = serve((_env: Environ, start_response: StartResponse) => {
      const headers: [string, string][] = [["Content-Type", "text/plain"]];
      start_response("200 OK", headers);
      headers.push(["X-Late", "a\r\nSet-Cookie: stolen=1"]);
      return [b`x`];
    }, GET);
    expect(response.status).toBe("200 OK");
    expect(response.headers).toContainEqual(["X-Late", "a\r\nSet-Cookie: stolen=1"]);
    expect(response.findings).toContainEqual(
      expect.objectContaining({
        severity: "error",
        message: expect.stringContaining("added to the list after start_response()"),
      }),
    );
  });

  it("sets no headers when start_response refuses them, so the app may call it again", () => {
    const response = serve((_env: Environ, start_response: StartResponse) => {
      try {
        start_response("200 OK", [...text, ["X-Bad", "\n"]]);
      } catch {
        start_response("400 Bad Request", text);
      }
      return [b`x`];
    }, GET);
    expect(response.status).toBe("400 Bad Request");
  });

  it("says why a header that is not latin-1 cannot be sent, with CPython's error", () => {
    const response = serve((_env: Environ, start_response: StartResponse) => {
      start_response("200 OK", [
        ["Content-Type", "text/plain"],
        ["X-Price", "10 \u20ac"],
      ]);
      return [b`x`];
    }, GET);
    expect(response.truncated).toBe(true);
    expect(response.incomplete).toBe(true);
    expect(response.errors).toContain(
      "UnicodeEncodeError: 'latin-1' codec can't encode character '\\u20ac' in position 38: ordinal not in range(256)",
    );
    expect(response.findings).toContainEqual(
      expect.objectContaining({ pep: "unicode-issues", fix: expect.stringContaining("filename*") }),
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

describe("the playground's limits", () => {
  it("stops a body past the response limit, closes the app's iterator and says why", () => {
    let closed = false;
    const response = serve(
      function* (_env: Environ, start_response: StartResponse) {
        try {
          start_response("200 OK", [["Content-Type", "application/octet-stream"]]);
          for (;;) yield new Uint8Array(1024);
        } finally {
          closed = true;
        }
      },
      GET,
      { responseLimit: 10 * 1024 },
    );
    expect(closed).toBe(true);
    expect(response.status).toBe("200 OK");
    expect(response.truncated).toBe(true);
    expect(response.body.length).toBe(10 * 1024);
    expect(response.errors).toContain(
      "ResponseTooLarge: The response body passed the playground's 10 KB limit",
    );
    expect(response.findings).toContainEqual(
      expect.objectContaining({ source: "playground", severity: "error" }),
    );
  });

  it("answers wsgiref's 500 when the first chunk alone is past the limit", () => {
    const response = serve(
      (_env: Environ, start_response: StartResponse) => {
        start_response("200 OK", [["Content-Type", "text/plain"]]);
        return [new Uint8Array(2048)];
      },
      GET,
      { responseLimit: 1024 },
    );
    expect(response.status).toBe("500 Internal Server Error");
    expect(response.body.length).toBeLessThan(1024);
  });

  it("gives an app stopped at the time limit a 504 record with its environ", () => {
    const record = stoppedResponse(
      { ...GET, target: "/spin?x=1" },
      5000,
      "The app was stopped after 5 s",
    );
    expect(record.status).toBe("504 Gateway Timeout");
    expect(record.stopped).toEqual({ afterMs: 5000 });
    expect(record.environ.PATH_INFO).toBe("/spin");
    expect(record.environ.QUERY_STRING).toBe("x=1");
    expect(new TextDecoder().decode(record.body)).toBe("The app was stopped after 5 s\n");
    expect(record.headers).toContainEqual(["Content-Length", String(record.body.length)]);
    expect(record.trace.at(-1)).toMatchObject({ kind: "exception", at: 5000 });
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

describe("raw requests the inspector explains", () => {
  const raw = (text: string): RequestRecord => ({
    ...GET,
    raw: Uint8Array.from(text, (c) => c.charCodeAt(0)),
  });
  const hello = (_environ: Environ, start_response: StartResponse) => {
    start_response("200 OK", text);
    return [b`hi`];
  };
  const messages = (request: RequestRecord) => serve(hello, request).findings.map((f) => f.message);

  it("says a real server would wait, for headers that never end and a body short of its length", () => {
    expect(messages(raw("GET / HTTP/1.1\r\nX-A: 1\r\n")).join("\n")).toContain(
      "The headers never end",
    );
    expect(
      messages(raw("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nshort")).join("\n"),
    ).toContain("5 bytes short of its Content-Length (5 of 10): a real server would wait");
    expect(messages(raw("GET / HTTP/1.1\r\n\r\n"))).toEqual([]);
  });

  it("gives each line its fate: the key a header became, or why it was dropped", () => {
    const record = serve(
      hello,
      raw(
        "GET / HTTP/1.1\r\nX-A: 1\r\nx-a: 2\r\nContent-Type: a/b\r\nbad line\r\nX-Lost: 3\r\n\r\nbody",
      ),
    );
    const notes = record.fates!.map((fate) => `${fate.kind}: ${fate.note}`);
    expect(notes[1]).toBe("header: HTTP_X_A");
    expect(notes[2]).toBe("header: HTTP_X_A, joined to the earlier value with a comma");
    expect(notes[3]).toBe("header: CONTENT_TYPE, as sent (not stripped)");
    expect(notes[4]).toMatch(/^dropped: Not a header line/);
    expect(notes[5]).toMatch(/^dropped: After the end of the headers/);
    expect(notes.at(-1)).toMatch(/^body: wsgi.input: 4 bytes/);
    expect(record.environ.HTTP_X_LOST).toBeUndefined();
  });
});

describe("a slow response, told as it goes", () => {
  it("tells the head with the first chunk, then later chunks and the trace; every byte once", () => {
    const told: ServeProgress[] = [];
    const response = serve(
      function* (_env: Environ, start_response: StartResponse) {
        start_response("200 OK", [["Content-Type", "text/plain"]]);
        for (let i = 1; i <= 4; i++) {
          // Long enough apart that each chunk is told in a message of its own.
          const until = performance.now() + PROGRESS_EVERY_MS + 5;
          while (performance.now() < until);
          yield b`chunk ${i}\n`;
        }
      },
      GET,
      { onProgress: (progress) => told.push(progress) },
    );
    expect(told.length).toBeGreaterThanOrEqual(4);
    expect(told[0]!.status).toBe("200 OK");
    expect(told[0]!.headers?.map(([name]) => name)).toEqual(["Date", "Server", "Content-Type"]);
    expect(new TextDecoder().decode(told[0]!.chunk)).toBe("chunk 1\n");
    expect(told.slice(1).every((p) => p.status === undefined)).toBe(true);
    const sent = new TextDecoder().decode(concatBytes(told.map((p) => p.chunk)));
    expect(response.body.length).toBe(32);
    expect(new TextDecoder().decode(response.body).startsWith(sent)).toBe(true);
    expect(told.flatMap((p) => p.trace).map((e) => e.kind)).toEqual(
      response.trace.slice(0, told.flatMap((p) => p.trace).length).map((e) => e.kind),
    );
  });

  it("tells nothing unless asked", () => {
    expect(() =>
      serve((_env: Environ, start_response: StartResponse) => {
        start_response("200 OK", text);
        return [b`quick`];
      }, GET),
    ).not.toThrow();
  });
});
