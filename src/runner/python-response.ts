/**
 * @module python-response
 * The bytes the server wrote (wsgiref's, Paste's, Werkzeug's), and what the
 * Python runner saw around them, as the response record every runner
 * answers with.
 */
import { tagTrace, type Layer } from "../wsgi/layers";
import type {
  AnsweringServer,
  EnvironValue,
  Finding,
  ResponseRecord,
  TraceEvent,
} from "../wsgi/records";
import { dechunk, indexOf, isChunked, splitInterim } from "../wsgi/response-framing";

/** What `playground_server.serve` reports besides the bytes (its JSON). */
export interface PythonReport {
  environ: Record<string, EnvironValue> | null;
  trace: TraceEvent[];
  findings: Finding[];
  errors: string;
  appTime: number;
  /** The headers the app gave start_response, as [name, value]. */
  appHeaders: [string, string][];
  /** `request_version` as http.server left it: `HTTP/0.9` gets the body alone. */
  requestVersion?: string | null;
  /** The stack's layers, outermost first (playground_layers.py). */
  layers?: Layer[];
  /** Which server answered, and why (playground_servers.describe). */
  server?: AnsweringServer;
}

const latin1 = new TextDecoder("latin1");

/**
 * Split what the server wrote into the status line, the headers and the
 * body, as a client reads them: interim `1xx` responses set apart, a
 * chunked body decoded. A header block that never ended (a header wsgiref
 * could not encode) is `incomplete`, with what came of it.
 */
export function responseFromBytes(
  sent: Uint8Array,
  report: PythonReport,
  buildId: number,
): ResponseRecord {
  const common = {
    truncated: false,
    environ: report.environ ?? {},
    trace: tagTrace(report.trace, report.layers ?? []),
    errors: report.errors,
    findings: report.findings,
    appTime: report.appTime,
    buildId,
    ...(report.layers?.length ? { layers: report.layers } : {}),
    ...(report.server ? { server: report.server } : {}),
  };
  if (report.requestVersion === "HTTP/0.9" || sent.length === 0) {
    // No status line and no headers went out: say what the app gave, if it got that far.
    const simple = report.requestVersion === "HTTP/0.9";
    const started = report.trace.filter((event) => event.kind === "start_response").at(-1);
    return {
      ...common,
      httpVersion: "",
      status: simple && started?.kind === "start_response" ? started.status : "",
      headers: simple ? report.appHeaders : [],
      serverHeaders: [],
      body: sent,
      sent: simple ? "body-only" : "nothing",
    };
  }
  const { interim, start } = splitInterim(sent);
  const end = indexOf(sent, [13, 10, 13, 10], start);
  const head = latin1.decode(end === -1 ? sent.subarray(start) : sent.subarray(start, end));
  const [statusLine = "", ...lines] = head.split("\r\n");
  const space = statusLine.indexOf(" ");
  const headers = lines
    .filter((line) => line !== "")
    .map((line): [string, string] => {
      const colon = line.indexOf(":");
      return colon === -1
        ? [line, ""]
        : [line.slice(0, colon), line.slice(colon + 1).replace(/^[ \t]+/, "")];
    });
  const fromApp = new Set(report.appHeaders.map(([name]) => name.toLowerCase()));
  const headersSent = report.trace.findIndex((event) => event.kind === "headers-sent");
  const failedAfter =
    headersSent !== -1 &&
    report.trace.slice(headersSent).some((event) => event.kind === "exception");
  const wire = end === -1 ? new Uint8Array() : sent.slice(end + 4);
  const chunked = end !== -1 && isChunked(headers) ? dechunk(wire) : null;
  return {
    httpVersion: space === -1 ? statusLine : statusLine.slice(0, space),
    status: space === -1 ? "" : statusLine.slice(space + 1),
    headers,
    serverHeaders: headers.map(([name]) => name.toLowerCase()).filter((name) => !fromApp.has(name)),
    body: chunked ? chunked.body : wire,
    ...(interim.length ? { interim } : {}),
    ...(chunked ? { chunks: chunked.sizes, wireBody: wire } : {}),
    ...(end === -1 && sent.length > start ? { incomplete: true } : {}),
    ...common,
    truncated: failedAfter || (chunked !== null && !chunked.complete),
  };
}
