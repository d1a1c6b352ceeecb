/**
 * @module check-request
 * An entry of the checks file becomes the request the panel would send:
 * its templates filled from the values earlier entries captured, its URL
 * split into the virtual host and the target, its sections into a query,
 * a form or a multipart body, and then the panel's own `composeRequest`
 * adds Host, Content-Type, Content-Length and the checks' cookies exactly
 * as it does for a request typed by hand.
 */
import { composeRequest } from "../request/compose";
import { defaultDraft, newPart, newRow, type RequestDraft } from "../request/draft";
import type { RequestRecord } from "../wsgi/records";
import type { Entry } from "./hurl-ast";
import { checkWords } from "./check-words";

/** A value captured by an earlier entry (`{{name}}` in the later ones). */
export type Variables = ReadonlyMap<string, unknown>;

/** A template names a value no earlier entry captured, or a request cannot be made. */
export class CheckRequestError extends Error {}

/** The multipart boundary of checks: fixed, so the same check sends the same bytes every time. */
export const CHECK_BOUNDARY = "----WSGIPlaygroundCheckBoundary";

/** A captured value as text in a request: a string as it is, anything else as JSON. */
export function templateText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Fill `{{name}}` from the captured values. */
export function fillTemplates(text: string, variables: Variables): string {
  return text.replace(/\{\{\s*([A-Za-z0-9_-]+)\s*\}\}/g, (_match, name: string) => {
    if (!variables.has(name)) {
      throw new CheckRequestError(checkWords("noValue", { name }));
    }
    return templateText(variables.get(name));
  });
}

/** Percent-encode a query parameter's name or value, as Hurl does (spaces as %20). */
function queryEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The URL of an entry split into the virtual host and the request target. */
export function splitUrl(url: string): { host: string; target: string; scheme: "http" | "https" } {
  const match = /^(https?):\/\/([^/?#]+)([^#]*)/i.exec(url);
  if (!match) {
    throw new CheckRequestError(checkWords("notUrl", { url }));
  }
  const target = match[3] || "/";
  return {
    scheme: match[1]!.toLowerCase() as "http" | "https",
    host: match[2]!,
    target: target.startsWith("/") ? target : `/${target}`,
  };
}

/** The panel's draft for an entry, templates filled. */
export function entryDraft(entry: Entry, variables: Variables): RequestDraft {
  const request = entry.request;
  const fill = (text: string) => fillTemplates(text, variables);
  const { host, target } = splitUrl(fill(request.url));
  const query = request.query
    .map((param) => `${queryEncode(fill(param.key))}=${queryEncode(fill(param.value))}`)
    .join("&");
  const draft = defaultDraft();
  draft.method = request.method;
  draft.host = host;
  draft.target = query ? `${target}${target.includes("?") ? "&" : "?"}${query}` : target;
  draft.headers = request.headers.map((header) => newRow(fill(header.key), fill(header.value)));
  const body = draft.body;
  body.boundary = CHECK_BOUNDARY;
  if (request.form.length) {
    body.mode = "form";
    body.form = request.form.map((param) => newRow(fill(param.key), fill(param.value)));
  } else if (request.multipart.length) {
    body.mode = "multipart";
    body.parts = request.multipart.map((param) =>
      newPart("text", fill(param.key), fill(param.value)),
    );
  } else if (request.body) {
    const text =
      request.body.kind === "base64" || request.body.kind === "hex"
        ? request.body.text
        : fill(request.body.text);
    if (request.body.kind === "json") {
      body.mode = "json";
      body.json = text;
    } else if (request.body.kind === "hex") {
      body.mode = "binary";
      body.binarySource = "hex";
      body.hex = text;
    } else if (request.body.kind === "base64") {
      body.mode = "binary";
      body.binarySource = "hex";
      body.hex = Array.from(atob(text), (c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join(
        "",
      );
    } else {
      // A raw body goes as it is, with no Content-Type of its own, as Hurl sends it.
      body.mode = "raw";
      body.raw = text;
      body.rawType = "";
    }
  }
  return draft;
}

/** The request record an entry sends, with the checks' own cookies. */
export function entryRequest(
  entry: Entry,
  variables: Variables,
  cookieHeader: (host: string, target: string) => string | null,
): RequestRecord {
  const draft = entryDraft(entry, variables);
  try {
    // The jar's cookies, then the entry's own [Cookies], in one Cookie header.
    const own = entry.request.cookies.map(
      (c) => `${fillTemplates(c.key, variables)}=${fillTemplates(c.value, variables)}`,
    );
    const cookies = [cookieHeader(draft.host, draft.target), ...own].filter(Boolean).join("; ");
    return composeRequest(draft, cookies || null).record;
  } catch (error) {
    throw new CheckRequestError(error instanceof Error ? error.message : String(error));
  }
}
