/**
 * @module oracle-apps
 * Test support: the TypeScript twins of the apps in
 * scripts/wsgiref_oracle.py, name for name, written as a playground user
 * would write them. The response cross-check runs each on both servers.
 */
import type { Environ, Header, StartResponse } from "../../runtime/types";
import { fromUtf8, utf8 } from "../bytes";
import { serializeRequest } from "../raw-request";
import type { RequestRecord } from "../records";
import { serve } from "../server-handler";
import { parseResponse, type Wsgiref } from "./wsgiref-server";

type App = (environ: Environ, start_response: StartResponse) => unknown;

const enc = (text: string) => new TextEncoder().encode(text);
const textHeaders = (): Header[] => [["Content-Type", "text/plain"]];

/** The twin of `environ_app`: every str value of the environ, the wsgi.* flags and the body, as JSON. */
export function environApp(environ: Environ, start_response: StartResponse): Uint8Array[] {
  const length = Number(environ.CONTENT_LENGTH || 0);
  const body = length ? environ["wsgi.input"].read(length) : new Uint8Array();
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(environ))
    if (typeof value === "string") data[key] = value;
  data["wsgi.version"] = environ["wsgi.version"];
  data["wsgi.multithread"] = environ["wsgi.multithread"];
  data["wsgi.multiprocess"] = environ["wsgi.multiprocess"];
  data["wsgi.run_once"] = environ["wsgi.run_once"];
  data.body = String.fromCharCode(...body);
  start_response("200 OK", [["Content-Type", "application/json"]]);
  return [enc(JSON.stringify(data))];
}

/** The twin of `raw_environ_app`: the environ's str values and the body, as compact JSON. */
export function rawEnvironApp(environ: Environ, start_response: StartResponse): Uint8Array[] {
  const length = String(environ.CONTENT_LENGTH ?? "");
  const body = /^[0-9]+$/.test(length)
    ? environ["wsgi.input"].read(Number(length))
    : new Uint8Array();
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(environ))
    if (typeof value === "string") data[key] = value;
  data.body = String.fromCharCode(...body);
  start_response("200 OK", [["Content-Type", "application/json"]]);
  return [enc(JSON.stringify(data))];
}

/**
 * The environ `record` gives, as wsgiref (running `environ_app`) and our
 * core each build it, as parsed JSON; ours is served under the name and
 * port wsgiref reported, so the two can be compared key for key.
 */
export async function bothEnvirons(
  wsgiref: Wsgiref,
  record: RequestRecord,
): Promise<{ python: Record<string, unknown>; ours: Record<string, unknown> }> {
  const raw = await wsgiref.send(serializeRequest(record));
  const python = JSON.parse(fromUtf8(parseResponse(raw).body || utf8("{}"))) as Record<
    string,
    unknown
  >;
  const response = serve(environApp, {
    ...record,
    server: { name: python.SERVER_NAME as string, port: String(wsgiref.port) },
  });
  return { python, ours: JSON.parse(fromUtf8(response.body)) as Record<string, unknown> };
}

/** A request the oracle (started with "apps") answers with the app named `app`. */
export function oracleRequest(app: string, change: Partial<RequestRecord> = {}): RequestRecord {
  return {
    method: "GET",
    target: "/",
    httpVersion: "HTTP/1.1",
    headers: [
      ["Host", "localhost:8000"],
      ["X-Oracle-App", app],
    ],
    body: new Uint8Array(),
    ...change,
  };
}

