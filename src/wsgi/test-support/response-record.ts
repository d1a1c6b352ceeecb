/**
 * @module response-record
 * Test support: a response record with the given status, headers and body,
 * everything else empty.
 */
import type { ResponseRecord } from "../records";

/** A minimal response record; `extra` overrides any field. */
export function responseRecord(
  status: string,
  headers: [string, string][] = [],
  body: Uint8Array | string = new Uint8Array(),
  extra: Partial<ResponseRecord> = {},
): ResponseRecord {
  return {
    httpVersion: "HTTP/1.0",
    status,
    headers,
    serverHeaders: [],
    body: typeof body === "string" ? new TextEncoder().encode(body) : body,
    truncated: false,
    environ: {},
    trace: [],
    errors: "",
    findings: [],
    appTime: 0,
    ...extra,
  };
}
