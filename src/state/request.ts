/**
 * @module request
 * What the request panel is composing, and how it becomes a request record.
 */
import { create } from "zustand";
import type { RequestRecord } from "../wsgi/records";

/** The request as the panel edits it. */
export interface RequestState {
  method: string;
  /** Path and query, as typed. */
  target: string;
  /** One `Name: value` per line; blank lines are ignored. */
  headerLines: string;
  body: string;
}

/** The virtual host the panel sends to, as the seeds' `make_server('', 8000, app)`. */
export const VIRTUAL_HOST = { name: "localhost", port: "8000" } as const;

/** The request store. */
export const useRequest = create<RequestState>(() => ({
  method: "GET",
  target: "/",
  headerLines: "",
  body: "",
}));

/** Change some fields of the request. */
export function updateRequest(change: Partial<RequestState>): void {
  useRequest.setState(change);
}

/** A header line the panel cannot send, and why. */
export class HeaderLineError extends Error {
  override name = "HeaderLineError";
}

/** Parse `Name: value` lines; throws a {@link HeaderLineError} naming the bad line. */
export function parseHeaderLines(text: string): [string, string][] {
  const headers: [string, string][] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    const colon = line.indexOf(":");
    const name = colon === -1 ? "" : line.slice(0, colon);
    if (colon <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new HeaderLineError(
        `Headers, line ${index + 1}: "${line}" is not a header. Write one "Name: value" per line; a name has no spaces.`,
      );
    }
    headers.push([name, line.slice(colon + 1).trim()]);
  });
  return headers;
}

/** The bytes and headers a client would send for this request. */
export function toRequestRecord(state: RequestState): RequestRecord {
  const headers = parseHeaderLines(state.headerLines);
  const has = (name: string) => headers.some(([key]) => key.toLowerCase() === name);
  const body = new TextEncoder().encode(state.body);
  if (!has("host")) headers.unshift(["Host", `${VIRTUAL_HOST.name}:${VIRTUAL_HOST.port}`]);
  // As curl -d does: a body without a type is form data.
  if (body.length > 0 && !has("content-type")) {
    headers.push(["Content-Type", "application/x-www-form-urlencoded"]);
  }
  if (body.length > 0 && !has("content-length")) {
    headers.push(["Content-Length", String(body.length)]);
  }
  return {
    method: state.method,
    target: state.target || "/",
    httpVersion: "HTTP/1.1",
    headers,
    body,
    server: VIRTUAL_HOST,
  };
}
