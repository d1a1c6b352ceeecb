/**
 * @module save-check
 * **Save as check**: the panel's request and the answer it got, written as
 * an entry of `checks.hurl` — the request as the user composed it (the
 * headers they typed, the body in its mode; Host, Content-Length and the
 * jar's cookies are the client's, so Hurl adds them itself), then the
 * status it got, its Content-Type and Location, and the body (whole when it
 * is short text, else its first line).
 *
 * @example
 * checkEntry(draft, response); // "# GET /\nGET http://localhost:8000/\nHTTP 200\n[Asserts]\n…"
 */
import type { RequestDraft } from "../request/draft";
import type { ResponseRecord } from "../wsgi/records";
import { statusCode } from "./check-asserts";

/** A Hurl quoted string. */
export function hurlQuoted(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t")}"`;
}

/** A value-string of a `name: value` line: `#` and backslashes escaped, edges trimmed. */
function hurlValue(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/#/g, "\\#").trim();
}

const enabled = <T extends { enabled: boolean; name: string; value: string }>(rows: T[]) =>
  rows.filter((row) => row.enabled && (row.name !== "" || row.value !== ""));

function requestBody(draft: RequestDraft): string[] {
  const body = draft.body;
  switch (body.mode) {
    case "json":
      return [body.json.trim()];
    case "form":
      return [
        "[FormParams]",
        ...enabled(body.form).map((row) => `${row.name}: ${hurlValue(row.value)}`),
      ];
    case "multipart":
      return [
        "[MultipartFormData]",
        ...enabled(body.parts)
          .filter((part) => part.kind === "text")
          .map((part) => `${part.name}: ${hurlValue(part.value)}`),
      ];
    case "raw":
      // A multiline raw string ends with its last newline; text without one goes on one line.
      if (body.raw.includes("```")) return [`hex,${hexOf(new TextEncoder().encode(body.raw))};`];
      if (body.raw.endsWith("\n")) return ["```", body.raw.slice(0, -1), "```"];
      return [`\`${oneLine(body.raw)}\``];
    case "binary":
      return body.binarySource === "hex" ? [`hex,${body.hex.replace(/\s+/g, "")};`] : [];
    case "none":
      return [];
  }
}

/** Text for a one-line body (between backticks): backslashes, backticks and line breaks escaped. */
function oneLine(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/`/g, "\\`")
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t");
}

function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The entry for the panel's draft and the response it got. */
export function checkEntry(draft: RequestDraft, response: ResponseRecord): string {
  const lines = [
    `# ${draft.method} ${draft.target}`,
    `${draft.method} http://${draft.host.trim()}${draft.target}`,
  ];
  for (const row of enabled(draft.headers)) {
    // The client's own: Hurl sends Host, Content-Length and cookies itself.
    if (/^(host|content-length)$/i.test(row.name)) continue;
    lines.push(`${row.name}: ${hurlValue(row.value)}`);
  }
  lines.push(...requestBody(draft));
  const code = statusCode(response);
  lines.push(`HTTP ${code ?? "*"}`);
  const asserts: string[] = [];
  for (const name of ["Content-Type", "Location"]) {
    const value = response.headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
    if (value !== undefined) asserts.push(`header ${hurlQuoted(name)} == ${hurlQuoted(value)}`);
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(response.body);
  // eslint-disable-next-line no-control-regex -- control bytes say the body is not text
  const isText = !text.includes("\uFFFD") && !/[\x00-\x08\x0e-\x1f]/.test(text);
  if (response.body.length && isText) {
    asserts.push(
      text.length <= 200
        ? `body == ${hurlQuoted(text)}`
        : `body contains ${hurlQuoted(text.split("\n", 1)[0]!.slice(0, 80))}`,
    );
  }
  if (asserts.length) lines.push("[Asserts]", ...asserts);
  return `${lines.join("\n")}\n`;
}

/** `checks.hurl`'s text with `entry` appended (a blank line between entries). */
export function appendEntry(checks: string | undefined, entry: string): string {
  if (!checks?.trim()) return entry;
  return `${checks.replace(/\s*$/, "")}\n\n${entry}`;
}
