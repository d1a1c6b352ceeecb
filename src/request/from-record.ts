/**
 * @module from-record
 * A draft from a request record: how a request the preview frame made (or
 * any record) is put back into the panel, to resend or edit.
 */
import type { RequestRecord } from "../wsgi/records";
import { defaultDraft, newRow, type RequestDraft } from "./draft";

// Added again by the panel when it builds the request.
const AUTOMATIC = new Set(["host", "content-length", "content-type", "cookie"]);

/** The draft that sends this record again. */
export function draftFromRecord(record: RequestRecord, host: string): RequestDraft {
  const draft = defaultDraft();
  draft.method = record.method;
  draft.host = host;
  draft.target = record.target;
  draft.headers = record.headers
    .filter(([name]) => !AUTOMATIC.has(name.toLowerCase()))
    .map(([name, value]) => newRow(name, value));
  const type = record.headers.find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? null;
  if (record.body.length > 0) {
    const text = new TextDecoder("utf-8", { fatal: false }).decode(record.body);
    if (text.includes("\uFFFD") || type?.startsWith("multipart/")) {
      draft.body = {
        ...draft.body,
        mode: "binary",
        binarySource: "hex",
        hex: Array.from(record.body, (b) => b.toString(16).padStart(2, "0")).join(" "),
      };
      if (type) draft.headers.push(newRow("Content-Type", type));
    } else {
      draft.body = { ...draft.body, mode: "raw", raw: text, rawType: type ?? "" };
    }
  }
  return draft;
}
