/**
 * @module compose
 * A draft becomes a request record: the user's enabled headers as typed,
 * plus the headers a client adds by itself (Host, Content-Type, Content-Length,
 * Cookie) unless the user gave their own. The auto headers are listed apart
 * so the panel can show them greyed.
 */
import { cgiName, wireText } from "../wsgi/environ";
import type { RequestRecord } from "../wsgi/records";
import { encodeBody } from "./body";
import type { RequestDraft } from "./draft";
import { parseHttpRequest, pySplit } from "../wsgi/http-request";
import { rawTextToBytes } from "./raw-text";
import { checkHeader, checkMethod, checkTarget, parseHost } from "./validate";

/** A header the client adds, and why. */
export interface AutoHeader {
  name: string;
  value: string;
  /** False when a user row of the same name overrides it. */
  used: boolean;
  reason: string;
}

/** What the panel sends, with the auto headers it added. */
export interface ComposedRequest {
  record: RequestRecord;
  auto: AutoHeader[];
  /** What the user should know about how a header will reach the app (non-ASCII text). */
  notes: string[];
}

/** The environ key a request header arrives under. */
function environKey(name: string): string {
  const key = cgiName(name);
  return key === "CONTENT_TYPE" || key === "CONTENT_LENGTH" ? key : `HTTP_${key}`;
}

/**
 * Text outside ASCII goes on the wire as UTF-8 and reaches the app as
 * latin-1, one character per byte (PEP 3333, "Unicode Issues"): say so, and
 * what the app will see.
 */
function nonAsciiNote(name: string, key: string | null, value: string): string | null {
  // eslint-disable-next-line no-control-regex -- ASCII is the range that passes unchanged
  if (/^[\x00-\x7f]*$/.test(value)) return null;
  const seen = wireText(value);
  return `${name} "${value}" is not ASCII: it is sent as UTF-8, and the app receives ${key ? `${key} = ` : ""}"${seen}", one latin-1 character per byte (PEP 3333, Unicode issues). To read it as text: new TextDecoder().decode(Uint8Array.from(text, (c) => c.charCodeAt(0))).`;
}

/** Compose the request the panel describes; throws a RequestError naming the field at the first problem. */
export function composeRequest(
  draft: RequestDraft,
  cookieHeader: string | null = null,
): ComposedRequest {
  if (draft.raw.on) return composeRaw(draft);
  const method = draft.method.trim();
  checkMethod(method);
  checkTarget(draft.target);
  const server = parseHost(draft.host);
  const user: [string, string][] = [];
  draft.headers.forEach((row, index) => {
    if (!row.enabled || (row.name === "" && row.value === "")) return;
    checkHeader(row.name, row.value, index + 1);
    user.push([row.name, row.value]);
  });
  const has = (name: string) => user.some(([key]) => key.toLowerCase() === name.toLowerCase());
  const body = encodeBody(draft.body);
  const auto: AutoHeader[] = [
    { name: "Host", value: draft.host.trim(), used: !has("Host"), reason: "from the virtual host" },
  ];
  if (body.contentType) {
    auto.push({
      name: "Content-Type",
      value: body.contentType,
      used: !has("Content-Type"),
      reason: "from the body mode",
    });
  }
  if (draft.body.mode !== "none") {
    auto.push({
      name: "Content-Length",
      value: String(body.bytes.length),
      used: !has("Content-Length"),
      reason: "the body's size",
    });
  }
  if (cookieHeader) {
    auto.push({
      name: "Cookie",
      value: cookieHeader,
      used: !has("Cookie"),
      reason: "from the cookie jar",
    });
  }
  const used = auto.filter((h) => h.used).map((h) => [h.name, h.value] as [string, string]);
  // Host first, as clients send it; the other auto headers after the user's.
  const headers = [
    ...used.filter(([n]) => n === "Host"),
    ...user,
    ...used.filter(([n]) => n !== "Host"),
  ];
  return {
    record: {
      method,
      target: draft.target,
      httpVersion: "HTTP/1.1",
      headers,
      body: body.bytes,
      server,
    },
    auto,
    notes: [
      nonAsciiNote("The URL", null, draft.target),
      ...user.map(([name, value]) => nonAsciiNote(name, environKey(name), value)),
    ].filter((note) => note !== null),
  };
}

/**
 * A raw request: its bytes exactly as typed, for the server to read; the
 * record's other fields are what http.server reads of them, for the history.
 */
function composeRaw(draft: RequestDraft): ComposedRequest {
  const server = parseHost(draft.host);
  const raw = rawTextToBytes(draft.raw.text, draft.raw.lineEnd);
  const parsed = parseHttpRequest(raw);
  const summary =
    parsed.kind === "request"
      ? {
          method: parsed.method,
          target: parsed.target,
          httpVersion: parsed.version,
          headers: parsed.headers,
          body: parsed.body,
        }
      : {
          method: pySplit(parsed.requestLine)[0] ?? "",
          target: pySplit(parsed.requestLine)[1] ?? "",
          httpVersion: "",
          headers: [],
          body: new Uint8Array(),
        };
  return { record: { ...summary, server, raw }, auto: [], notes: [] };
}

/** The request as it goes on the wire, readable: binary bytes shown as \xNN. */
export function previewRequest(record: RequestRecord): string {
  const head =
    `${record.method} ${record.target} ${record.httpVersion}\r\n` +
    record.headers.map(([name, value]) => `${name}: ${value}\r\n`).join("") +
    "\r\n";
  const text = new TextDecoder("utf-8", { fatal: false }).decode(record.body);
  // eslint-disable-next-line no-control-regex -- control bytes mean the body is binary
  const printable = !text.includes("\uFFFD") && !/[\x00-\x08\x0e-\x1f\x7f]/.test(text);
  const body = printable
    ? text
    : Array.from(record.body, (b) =>
        b >= 0x20 && b < 0x7f && b !== 0x5c
          ? String.fromCharCode(b)
          : b === 0x0a
            ? "\\n\n"
            : `\\x${b.toString(16).padStart(2, "0")}`,
      ).join("");
  return head + body;
}
