/** What wsgiref wrote, split into the response record's parts. */
import { describe, expect, it } from "vitest";
import { responseFromBytes, type PythonReport } from "./python-response";

const report = (change: Partial<PythonReport> = {}): PythonReport => ({
  environ: { PATH_INFO: "/" },
  trace: [],
  findings: [],
  errors: "",
  appTime: 0.1,
  appHeaders: [["Content-Type", "text/plain"]],
  ...change,
});

const bytes = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));

describe("a Python response", () => {
  it("is split into status, headers and body; the headers the app did not give are the server's", () => {
    const sent = bytes(
      "HTTP/1.0 200 OK\r\nDate: x\r\nServer: WSGIServer/0.2 CPython/3.12.7\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi",
    );
    const record = responseFromBytes(sent, report(), 3);
    expect(record).toMatchObject({
      httpVersion: "HTTP/1.0",
      status: "200 OK",
      serverHeaders: ["date", "server", "content-length"],
      truncated: false,
      buildId: 3,
    });
    expect(record.headers[2]).toEqual(["Content-Type", "text/plain"]);
    expect(Buffer.from(record.body).toString()).toBe("hi");
    expect(record.incomplete).toBeUndefined();
  });

  it("keeps latin-1 header text as the characters wsgiref wrote", () => {
    const record = responseFromBytes(
      bytes("HTTP/1.0 200 OK\r\nX-Name: Zo\xeb\r\n\r\n"),
      report(),
      1,
    );
    expect(record.headers).toEqual([["X-Name", "Zo\u00eb"]]);
  });

  it("is incomplete when the header block never ended", () => {
    const record = responseFromBytes(bytes("HTTP/1.0 200 OK\r\nDate: x\r\n"), report(), 1);
    expect(record.incomplete).toBe(true);
    expect(record.status).toBe("200 OK");
    expect(record.body.length).toBe(0);
  });

  it("is truncated when the app failed after the headers were sent", () => {
    const trace = [
      { kind: "headers-sent" as const, at: 1 },
      { kind: "exception" as const, at: 2, message: "ValueError: late" },
    ];
    const record = responseFromBytes(bytes("HTTP/1.0 200 OK\r\n\r\npart"), report({ trace }), 1);
    expect(record.truncated).toBe(true);
  });
});
