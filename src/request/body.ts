/**
 * @module body
 * The bytes of a body in each mode, and the Content-Type that goes with
 * them: form fields are encoded as a browser encodes them
 * (application/x-www-form-urlencoded, multipart/form-data with a boundary).
 */
import { concatBytes } from "../runtime/concat-bytes";
import type { BodyDraft, Row } from "./draft";
import { MAX_BODY_BYTES } from "./draft";
import { RequestError } from "./validate";

const encoder = new TextEncoder();

/** A body ready to send. */
export interface EncodedBody {
  bytes: Uint8Array;
  /** The Content-Type the mode implies, or null (no body, or a raw body without one). */
  contentType: string | null;
}

/** `application/x-www-form-urlencoded` encoding of one string, as browsers do it. */
export function formEncode(text: string): string {
  return Array.from(encoder.encode(text), (byte) => {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9*\-._]/.test(c)) return c;
    if (c === " ") return "+";
    return "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }).join("");
}

function enabled<T extends Row>(rows: T[]): T[] {
  return rows.filter((row) => row.enabled && (row.name !== "" || row.value !== ""));
}

/** Parse hex digits (spaces, newlines and `0x` prefixes allowed) into bytes. */
export function parseHex(text: string): Uint8Array {
  const digits = text.replace(/0x/gi, "").replace(/[\s,]/g, "");
  const bad = /[^0-9a-fA-F]/.exec(digits);
  if (bad) throw new RequestError("Body", `hex: "${bad[0]}" is not a hex digit (use 0-9 and a-f).`);
  if (digits.length % 2)
    throw new RequestError("Body", "hex: an odd number of digits; each byte is two digits.");
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Where a JSON text is broken, as "line L, column C: message". */
export function checkJson(text: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    let where = "";
    if (at) {
      const before = text.slice(0, Number(at[1]));
      const line = before.split("\n").length;
      const column = before.length - before.lastIndexOf("\n");
      where = ` (line ${line}, column ${column})`;
    }
    throw new RequestError("Body", `JSON is not valid${where}: ${message}`);
  }
}

function quoteParam(text: string): string {
  // As browsers do in multipart names: escape the quote and line breaks.
  return text.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** The multipart/form-data body of the enabled parts. */
export function multipartBody(body: BodyDraft): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const part of enabled(body.parts)) {
    let head = `--${body.boundary}\r\nContent-Disposition: form-data; name="${quoteParam(part.name)}"`;
    if (part.kind === "file") {
      const file = part.file;
      head += `; filename="${quoteParam(file?.name ?? "")}"\r\nContent-Type: ${file?.type || "application/octet-stream"}`;
      chunks.push(
        encoder.encode(head + "\r\n\r\n"),
        file?.bytes ?? new Uint8Array(),
        encoder.encode("\r\n"),
      );
    } else {
      chunks.push(encoder.encode(`${head}\r\n\r\n${part.value}\r\n`));
    }
  }
  chunks.push(encoder.encode(`--${body.boundary}--\r\n`));
  return concatBytes(chunks);
}

/** The body bytes and implied Content-Type for the draft's mode. */
export function encodeBody(body: BodyDraft): EncodedBody {
  let encoded: EncodedBody;
  switch (body.mode) {
    case "none":
      return { bytes: new Uint8Array(), contentType: null };
    case "raw":
      encoded = { bytes: encoder.encode(body.raw), contentType: body.rawType.trim() || null };
      break;
    case "json":
      checkJson(body.json);
      encoded = { bytes: encoder.encode(body.json), contentType: "application/json" };
      break;
    case "form": {
      const text = enabled(body.form)
        .map((row) => `${formEncode(row.name)}=${formEncode(row.value)}`)
        .join("&");
      encoded = { bytes: encoder.encode(text), contentType: "application/x-www-form-urlencoded" };
      break;
    }
    case "multipart":
      for (const part of enabled(body.parts)) {
        if (part.kind === "file" && !part.file) {
          throw new RequestError(
            "Body",
            `multipart field "${part.name}": choose a file, or make it a text field.`,
          );
        }
      }
      encoded = {
        bytes: multipartBody(body),
        contentType: `multipart/form-data; boundary=${body.boundary}`,
      };
      break;
    case "binary":
      if (body.binarySource === "file" && !body.binaryFile) {
        throw new RequestError("Body", "binary: choose a file, or give the bytes in hex.");
      }
      encoded = {
        bytes: body.binarySource === "file" ? body.binaryFile!.bytes : parseHex(body.hex),
        contentType:
          body.binarySource === "file" && body.binaryFile?.type
            ? body.binaryFile.type
            : "application/octet-stream",
      };
      break;
  }
  if (encoded.bytes.length > MAX_BODY_BYTES) {
    const mb = (encoded.bytes.length / 1024 / 1024).toFixed(1);
    throw new RequestError(
      "Body",
      `${mb} MB is over the ${MAX_BODY_BYTES / 1024 / 1024} MB limit; the request was not sent.`,
    );
  }
  return encoded;
}
