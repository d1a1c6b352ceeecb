/**
 * @module refused
 * What http.server answers for a request it will not hand to the app
 * (`BaseHTTPRequestHandler.send_error`): its own HTML page, or nothing at
 * all for an empty request line.
 */
import { escape } from "../runtime/html";
import { utf8 } from "./bytes";
import type { EmptyRequest, RefusedRequest } from "./http-request";
import type { Connection } from "./environ";
import type { ResponseRecord } from "./records";
import { formatDateTime, SOFTWARE_VERSION } from "./server-identity";
import { logLine } from "./server-log";

/** `http.server.DEFAULT_ERROR_MESSAGE`, filled in. */
export function errorPage(code: number, message: string, explain: string): string {
  return `<!DOCTYPE HTML>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>Error response</title>
    </head>
    <body>
        <h1>Error response</h1>
        <p>Error code: ${code}</p>
        <p>Message: ${escape(message, false)}.</p>
        <p>Error code explanation: ${code} - ${escape(explain, false)}.</p>
    </body>
</html>
`;
}

/** The record of http.server's own answer to a request it refused, or of its silence. */
export function refusedResponse(
  request: RefusedRequest | EmptyRequest,
  connection: Connection,
  now: Date,
): ResponseRecord {
  const common = {
    truncated: false,
    environ: {},
    trace: [],
    appTime: 0,
    fates: request.fates,
  };
  if (request.kind === "empty") {
    return {
      ...common,
      httpVersion: "",
      status: "",
      headers: [],
      serverHeaders: [],
      body: new Uint8Array(),
      sent: "nothing",
      errors: "",
      findings: [
        {
          severity: "error",
          source: "handlers",
          message:
            "The request line is empty: http.server closes the connection without an answer, and the app is not called.",
          fix: "Start the request with a line like GET / HTTP/1.1.",
        },
      ],
    };
  }
  const { code, message, explain } = request;
  const body = utf8(errorPage(code, message, explain));
  const headers: [string, string][] = [
    ["Server", SOFTWARE_VERSION],
    ["Date", formatDateTime(now)],
    ["Connection", "close"],
    ["Content-Type", "text/html;charset=utf-8"],
    ["Content-Length", String(body.length)],
  ];
  const simple = request.version === "HTTP/0.9";
  return {
    ...common,
    httpVersion: simple ? "" : "HTTP/1.0",
    status: `${code} ${message}`,
    headers,
    serverHeaders: headers.map(([name]) => name.toLowerCase()),
    body: request.command === "HEAD" ? new Uint8Array() : body,
    ...(simple ? { sent: "body-only" as const } : {}),
    errors:
      logLine(connection.remoteAddr, now, `code ${code}, message ${message}`) +
      logLine(connection.remoteAddr, now, `"${request.requestLine}" ${code} -`),
    findings: [
      {
        severity: "error",
        source: "handlers",
        message: `http.server refused the request before calling the app: ${code} ${message}.${simple ? " The request is HTTP/0.9 as far as the server got, so the page goes out with no status line and no headers." : ""}`,
        fix: "The Raw tab shows which bytes were read, and what became of each line.",
      },
    ],
  };
}
