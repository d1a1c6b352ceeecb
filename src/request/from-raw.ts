/**
 * @module from-raw
 * The structured request closest to a raw one: what http.server reads of
 * the bytes, put into the panel's fields, and a list of what the fields
 * cannot hold (the structured panel sends HTTP/1.1 text as UTF-8, one header
 * per line).
 */
import { parseHttpRequest } from "../wsgi/http-request";
import { draftFromRecord } from "./from-record";
import { newRow, type RequestDraft } from "./draft";
import { parseHost } from "./validate";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Latin-1 text (one char per byte) read back as UTF-8, if the bytes are UTF-8. */
function asUtf8(text: string): string | null {
  try {
    return strictUtf8.decode(Uint8Array.from(text, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** Percent-encode the bytes outside printable ASCII: the path the app sees is the same. */
function percentEncoded(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- the bytes a request line cannot carry as text
    /[\x00-\x20\x7f-\xff]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/**
 * The draft for raw request bytes, keeping `current`'s settings (cookie jar,
 * redirects, virtual host unless a Host header names another), and what
 * could not be kept.
 */
export function draftFromRaw(
  bytes: Uint8Array,
  current: RequestDraft,
): { draft: RequestDraft; lost: string[] } {
  const parsed = parseHttpRequest(bytes);
  if (parsed.kind !== "request") {
    return {
      draft: current,
      lost: [
        parsed.kind === "empty"
          ? "The request line is empty: there is no request to copy."
          : `http.server refuses this request (${parsed.code} ${parsed.message}): the structured request is unchanged.`,
      ],
    };
  }
  const lost: string[] = [];
  let target = asUtf8(parsed.target);
  if (target === null) {
    target = percentEncoded(parsed.target);
    lost.push(
      `The target has bytes that are not UTF-8 text: they are percent-encoded (${target}), so PATH_INFO is the same but the request line is not.`,
    );
  }
  if (parsed.version !== "HTTP/1.1") {
    lost.push(`The structured request is HTTP/1.1; this one is ${parsed.version}.`);
  }
  if (bytes.subarray(0, parsed.bodyStart).some((b, i) => b === 0x0a && bytes[i - 1] !== 0x0d)) {
    lost.push("Some lines end with LF alone; the structured request ends them with CR LF.");
  }
  const headers: [string, string][] = [];
  let host = current.host;
  for (const [name, value] of parsed.headers) {
    let text = asUtf8(value) ?? value;
    if (/[\r\n]/.test(text)) {
      lost.push(`${name} is folded over several lines: its lines are joined with a space.`);
      text = text.replace(/\r?\n[ \t]*|\r[ \t]*/g, " ");
    }
    if (name.toLowerCase() === "host" && !headers.some(([n]) => n.toLowerCase() === "host")) {
      try {
        parseHost(text);
        host = text.trim();
        continue;
      } catch {
        // Not a host[:port]: kept as a header of its own, sent as typed.
      }
    }
    headers.push([name, text]);
  }
  const dropped = parsed.fates.filter((fate) => fate.kind === "dropped").length;
  if (dropped) {
    lost.push(
      `${dropped} line${dropped > 1 ? "s" : ""} the server drops (see the Request bytes view) cannot be written in the structured panel.`,
    );
  }
  const draft = draftFromRecord(
    { method: parsed.method, target, httpVersion: "HTTP/1.1", headers, body: parsed.body },
    host,
  );
  // Every header as a row of its own (a row overrides what the panel would add),
  // but for a Content-Length the panel adds the same, and a Content-Type the body mode holds.
  draft.headers = headers
    .filter(([name, value]) => {
      const lower = name.toLowerCase();
      if (lower === "content-length") return value.trim() !== String(parsed.body.length);
      return !(
        lower === "content-type" &&
        draft.body.mode === "raw" &&
        draft.body.rawType === value
      );
    })
    .map(([name, value]) => newRow(name, value));
  return {
    draft: {
      ...draft,
      useCookieJar: current.useCookieJar,
      autoFollow: current.autoFollow,
      raw: { ...current.raw, on: false },
    },
    lost,
  };
}