/** Every twin, by the oracle's name. */
export const ORACLE_APPS: Record<string, App> = {
  hello(_environ, start_response) {
    start_response("200 OK", textHeaders());
    return [enc("Hello world!")];
  },
  two_chunks(_environ, start_response) {
    start_response("200 OK", textHeaders());
    return [enc("Hello "), enc("world!")];
  },
  empty_list(_environ, start_response) {
    start_response("200 OK", textHeaders());
    return [];
  },
  single_empty(_environ, start_response) {
    start_response("200 OK", textHeaders());
    return [enc("")];
  },
  *generator(_environ, start_response) {
    start_response("200 OK", textHeaders());
    yield enc("one ");
    yield enc("two");
  },
  write_callable(_environ, start_response) {
    const write = start_response("200 OK", textHeaders());
    write(enc("written, "));
    return [enc("then returned")];
  },
  own_content_length(_environ, start_response) {
    start_response("200 OK", [...textHeaders(), ["Content-Length", "5"]]);
    return [enc("hello")];
  },
  own_date_server(_environ, start_response) {
    start_response("200 OK", [
      ["Date", "yesterday"],
      ["Server", "mine/1.0"],
      ["Content-Type", "text/plain"],
    ]);
    return [enc("ok")];
  },
  raises_before_start() {
    throw new Error("boom");
  },
  raises_after_start(_environ, start_response) {
    start_response("200 OK", textHeaders());
    throw new Error("boom");
  },
  *raises_mid_body(_environ, start_response) {
    start_response("200 OK", textHeaders());
    yield enc("partial");
    throw new Error("boom");
  },
  str_body(_environ, start_response) {
    start_response("200 OK", textHeaders());
    return ["Hello"];
  },
  int_status(_environ, start_response) {
    (start_response as (...args: unknown[]) => unknown)(200, textHeaders());
    return [enc("x")];
  },
  status_without_space(_environ, start_response) {
    start_response("200OK", textHeaders());
    return [enc("x")];
  },
  short_status(_environ, start_response) {
    start_response("200", textHeaders());
    return [enc("x")];
  },
  hop_by_hop(_environ, start_response) {
    start_response("200 OK", [...textHeaders(), ["Connection", "close"]]);
    return [enc("x")];
  },
  headers_twice(_environ, start_response) {
    start_response("200 OK", textHeaders());
    start_response("404 Not Found", textHeaders());
    return [enc("x")];
  },
  exc_info_before_headers(_environ, start_response) {
    start_response("200 OK", textHeaders());
    try {
      throw new Error("handled");
    } catch (error) {
      start_response("500 Handled", textHeaders(), error);
    }
    return [enc("recovered")];
  },
  *exc_info_after_headers(_environ, start_response) {
    start_response("200 OK", textHeaders());
    yield enc("sent");
    try {
      throw new Error("too late");
    } catch (error) {
      start_response("500 Handled", textHeaders(), error);
    }
    yield enc("never");
  },
  no_start_response() {
    return [enc("x")];
  },
  no_start_response_empty() {
    return [];
  },
  bytes_not_list(_environ, start_response) {
    start_response("200 OK", textHeaders());
    return enc("Hello");
  },
  no_content(_environ, start_response) {
    start_response("204 No Content", []);
    return [];
  },
  headers_mutated_later(_environ, start_response) {
    const headers = textHeaders();
    start_response("200 OK", headers);
    headers.push(["X-Added-Later", "yes"]);
    return [enc("x")];
  },
  latin1_header(_environ, start_response) {
    start_response("200 OK", [...textHeaders(), ["X-Name", "Zoë"]]);
    return [enc("x")];
  },
  non_latin1_header(_environ, start_response) {
    start_response("200 OK", [...textHeaders(), ["X-Price", "10 \u20ac\u20ac"]]);
    return [enc("x")];
  },
  non_latin1_status(_environ, start_response) {
    start_response("200 \u2713 OK", textHeaders());
    return [enc("x")];
  },
  header_value_not_str(_environ, start_response) {
    start_response("200 OK", [
      ["Content-Type", "text/plain"],
      ["X-Count", 3 as unknown as string],
    ]);
    return [enc("x")];
  },
  not_iterable(_environ, start_response) {
    start_response("200 OK", textHeaders());
    return 42;
  },
  tuple_body(_environ, start_response) {
    start_response("200 OK", textHeaders());
    return [enc("tu"), enc("ple")];
  },
};
